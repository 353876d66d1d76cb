"""What every stage needs to know about a piece of text: its script, and where its sentences end.

One helper decides whether a text is written in Han characters or in Latin letters,
and one splitter finds sentences in either, so ingest, the summary, the dates and the
pages' lang attributes never disagree about the same text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Han characters: the unified ideographs, extension A and the compatibility block.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Every East Asian character counts for the script: kana and hangul in a Chinese page are not Latin.
_EAST_ASIAN = re.compile(r"[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’()\u00c0-\u024f.-]*")
# A line that ends as a sentence does, closing quotes and brackets allowed.
SENTENCE_FINAL = re.compile(r"[.!?。！？…][\"'”’)）」]*$")

# Full stops after these words do not end a sentence ("Mr. Hu", "Sept. 6", "U.S. firms").
ABBREVIATIONS = frozenset("""
    mr mrs ms dr prof st no nos co corp inc ltd jr sr vs gen gov rep sen dept approx est fig
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e
""".split())
_CLOSERS = "\"'”’)）」』"
# A Latin sentence ends at . ! ? before a space and a capital or a digit; a Chinese one at 。！？
# (or at ! ? that NFKC-normalised text turned ASCII) whatever follows.
_SENTENCE_END = re.compile(
    rf"[.!?]+[{_CLOSERS}]*\s+(?=[\"“‘(]?[A-Z0-9])"
    rf"|[。！？]+[{_CLOSERS}]*\s*"
    rf"|[!?]+[{_CLOSERS}]*(?=\s*[\u3400-\u9fff“])"
)


@lru_cache(maxsize=1)
def _traditional_to_simplified():
    # Loaded on first use: only texts with Han characters need it.
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text with traditional Chinese characters written in their simplified forms (same length),
    so that rules, place names and keywords written once in simplified characters match both."""
    if not has_han(text):
        return text
    converter = _traditional_to_simplified()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A rare phrase converts to another length; character by character keeps every position.
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)


def has_han(text: str) -> bool:
    """Whether the text holds any Han character."""
    # Most English text is plain ASCII, which str checks far faster than the pattern can scan it.
    return not text.isascii() and HAN.search(text) is not None


def script_of(text: str) -> str:
    """'han' or 'latin', whichever writes more of the text (a Han character counts as a short word)."""
    east_asian = len(_EAST_ASIAN.findall(text))
    latin = len(_LATIN.findall(text))
    return "han" if east_asian * 3 > latin else "latin"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation included and surrounding spaces left out."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text[start:match.start() + 1]):
            continue
        spans.append(_strip_span(text, start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return [span for span in spans if span[0] < span[1]]


def _ends_with_abbreviation(text: str) -> bool:
    """'... Mr.' or '... J.' : the full stop closes an abbreviation or an initial, not the sentence."""
    before = re.search(r"([\w.]+)\.$", text)
    return bool(before) and (before.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", before.group(1)))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_ends_at(text: str, position: int) -> bool:
    """Whether one of the text's sentences ends at `position` (just after its closing punctuation)."""
    return any(end == position for _, end in sentence_spans(text))


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing punctuation."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence holding text[start:end], and where it starts."""
    for first, last in sentence_spans(text):
        if first <= start < max(last, first + 1) or (start < first and end > first):
            return first, text[first:max(last, end)]
    return 0, text


def words(text: str) -> list[str]:
    """The words of a line, with words glued by a scraper ('storiesGet') split apart."""
    return _WORDS.findall(_unglue(text))


def _unglue(text: str) -> str:
    """Put back the spaces a scraper lost between link texts: 'storiesGet', 'RSSNewsletter'."""
    return re.sub(r"(?<=[a-z]{2})(?=[A-Z][a-z]|[A-Z]{2})|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})", " ", text)


def size(text: str) -> int:
    """Length in words; Han characters count as half a word each."""
    return len(words(text)) + len(HAN.findall(text)) // 2


def is_prose(text: str) -> bool:
    """A line of running text: a sentence of some length, or a long line."""
    n = size(text)
    if SENTENCE_FINAL.search(text):
        return n >= 8
    # A long line that has sentences in it but lost its final full stop (an excerpt cut short).
    return n >= 25 and len(split_sentences(text)) > 1


# Longer words that say nothing of a text's topic.
_FUNCTION_WORDS = frozenset("""
    with that this from have will been were their there which also into than more said says about after
    over such they them these those what when where while would could should other some most very just
    only being each both under between through during before your ours
""".split())


def content_words(text: str) -> set[str]:
    """The longer words of a text, lowercased, and its Han characters: for comparing texts' topics."""
    found = {w.lower().strip(".'’-()") for w in words(text)}
    return {w for w in found if len(w) > 3 and w not in _FUNCTION_WORDS} | set(HAN.findall(text))
