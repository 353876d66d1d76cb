"""Find the article in a scraped page's text: the headline and paragraphs, without site chrome.

Every rule here is about lines of any news page (labels such as "Tel:", share bars,
page numbers, text in another script), never about a particular site or seed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.dates import find_dates
from generator.text import script_of, split_sentences

# Kinds of line.
BLANK, NOISE, META, SPEAKER, TEXT = "blank", "noise", "meta", "speaker", "text"

_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_HAN = re.compile(r"[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’()\u00c0-\u024f.-]*")
_PROSE_PUNCTUATION = re.compile(r"[.,;!?，。；！？]")
_SENTENCE_FINAL = re.compile(r"[.!?。！？…][\"'”’)）」]*$")

# A line that starts with one of these labels is contact data, legal text or page furniture.
_LABEL = re.compile(
    r"^[\W\d_]*(?:tel|telephone|phone|mobile phone|fax|add|addr|address|e-?mail|contact(?: us)?|hotline"
    r"|post ?code|zip(?: code)?|disclaimer|statement|legal notice|copyright|editor|editors|editor in charge"
    r"|responsible editor|chief editor|executive editor|proofreader|source|sources|tags?|keywords?"
    r"|related(?: articles| news| stories| reading)?|recommended|share(?: this)?|print|follow us|icp"
    r"|电话|传真|地址|邮编|邮箱|责任编辑|编辑|来源|声明|免责声明|版权|关键词)\s*[:：]",
    re.IGNORECASE,
)
_SOURCE_LABEL = re.compile(r"^\W*(?:source|sources|来源)\s*[:：]\s*(.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:[Bb]y|[Rr]eporters?|[Ww]riter|[Aa]uthor|[Ww]ritten by)\s*:?\s+(?:[A-Z][\w'.-]*\s*){1,4}"
                     r"(?:(?:and|&)\s+(?:[A-Z][\w'.-]*\s*){1,4})?$")
_COPYRIGHT = re.compile(r"©|\ball rights reserved\b|^\W*copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|\(c\)\s*(?:19|20)\d\d"
                        r"|版权所有|icp备|icp证", re.IGNORECASE)
# Phrases that only site furniture uses: search boxes, comment forms, app and social prompts, disclaimers.
_CHROME_PHRASES = re.compile(
    r"press enter to search|start typing|type (?:and|to) search|font size|text size|join the conversation"
    r"|comments? (?:may|will) be (?:removed|deleted)|enter the (?:words|code|characters)|user ?name required"
    r"|^\W*(?:user ?name|your (?:comment|name|e-?mail)|password|captcha)\W*$|download our app"
    r"|scan the qr code to (?:follow|download|subscribe|share)|click here to|sign up for our|subscribe to our"
    r"|back to top|you may also like|most (?:read|popular|viewed)"
    r"|please contact us for (?:removal|deletion)|infringes? (?:upon )?(?:your|the) rights"
    r"|are sourced from the internet"
    r"|reproduced (?:from|with permission)|views expressed (?:here|in this)"
    r"|resolution (?:is|are) (?:suggested|recommended)|best viewed (?:with|in|at)"
    r"|^\W*(?:share|share this|share on|print|e-?mail|bookmark)\W*$|^\W*(?:previous|next)(?: page| article)?\W*$",
    re.IGNORECASE,
)
# Words of buttons, menus and forms. A short line made mostly of these is furniture.
_UI_WORDS = frozenset("""
    share shares shared print printer email e-mail mail bookmark bookmarks comment comments comment(s) forum
    follow twitter facebook weibo wechat linkedin whatsapp telegram youtube instagram tiktok douyin rss
    newsletter newsletters subscribe subscription download app apps mobile login logout log-in signin
    register password username search typing font explore contact homepage menu sitemap privacy cookies
    cookie moderator captcha tweet reply replies submit feedback copyright disclaimer advertisement
    advertising ads qr wap pc archive archives close
""".split())
_STOPWORDS = frozenset("""
    a an the and or of to in on at for from by with this that these those your you our us we it its is are
    be no not more all here now go get see
""".split())
_PAGINATION = re.compile(r"^[\s<>«»‹›|.…·-]*(?:(?:\d{1,3}|first|last|prev|previous|next|more|page)"
                         r"[\s<>«»‹›|.…·-]*){2,}$"
                         r"|^\W*page \d+ (?:of|/) \d+\W*$", re.IGNORECASE)
# "Home > News > Business": short items between separators, and no sentence.
_NAVIGATION = re.compile(r"^\W*(?:[^\s>»›|/.!?。][^>»›|/.!?。]{0,30}\s*[>»›|/]\s*){2,}"
                         r"[^>»›|/.!?。]{0,30}$")
_CAPTION = re.compile(r"[\[(（【]\s*(?:photo|photos|image|picture|pic|video)\s*(?:[:：/]|by\b)"
                      r"|^\W*(?:photo|photos|image|picture)\s*(?:[:：/]|by\b)|图[:：/]|摄影?[:：]",
                      re.IGNORECASE)
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


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article; speaker paragraphs name who talks next in a transcript."""

    text: str
    speaker: bool = False


@dataclass(frozen=True)
class Article:
    """What a seed holds once the page furniture is gone."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    meta: tuple[str, ...]
    script: str

    def prose(self) -> tuple[str, ...]:
        """The paragraphs without speaker lines."""
        return tuple(p.text for p in self.paragraphs if not p.speaker)


def tidy(text: str) -> str:
    """Whitespace normalised: no-break and other odd spaces become one space; nothing else changes."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return re.sub(r" {2,}", " ", _SPACES.sub(" ", text)).strip()


def dominant_script(lines: list[str]) -> str:
    """The article's script, judged on lines with sentence punctuation so that spam lists do not count."""
    prose = [line for line in lines if _PROSE_PUNCTUATION.search(line)] or lines
    return script_of(" ".join(prose))


def words(text: str) -> list[str]:
    """The words of a line, with words glued by a scraper ('storiesGet') split apart."""
    return _WORDS.findall(_unglue(text))


def _unglue(text: str) -> str:
    """Put back the spaces a scraper lost between link texts: 'storiesGet', 'RSSNewsletter'."""
    return re.sub(r"(?<=[a-z]{2})(?=[A-Z][a-z]|[A-Z]{2})|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})", " ", text)


def size(text: str) -> int:
    """Length in words; Han characters count as half a word each."""
    return len(words(text)) + len(_HAN.findall(text)) // 2


def is_prose(text: str) -> bool:
    """A line of running text: a sentence of some length, or a long line."""
    n = size(text)
    if _SENTENCE_FINAL.search(text):
        return n >= 8
    # A long line that has sentences in it but lost its final full stop.
    return n >= 40 and len(split_sentences(text)) > 1


def noise_reason(text: str, script: str) -> str:
    """Why a line is page furniture rather than article text, or '' if it may be article text."""
    letters = len(_HAN.findall(text)) + len(_LATIN.findall(text))
    if letters == 0:
        return "pagination row" if _PAGINATION.match(text) else "no words"
    if script_of(text) != script and (len(_HAN.findall(text)) >= 2 or size(text) >= 3):
        return "text in another script"
    if _PAGINATION.match(text):
        return "pagination row"
    if _COPYRIGHT.search(text) and size(text) <= 40:
        return "copyright line"
    if _LABEL.match(text):
        return "contact or label line"
    if _CHROME_PHRASES.search(text) and size(text) <= 40:
        return "site furniture"
    if _mostly_ui_words(words(text)) or _mostly_ui_words(_WORDS.findall(text)):
        return "share bar or menu"
    if _NAVIGATION.match(text):
        return "navigation"
    if _BYLINE.match(text) and not _SENTENCE_FINAL.search(text):
        return "byline"
    if _CAPTION.search(text) and size(text) <= 40:
        return "photo caption (the photo is not in the text)"
    return ""


def _mostly_ui_words(found: list[str]) -> bool:
    """A short line whose words are mostly those of buttons and menus."""
    tokens = [w.lower().strip(".'’-") for w in found]
    content = [t for t in tokens if t and t not in _STOPWORDS]
    ui = [t for t in content if t in _UI_WORDS]
    return bool(ui) and len(tokens) <= 12 and 2 * len(ui) >= len(content)


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
    if is_dateline(text) or _SOURCE_LABEL.match(text):
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
                and not _SENTENCE_FINAL.search(previous) and not previous.endswith((":", "：", ";"))):
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
    if _HAN.search(text) and script_of(text) == "han":
        length = len(_HAN.findall(text))
        return 6 <= length <= 80 and not text.endswith(("。", "：", ":"))
    n = len(words(text))
    if not 3 <= n <= 40 or len(text) > 300 or text.endswith((":", "：", ",", ";")):
        return False
    if text[:1].islower():
        return False
    return not text.endswith(".") or (n <= 20 and len(split_sentences(text)) == 1)


def content_words(text: str) -> set[str]:
    """The longer words of a text, lowercased, and its Han characters: for comparing texts' topics."""
    found = {w.lower().strip(".'’-()") for w in words(text)}
    return {w for w in found if len(w) > 3} | set(_HAN.findall(text))


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
    while end and (paragraphs[end - 1].speaker or not _SENTENCE_FINAL.search(paragraphs[end - 1].text)):
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


def extract_article(text: str) -> Article:
    """The headline, paragraphs and dateline lines of a seed's text; raise NoArticle if there is none."""
    lines, script = read_lines(text)
    title_index = find_title(lines)
    title = lines[title_index].text
    body = lines[title_index + 1:end_of_article(lines, title_index + 1)]
    paragraphs = drop_repeats(title, drop_tail(build_paragraphs(body)))
    if sum(size(p.text) for p in paragraphs if not p.speaker) < 25:
        raise NoArticle("no article text found: too little text follows the headline.",
                        "a seed must be a news article: a headline line, then paragraphs of text.")
    meta = tuple(line.text for line in lines if line.kind == META)
    return Article(title=title, paragraphs=tuple(paragraphs), meta=meta, script=script)
