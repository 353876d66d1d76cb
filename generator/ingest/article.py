"""Find the article in a scraped page's text: the headline and paragraphs, without site chrome.

Every rule here is about lines of any news page (labels such as "Tel:", share bars,
page numbers, text in another script), never about a particular site or seed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.ingest.dates import find_dates
from generator.ingest.noise import SOURCE_LABEL, noise_reason
from generator.ingest.records import Article, Paragraph, Seed
from generator.text import HAN, SENTENCE_FINAL, content_words, is_prose, script_of, size, split_sentences, words

# Kinds of line.
BLANK, NOISE, META, SPEAKER, TEXT = "blank", "noise", "meta", "speaker", "text"

_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PROSE_PUNCTUATION = re.compile(r"[.,;!?，。；！？]")

# Headings that close an article: what follows are links to other pages.
_END_MARKER = re.compile(
    r"^\W*(?:related(?: stories| news| articles| reading| posts| content| links)?|read more|read also|see also"
    r"|more (?:stories|news|from \w+)|you (?:may|might) also like|recommended(?: for you| reading| stories)?"
    r"|most (?:read|popular|viewed)|editor'?s picks|trending(?: now)?|latest news|top stories"
    r"|相关(?:新闻|阅读|文章|报道)|推荐阅读|延伸阅读)\W*$",
    re.IGNORECASE,
)
# "Hu Henghua:" or "Chongqing Daily:" -- who speaks next in a transcript.
_SPEAKER = re.compile(r"^(?:(?:[A-Z][\w.'’-]*|of|the|and|de|van|von)\s?){1,6}[:：]$|^[\u3400-\u9fff·]{2,12}[:：]$")
# A sentence of at least this many distinct long words, this share of them in the sentence
# before, says nothing new.
RESTATEMENT_MIN_WORDS, RESTATEMENT_SHARE = 10, 0.8


class NoArticle(ValueError):
    """The text holds no article that ingest can recognise."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Line:
    """One line of a seed, whitespace tidied, with what kind of line it is and why."""

    number: int
    text: str
    kind: str
    reason: str = ""


def tidy(text: str) -> str:
    """Whitespace normalised: no-break and other odd spaces become one space; nothing else changes."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return re.sub(r" {2,}", " ", _SPACES.sub(" ", text)).strip()


def dominant_script(lines: list[str]) -> str:
    """The article's script, judged on lines with sentence punctuation so that spam lists do not count."""
    prose = [line for line in lines if _PROSE_PUNCTUATION.search(line)] or lines
    return script_of(" ".join(prose))


def is_dateline(text: str) -> bool:
    """A short line that dates the page ('China.org.cn, July 5, 2024', 'Published: 2021-08-23 10:13')."""
    if is_prose(text) and not re.search(r"\|", text):
        return False
    dated = [d for d in find_dates(text) if d.day is not None]
    return bool(dated) and size(text) <= 16


def classify(number: int, text: str, script: str) -> Line:
    """Decide what kind of line this is."""
    if not text:
        return Line(number, text, BLANK)
    if is_dateline(text) or SOURCE_LABEL.match(text):
        return Line(number, text, META, "dateline or source")
    reason = noise_reason(text, script)
    if reason:
        return Line(number, text, NOISE, reason)
    if _SPEAKER.match(text) and size(text) <= 6:
        return Line(number, text, SPEAKER)
    return Line(number, text, TEXT)


def unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) with hard-wrapped lines joined: a line that stops mid-sentence
    continues on the next one when that starts in lower case."""
    joined: list[tuple[int, str]] = []
    for number, text in enumerate(lines, 1):
        if (joined and text[:1].islower() and _LATIN.match(text)
                and (previous := joined[-1][1]) and len(words(previous)) >= 4
                and not SENTENCE_FINAL.search(previous) and not previous.endswith((":", "：", ";"))):
            joined[-1] = (joined[-1][0], f"{previous} {text}")
        else:
            joined.append((number, text))
    return joined


def read_lines(text: str) -> tuple[tuple[Line, ...], str]:
    """The seed's lines, tidied, unwrapped and classified, and the article's script."""
    raw = unwrap([tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")])
    script = dominant_script([line for _, line in raw if line])
    return tuple(classify(number, line, script) for number, line in raw), script


def is_headline(text: str) -> bool:
    """Could be a headline: a few words to a long line, capitalised, not a sentence of a paragraph."""
    if HAN.search(text) and script_of(text) == "han":
        length = len(HAN.findall(text))
        return 6 <= length <= 80 and not text.endswith(("。", "：", ":"))
    n = len(words(text))
    if not 3 <= n <= 40 or len(text) > 300 or text.endswith((":", "：", ",", ";")):
        return False
    if text[:1].islower():
        return False
    return not text.endswith(".") or (n <= 20 and len(split_sentences(text)) == 1)


def find_title(lines: tuple[Line, ...]) -> int:
    """Index of the headline: among headline-like lines before the first paragraph of prose,
    the one sharing most words with the opening paragraphs (the first on a tie)."""
    first_prose = next((i for i, line in enumerate(lines) if line.kind == TEXT and is_prose(line.text)), None)
    if first_prose is None:
        raise NoArticle("no article text found: no line reads as a paragraph of sentences.",
                        "a seed must be a news article: a headline line, then paragraphs of text.")
    candidates = [i for i, line in enumerate(lines[:first_prose]) if line.kind == TEXT and is_headline(line.text)]
    if not candidates:
        raise NoArticle("no headline found before the first paragraph.",
                        "put the article's headline on a line of its own above the text.")
    opening = set()
    for line in [line for line in lines[first_prose:] if line.kind == TEXT][:2]:
        opening |= content_words(line.text)
    return max(candidates, key=lambda i: (len(content_words(lines[i].text) & opening), -i))


def _key(text: str) -> str:
    """How repeated text is recognised: case, spacing and punctuation do not matter."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def build_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """The body's kept lines as paragraphs (wrapped lines were joined already)."""
    return [Paragraph(line.text, speaker=line.kind == SPEAKER) for line in lines if line.kind in (TEXT, SPEAKER)]


def end_of_article(lines: tuple[Line, ...], start: int) -> int:
    """Where the article stops: at a 'Related stories' heading after some prose, else the end."""
    seen_prose = False
    for index in range(start, len(lines)):
        line = lines[index]
        if seen_prose and _END_MARKER.match(line.text):
            return index
        seen_prose = seen_prose or (line.kind == TEXT and is_prose(line.text))
    return len(lines)


def drop_tail(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Drop the lines after the article that are no sentences: other headlines, credits, a lone speaker name."""
    end = len(paragraphs)
    while end and (paragraphs[end - 1].speaker or not SENTENCE_FINAL.search(paragraphs[end - 1].text)):
        end -= 1
    return paragraphs[:end]


def is_restatement(sentence: str, previous: str) -> bool:
    """A long sentence whose words nearly all stand in the sentence before it: the same text
    scraped twice, perhaps in two translations. Short sentences are never judged so."""
    mine = content_words(sentence)
    return len(mine) >= RESTATEMENT_MIN_WORDS and len(mine & content_words(previous)) >= RESTATEMENT_SHARE * len(mine)


def drop_repeats(title: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Keep once what the scraper repeated: the headline again, a paragraph, or a sentence."""
    seen_paragraphs = {_key(title)}
    seen_sentences: set[str] = set()
    previous = ""
    kept = []
    for paragraph in paragraphs:
        key = _key(paragraph.text)
        if paragraph.speaker or size(paragraph.text) < 6:
            kept.append(paragraph)  # "Thank you." may well be said twice
            continue
        if key in seen_paragraphs:
            continue
        seen_paragraphs.add(key)
        sentences = split_sentences(paragraph.text)
        fresh = []
        for sentence in sentences:
            sentence_key = _key(sentence)
            if size(sentence) >= 6 and sentence_key in seen_sentences or is_restatement(sentence, previous):
                continue
            seen_sentences.add(sentence_key)
            previous = sentence
            fresh.append(sentence)
        if len(fresh) == len(sentences):
            kept.append(paragraph)
        elif fresh:
            joiner = "" if script_of(paragraph.text) == "han" else " "
            kept.append(Paragraph(joiner.join(fresh)))
    return kept


def find_article(seed: Seed) -> Article:
    """The headline, paragraphs and dateline lines of a seed's text; raise NoArticle if there is none."""
    lines, script = read_lines(seed.text)
    title_index = find_title(lines)
    title = lines[title_index].text
    body = lines[title_index + 1:end_of_article(lines, title_index + 1)]
    paragraphs = drop_repeats(title, drop_tail(build_paragraphs(body)))
    if sum(size(p.text) for p in paragraphs if not p.speaker) < 25:
        raise NoArticle("no article text found: too little text follows the headline.",
                        "a seed must be a news article: a headline line, then paragraphs of text.")
    meta = tuple(line.text for line in lines if line.kind == META)
    chrome = tuple(line.text for line in lines if line.kind == NOISE)
    return Article(seed=seed, title=title, title_derived=False, paragraphs=tuple(paragraphs), meta=meta,
                   chrome=chrome, script=script)
