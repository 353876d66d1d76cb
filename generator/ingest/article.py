"""Stage 2: find the article in a scraped page's text: its headline and paragraphs, without site chrome.

Every rule here is about lines of any news page (labels such as "Tel:", share bars,
page numbers, text in another script), never about a particular site or seed. A text
without a headline still gives an article: its title is made from the first sentence,
and the Article says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.ingest.dates import find_dates
from generator.ingest.noise import SOURCE_LABEL, is_ticker, noise_reason
from generator.ingest.records import Article, Paragraph, Seed, UnusableSeed
from generator.text import (HAN, SENTENCE_FINAL, content_words, is_prose, script_of, simplified, size,
                            split_sentences, words)

# Kinds of line.
BLANK, NOISE, META, SPEAKER, TEXT = "blank", "noise", "meta", "speaker", "text"

_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PROSE_PUNCTUATION = re.compile(r"[.,;!?，。；！？]")

# A scraper's or page's date stamp glued before the text of a line: "date 2023-07-11 SHENYANG, China, ...".
_NUMERIC_STAMP = r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
_STAMP_PREFIX = re.compile(rf"^\W*(?:date|time|published|updated|posted)?\s*[:：]?\s*(?:{_NUMERIC_STAMP})"
                           r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=\S)", re.IGNORECASE)
# ...or after a headline: "Dongguan targets high-tech manufacturing 06/26/2017 09:23".
_STAMP_SUFFIX = re.compile(rf"\s+(?:{_NUMERIC_STAMP})(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$")
# Headings that close an article: what follows are links to other pages.
_END_MARKER = re.compile(
    r"^\W*(?:related(?: stories| news| articles| reading| posts| content| links)?|read more|read also|see also"
    r"|more (?:stories|news|from \w+)|you (?:may|might) also like|recommended(?: for you| reading| stories)?"
    r"|most (?:read|popular|viewed)|editor'?s picks|trending(?: now)?|latest news|top stories"
    r"|相关(?:新闻|阅读|文章|报道|链接|推荐)|推荐阅读|延伸阅读|热点推荐|热门推荐|今日热搜|猜你喜欢|更多(?:新闻|阅读|精彩)?)\W*$",
    re.IGNORECASE,
)
# "Hu Henghua:" or "Chongqing Daily:" -- who speaks next in a transcript.
_SPEAKER = re.compile(r"^(?:(?:[A-Z][\w.'’-]*|of|the|and|de|van|von)\s?){1,6}[:：]$|^[\u3400-\u9fff·]{2,12}[:：]$")
# A Chinese site's or wire's credit glued before the first sentence: "某某网讯(某某日报 记者某某)",
# "新华社北京7月8日电(记者某某)"; and a reporter's credit glued after the last: "(记者某某)".
_CREDIT_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,16}(?:讯|\d{1,2}月\d{1,2}日电)\s*(?:[(（][^()（）]{0,30}[)）])?\s*")
_CREDIT_SUFFIX = re.compile(r"\s*[(（](?:记者|通讯员|编辑|责任编辑|作者|文|图)\s*[:：]?[^()（）]{1,24}[)）]\s*$")
# A wire or agency dateline before a lead, in pieces: "SHENYANG, China, July 11, 2023 /PRNewswire/ --",
# "FUZHOU, CHINA - Media OutReach - 28 April 2023 -", "XI'AN, May 18 (Xinhua) --", "URUMQI -".
_DATELINE_PIECE_END = re.compile(r"\s*/[A-Za-z][\w .&-]{1,40}/\s*(?:--|[-—–.:])?\s*"
                                 r"|\s*\([A-Z][\w .&-]{1,40}\)\s*(?:--|[-—–:])\s*|\s+(?:--|[-—–])\s+")
_DATELINE_PLACE = re.compile(r"^[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,2}(?:,|$)")
# Where a seed states the original article's address: alone on its first line, or on a labelled
# line ("Source: https://...", "URL: ...", "原文链接：..."). An address inside a sentence is the
# article's own text, never taken.
_ADDRESS_LABEL = re.compile(r"^\W*(?:source|url|link|original(?: article| url| link)?|原文链接|原文地址|原文网址|原文|来源|網址|网址)"
                            r"\s*[:：]\s*(?P<address>\S+)\s*$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?P<address>[A-Za-z][A-Za-z0-9+.-]*:\S+)$")
SAFE_SCHEMES = ("http", "https")
# An adverbial or participial phrase that opens a sentence before its subject.
_LEADING_PHRASE = re.compile(r"^(?:On|In|At|By|During|After|Since|Before|Under|With|As|According to|Founded"
                             r"|Established|Located|Based|Set up|Launched)\b[^,]{0,120},\s+(?=\S)")
# A sentence of at least this many distinct long words, this share of them in the sentence
# before, says nothing new.
RESTATEMENT_MIN_WORDS, RESTATEMENT_SHARE = 10, 0.8
# A derived English title is cut at a word boundary within these lengths (characters), at a
# clause boundary when there is one; a Chinese one is the first clause, at most this many characters.
TITLE_MIN, TITLE_MAX, HAN_TITLE_MAX = 60, 110, 40
# A trailing paragraph this long is the article cut off mid-sentence, not a link or a credit.
TRUNCATED_PARAGRAPH_SIZE = 15


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
    if (is_dateline(text) and not is_ticker(text)) or SOURCE_LABEL.match(simplified(text)):
        return Line(number, text, META, "dateline or source")
    reason = noise_reason(text, script)
    if reason:
        return Line(number, text, NOISE, reason)
    if _SPEAKER.match(text) and size(text) <= 6:
        return Line(number, text, SPEAKER)
    return Line(number, text, TEXT)


def split_stamps(text: str) -> list[str]:
    """A line with a date stamp glued before or after its text, as two lines: the stamp, then the text."""
    prefix = _STAMP_PREFIX.match(text)
    if prefix and find_dates(prefix.group()):
        return [prefix.group().strip(), *split_stamps(text[prefix.end():])]
    suffix = _STAMP_SUFFIX.search(text)
    # Only after a headline: a dateline ("China Daily | Updated: 2023-11-14 09:21") stays whole.
    if suffix and is_headline(text[:suffix.start()]) and "|" not in text and find_dates(suffix.group()):
        return [text[:suffix.start()].strip(), suffix.group().strip()]
    return [text]


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
    pieces = [(number, piece) for number, line in raw for piece in split_stamps(line)]
    script = dominant_script([line for _, line in pieces if line])
    return tuple(classify(number, line, script) for number, line in pieces), script


def is_headline(text: str) -> bool:
    """Could be a headline: a few words to a long line, capitalised, not a sentence of a paragraph."""
    if HAN.search(text) and script_of(text) == "han":
        length = len(HAN.findall(text))
        return 6 <= length <= 80 and not text.endswith(("。", "：", ":"))
    n = len(words(text))
    if not 3 <= n <= 40 or len(text) > 300 or text.endswith((":", "：", ",", ";")):
        return False
    if re.match(r"[–—-]\s", text):
        return False  # a deck under the headline: "– An interview with the mayor"
    if split_dateline(text)[0]:
        return False  # "FUZHOU, CHINA - Agency - 28 April 2023 - On ...": the lead, cut short
    if text[:1].islower():
        return False
    return not text.endswith(".") or (n <= 20 and len(split_sentences(text)) == 1)


def _topic_overlap(text: str, opening: set[str]) -> int:
    """How many of a line's words (or, in Chinese, characters) the opening paragraphs share."""
    return len(content_words(simplified(text)) & opening)


def _shares_the_topic(text: str, overlap: int) -> bool:
    """Whether a headline-like line is about the article: a long word in common, or in Chinese a
    fair share of its characters. A teaser of another story shares none."""
    if script_of(text) == "han":
        return overlap >= max(2, len(set(HAN.findall(text))) // 4)
    return overlap >= 1


def find_headline(lines: tuple[Line, ...], first_prose: int) -> int | None:
    """Index of the headline: among headline-like lines before the first paragraph of prose,
    the one sharing most words with the opening paragraphs (the first on a tie); None if no
    line there is about the article."""
    candidates = [i for i, line in enumerate(lines[:first_prose]) if line.kind == TEXT and is_headline(line.text)]
    opening: set[str] = set()
    for line in [line for line in lines[first_prose:] if line.kind == TEXT][:3]:
        opening |= content_words(simplified(line.text))
    scored = [(_topic_overlap(lines[i].text, opening), -i) for i in candidates]
    if not scored:
        return None
    overlap, index = max(scored)
    return -index if _shares_the_topic(lines[-index].text, overlap) else None


def split_dateline(text: str) -> tuple[str, str]:
    """(dateline, rest) of a lead that opens with a wire or agency dateline, else ('', text)."""
    position = 0
    for _ in range(4):
        match = _DATELINE_PIECE_END.search(text, position)
        if match is None or match.start() - position > 80:
            break
        piece = text[position:match.start()].strip(" ,")
        if not _is_dateline_piece(piece, first=position == 0):
            break
        position = match.end()
    return text[:position].strip(), text[position:]


def _is_dateline_piece(piece: str, first: bool) -> bool:
    """A place ('SHENYANG, China', 'URUMQI'), a date or an agency's name: one piece of a dateline."""
    if not piece or size(piece) > 10:
        return False
    if first:
        return bool(_DATELINE_PLACE.match(piece)) and (bool(find_dates(piece)) or "china" in piece.lower()
                                                       or piece.split(",")[0].isupper())
    return bool(find_dates(piece)) or all(w[:1].isupper() for w in piece.split())


def derive_title(lead: str, script: str) -> str:
    """A title made from the article's first sentence, for a text without a headline."""
    lead = _CREDIT_PREFIX.sub("", split_dateline(lead)[1]).strip()
    if script == "han":
        return _first_clause(lead)
    sentence = split_sentences(lead)[0] if lead else lead
    # "On the afternoon of April 26, the ceremony was held", "Founded in 2004, the zone is ...":
    # the phrase before the subject says when or how, not what happened.
    opening = _LEADING_PHRASE.match(sentence)
    if opening and len(sentence) - opening.end() >= TITLE_MIN // 2:
        sentence = sentence[opening.end():]
    sentence = sentence.rstrip(" .;:")
    if len(sentence) > TITLE_MAX:
        window = sentence[:TITLE_MAX + 1]
        # The first clause boundary past the shortest title keeps subject and verb and no more;
        # else the last prepositional phrase that would not fit is left out, else the last word.
        clauses = [m.start() for m in re.finditer(r",\s|\s(?:which|who|while|where|whereas)\s", window)
                   if m.start() >= TITLE_MIN and not _inside_quotes(window, m.start())]
        phrases = [m.start() for m in re.finditer(r"\s(?:in|at|on|with|for|from|to|as|by|during|after|under)\s",
                                                   window)
                   if m.start() >= TITLE_MIN and not _inside_quotes(window, m.start())]
        cut = clauses[0] if clauses else (phrases[-1] if phrases else window.rfind(" "))
        sentence = sentence[:cut if cut > 0 else TITLE_MAX]
        sentence = re.sub(r"(?:\s+(?:a|an|and|at|by|for|from|in|into|of|on|or|the|to|with|its|their))+$", "",
                          sentence.rstrip(" ,;:"))
    return sentence[:1].upper() + sentence[1:]


def _inside_quotes(text: str, position: int) -> bool:
    """Whether a quotation opened before this position is still open there."""
    before = text[:position]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _first_clause(lead: str) -> str:
    """The first clause of a Chinese lead that says something: a clause of only a date is skipped."""
    clauses = [c.strip() for c in re.split(r"[,，;；。!?！？]", lead) if c.strip()]
    for clause in clauses:
        rest = clause
        for found in reversed(find_dates(clause)):
            rest = rest[:found.start] + rest[found.end:]
        if len(HAN.findall(rest)) >= 4:
            return clause[:HAN_TITLE_MAX]
    return lead[:HAN_TITLE_MAX]


def _key(text: str) -> str:
    """How repeated text is recognised: case, spacing and punctuation do not matter."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def build_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """The body's kept lines as paragraphs (wrapped lines were joined already), without a
    site's or reporter's credit glued to their first or last sentence."""
    paragraphs = []
    for line in lines:
        if line.kind not in (TEXT, SPEAKER):
            continue
        text = line.text
        if line.kind == TEXT and HAN.search(text):
            plain = simplified(text)
            prefix = _CREDIT_PREFIX.match(plain)
            suffix = _CREDIT_SUFFIX.search(plain)
            text = text[prefix.end() if prefix else 0:suffix.start() if suffix else len(text)].strip()
        if text:
            paragraphs.append(Paragraph(text, speaker=line.kind == SPEAKER))
    return paragraphs


def end_of_article(lines: tuple[Line, ...], start: int) -> int:
    """Where the article stops: at a 'Related stories' heading after some prose, else the end."""
    seen_prose = False
    for index in range(start, len(lines)):
        line = lines[index]
        if seen_prose and _END_MARKER.match(simplified(line.text)):
            return index
        seen_prose = seen_prose or (line.kind == TEXT and is_prose(line.text))
    return len(lines)


def drop_tail(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Drop the lines after the article that are no sentences: other headlines, credits, a lone
    speaker name. A long paragraph cut off mid-sentence is the article itself, and stays."""
    end = len(paragraphs)
    while end and (paragraphs[end - 1].speaker or not (SENTENCE_FINAL.search(paragraphs[end - 1].text)
                                                       or _cut_off_prose(paragraphs[end - 1].text))):
        end -= 1
    return paragraphs[:end]


def _cut_off_prose(text: str) -> bool:
    """Running text that stops mid-sentence: long, and in English mostly lower-case words (a headline
    or a menu capitalises them); in Chinese, a long run with clause commas."""
    if size(text) < TRUNCATED_PARAGRAPH_SIZE:
        return False
    if script_of(text) == "han":
        return bool(re.search(r"[,，、]", text))
    found = words(text)
    return sum(w[:1].islower() for w in found) >= 0.6 * len(found)


def is_restatement(sentence: str, previous: str) -> bool:
    """A long sentence whose words nearly all stand in the sentence before it: the same text
    scraped twice, perhaps in two translations. Short sentences are never judged so."""
    mine = content_words(sentence)
    return len(mine) >= RESTATEMENT_MIN_WORDS and len(mine & content_words(previous)) >= RESTATEMENT_SHARE * len(mine)


def drop_repeats(title: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Keep once what the scraper repeated: the headline again, a paragraph, or a sentence."""
    seen_paragraphs = {_key(title)} if title else set()
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


def is_lead(text: str) -> bool:
    """Article prose, or a wire story's first paragraph cut short: a dateline, then a dozen words."""
    return is_prose(text) or (bool(split_dateline(text)[0]) and size(split_dateline(text)[1]) >= 12)


def find_article(seed: Seed) -> Article:
    """The headline (or a title made from the lead), paragraphs and dateline lines of a seed's text;
    raise UnusableSeed when no line of it reads as article prose."""
    lines, script = read_lines(seed.text)
    first_prose = next((i for i, line in enumerate(lines) if line.kind == TEXT and is_lead(line.text)), None)
    if first_prose is None:
        raise UnusableSeed("no article text found: no line reads as a paragraph of sentences.",
                           "a seed must be a news article: paragraphs of text, ideally under a headline line.")
    title_index = find_headline(lines, first_prose)
    start = first_prose if title_index is None else title_index + 1
    body = lines[start:end_of_article(lines, start)]
    paragraphs = drop_tail(build_paragraphs(list(body)))
    if title_index is None:
        prose = [p.text for p in paragraphs if not p.speaker]
        title = derive_title(prose[0] if prose else lines[first_prose].text, script)
        paragraphs = drop_repeats("", paragraphs)
    else:
        title = lines[title_index].text
        paragraphs = drop_repeats(title, paragraphs)
    if sum(size(p.text) for p in paragraphs if not p.speaker) < 25:
        raise UnusableSeed("no article text found: too little prose besides the headline.",
                           "a seed must be a news article: paragraphs of text, ideally under a headline line.")
    meta = tuple(line.text for line in lines if line.kind == META)
    chrome = tuple(line.text for line in lines if line.kind == NOISE)
    address = stated_address(lines)
    safe = address.split(":", 1)[0].lower() in SAFE_SCHEMES and "//" in address
    return Article(seed=seed, title=title, title_derived=title_index is None, paragraphs=tuple(paragraphs),
                   meta=meta, chrome=chrome, script=script, source_url=address if safe else None,
                   refused_address="" if safe else address)


def stated_address(lines: tuple[Line, ...]) -> str:
    """The original article's address as the seed states it, or '': the first line when it is an
    address and nothing else, else the first labelled address line that is not article text."""
    first = next((line for line in lines if line.kind != BLANK), None)
    if first is not None and (match := _ADDRESS.match(first.text)):
        return match.group("address")
    for line in lines:
        match = _ADDRESS_LABEL.match(line.text)
        if line.kind != TEXT and match and _ADDRESS.match(match.group("address")):
            return match.group("address")
    return ""
