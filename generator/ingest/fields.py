"""Stage 3: derive a briefing's front matter from the article, and say which fields a person should check."""

from __future__ import annotations

import re

from generator.gazetteer import Gazetteer
from generator.ingest.article import split_dateline
from generator.ingest.dates import choose_dates, find_dates
from generator.ingest.markdown import render_body
from generator.ingest.places import find_cities
from generator.ingest.records import Article, Draft, Seed, UnusableSeed
from generator.ingest.summary import summarise
from generator.ingest.topics import find_topics
from generator.model import PartialDate
from generator.slugs import slugify
from generator.vocabulary import Vocabulary

SLUG_TITLE_LENGTH = 80


def derive_fields(article: Article, vocabulary: Vocabulary, gazetteer: Gazetteer) -> Draft:
    """Everything ingest writes for one article, derived from its text alone.

    What the text does not say is derived or left out, and named in the draft's review list."""
    seed = article.seed
    date, published = article_dates(article)
    places = find_cities(article, gazetteer)
    if places.city is None:
        raise UnusableSeed("names no Chinese city, so the briefing would have no city.",
                           hint="the digest is about Chinese cities; check the seed is such an article.")
    theme, tags, guessed = find_topics(article, vocabulary)
    review = tuple(field for field, unsure in (("title", article.title_derived), ("date", date is None),
                                               ("city", places.inferred), ("theme", guessed)) if unsure)
    return Draft(seed=seed.label, slug=make_slug(date, article.title), title=article.title, date=date,
                 published=published, city=places.city, cities=places.cities, theme=theme, tags=tags,
                 source=find_source(article), summary=summarise(article, vocabulary, gazetteer),
                 body=render_body(article.paragraphs), review=review, source_url=article.source_url,
                 notes=reading_notes(seed, review, article.refused_address))


def article_dates(article: Article) -> tuple[PartialDate | None, PartialDate | None]:
    """(date, published) of the article. A wire dateline opening the lead dates the release, so it
    counts with the page's datelines, not as the date of an event the lead reports."""
    prose = list(article.prose())
    dateline, rest = split_dateline(prose[0]) if prose else ("", "")
    if dateline:
        return choose_dates(article.title, [rest, *prose[1:]], (*article.meta, dateline))
    return choose_dates(article.title, prose, article.meta)


def reading_notes(seed: Seed, review: tuple[str, ...], refused_address: str = "") -> tuple[str, ...]:
    """What a person should know about how the seed was read, and which fields to check."""
    notes = []
    if refused_address:
        notes.append(f"source address {refused_address!r} left out: only http and https addresses are kept")
    if seed.encoding != "utf-8":
        notes.append(f"seed read as {seed.encoding}, not UTF-8")
    if seed.replaced:
        notes.append(f"{seed.replaced} byte{'s' if seed.replaced != 1 else ''} that were not valid "
                     f"{seed.encoding} replaced with U+FFFD")
    if review:
        notes.append("to check: " + ", ".join(review))
    return tuple(notes)


def make_slug(date: PartialDate | None, title: str) -> str:
    """'2023-06-28-industry-design-empowerment-conference-...': the date if known, then the headline's words."""
    # "Mayor's" should give "mayors", not "mayor-s".
    words = re.sub(r"(?<=\w)['’](?=\w)", "", title)
    slug = slugify(words, max_length=SLUG_TITLE_LENGTH)
    if slug != slugify(words, max_length=0):
        # Cut short at a word boundary: do not end on "...-fulcrum-for-the".
        slug = re.sub(r"(?:-(?:a|an|and|at|by|for|from|in|into|of|on|or|the|to|with))+$", "", slug) or slug
    return f"{date.iso()}-{slug}" if date else slug


# What a publisher's name looks like in a dateline: a domain or a few capitalised words.
_PUBLISHER = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,4}$")
_NOT_PUBLISHER = re.compile(r"^(?:published|updated|posted|date|time|source|by|print|e-?mail|share|comments?"
                            r"|comment\(s\)|editor|reporter|author|home|news)$", re.IGNORECASE)
# After "By", a name is a publisher only if it sounds like an organisation, not a reporter.
_ORGANISATION = re.compile(r"\b(?:times|daily|news|net|online|post|xinhua|agency|press|media|network|radio|tv"
                           r"|television|review|weekly|journal|herald|gazette|group|bureau|government|office"
                           r"|commission)\b|\.[a-z]{2,}$", re.IGNORECASE)
_TIME_LABEL = re.compile(r"\s*(?:published|updated|posted|released?|release time|date|time)(?:\s+(?:on|at))?"
                         r"\s*[:：]?\s*$", re.IGNORECASE)
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{0,60}\(([A-Z][A-Za-z .&]{1,40})\)\s*[-—–]")
_SOURCE_LABEL = re.compile(r"(?:^|[\s|])(?:source|sources|来源)\s*[:：]\s*([^|]+?)\s*(?:\||$)", re.IGNORECASE)


def find_source(article: Article) -> str | None:
    """The publisher the page names: a 'Source:' label, a dateline, or an agency before the first paragraph."""
    for line in article.meta:
        match = _SOURCE_LABEL.search(line)
        if match and _publisher(match.group(1)):
            return _publisher(match.group(1))
    for line in article.meta:
        if split_dateline(line)[0]:
            continue  # "BEIJING, Aug. 9, 2023 /Wire/ --": a place and a distributor, not the publisher
        for segment in _dateline_segments(line):
            name = _publisher(segment)
            if name:
                return name
    prose = article.prose()
    match = _AGENCY_DATELINE.match(prose[0]) if prose else None
    return _publisher(match.group(1)) if match else None


def _dateline_segments(line: str) -> list[str]:
    """Parts of a dateline that could name the publisher: between '|', or just before the date."""
    if "|" in line:
        return [s for s in line.split("|") if not find_dates(s) and not re.match(r"\s*by\s", s, re.IGNORECASE)]
    dates = find_dates(line)
    before = _TIME_LABEL.sub("", line[:dates[0].start] if dates else line)
    # Split buttons glued before the name ("0 Comment(s)Print E-mail China.org.cn,").
    tokens = re.sub(r"(?<=[a-z)])(?=[A-Z])", " ", before).split()
    kept: list[str] = []
    stop = ""
    for token in reversed(tokens):
        clean = token.strip(",;:-–—|")
        if not clean or _NOT_PUBLISHER.match(clean) or not (clean[0].isupper() or "." in clean):
            stop = clean
            break
        kept.insert(0, clean)
    name = " ".join(kept)
    if not name or (stop.lower() == "by" and not _ORGANISATION.search(name)):
        return []
    return [name]


def _publisher(text: str) -> str | None:
    name = text.strip(" ,;:|-–—")
    if not name or len(name) > 50 or _NOT_PUBLISHER.match(name) or not _PUBLISHER.match(name):
        return None
    return name
