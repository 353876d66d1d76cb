"""Dates written in article text, and which of them says when the event happened."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from generator.model import PartialDate
from generator.text import sentence_around

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# Month names are matched capitalised only, so the verb "may" or "march" is not a date.
_MONTH = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?P<y>(?:19|20)\d{2})"

# Tried in this order; a later pattern never claims text an earlier one matched.
_PATTERNS = (
    re.compile(rf"(?<![\d.]){_YEAR}\s*[-/.]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.]\s*{_DAY}(?!\d)"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*{_DAY}\s*[日号])?"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\b(?:\s*,?\s*{_YEAR}\b)?"),
    re.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR}\b)?"),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    re.compile(rf"(?<![\d年])(?P<m>1[0-2]|0?[1-9])\s*月\s*{_DAY}\s*[日号]"),
    re.compile(rf"(?<![\d.,:/-]){_YEAR}(?![\d年s]|\s*[-/.]\s*\d)"),
)

# Words that say something happened at a time, so a date near them is the event's date.
_EVENT_WORDS = re.compile(
    r"\b(?:held|hosted|hosts|opened|opens|launched|launches|kicked off|took place|convened|released|releases"
    r"|issued|unveiled|unveils|announced|announces|signed|inaugurated|began|started|closed|concluded"
    r"|staged|organi[sz]ed|wrapped up|met|visited|attended|published|approved|adopted|introduced"
    r"|came into (?:force|effect)|took effect|broke ground|completed|commenced)\b"
    r"|举行|召开|开幕|举办|发布|签约|启动|闭幕|出台|印发",
    re.IGNORECASE,
)
# Years after these words are plans or deadlines, not when something happened.
_TARGET_BEFORE = re.compile(r"\b(?:by|until|till|before|through|to|towards?|in the year)\s+$", re.IGNORECASE)
# Labels of a page's own publication time.
_PUBLISHED_LABEL = re.compile(r"publish|posted|release|发布|日期|时间", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"updated|modified|更新", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date as written in a text; the year may be missing ('On October 21st')."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int

    def complete(self, year: int | None = None) -> PartialDate | None:
        """The date with a missing year filled in, or None if it is no real date."""
        try:
            return PartialDate(self.year or year, self.month, self.day) if (self.year or year) else None
        except ValueError:
            return None


def find_dates(text: str) -> tuple[FoundDate, ...]:
    """Every date written in the text, in order: full dates, months, and bare years."""
    taken: list[tuple[int, int]] = []
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = match.groupdict()
            month = MONTHS[groups["mon"].lower()] if groups.get("mon") else _int(groups.get("m"))
            date = FoundDate(_int(groups.get("y")), month, _int(groups.get("d")), start, end)
            if date.year is None and date.day is None:
                continue
            if date.complete(2000) is None:  # 2000 is a leap year, so 29 February passes
                continue
            taken.append((start, end))
            found.append(date)
    return tuple(sorted(found, key=lambda d: d.start))


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def publication_date(datelines: Sequence[str]) -> PartialDate | None:
    """When the page says it was published: the first full date of its dateline lines.

    A date labelled "Updated" counts only when no other date is given.
    """
    ranked = []
    for order, line in enumerate(datelines):
        for found in find_dates(line):
            date = found.complete()
            if date is None or date.precision != "day":
                continue
            label = line[:found.start]
            rank = 2 if _UPDATED_LABEL.search(label) and not _PUBLISHED_LABEL.search(label) else 1
            ranked.append((rank, order, found.start, date))
    return min(ranked, key=lambda item: item[:3])[3] if ranked else None


def event_date(title: str, paragraphs: Sequence[str], published: PartialDate | None) -> PartialDate | None:
    """The date of the event the article reports, from a dated sentence in its first paragraphs."""
    for paragraph in paragraphs[:3]:
        for found in find_dates(paragraph):
            if found.month is None:
                continue
            sentence_start, sentence = sentence_around(paragraph, found.start, found.end)
            lead = paragraph[sentence_start:found.start]
            if not (_EVENT_WORDS.search(sentence) or re.search(r"\b(?:On|on)\s+(?:the\s+)?$", lead)):
                continue
            if _TARGET_BEFORE.search(lead):
                continue
            year = found.year or _infer_year(found, title, paragraph, paragraphs, published)
            date = found.complete(year)
            if date is not None:
                return date
    return None


def _infer_year(found: FoundDate, title: str, paragraph: str, paragraphs: Sequence[str],
                published: PartialDate | None) -> int | None:
    """A year for 'On October 21st': the publication year, else one the article states."""
    if published is not None:
        later = (found.month, found.day or 1) > (published.month or 12, published.day or 31)
        return published.year - 1 if later else published.year
    for text in (title, paragraph):
        years = _years(text)
        if years:
            return years[0]
    everywhere = sorted({y for p in paragraphs for y in _years(p)})
    return everywhere[0] if len(everywhere) == 1 else None


def _years(text: str) -> list[int]:
    return [d.year for d in find_dates(text) if d.year is not None]


def year_of_event(title: str, paragraphs: Sequence[str]) -> int | None:
    """A year the headline or first paragraph gives for the event ('2023 Modern Times conference')."""
    for found in find_dates(title):
        if found.year and not _TARGET_BEFORE.search(title[:found.start]):
            return found.year
    if paragraphs:
        first = paragraphs[0]
        for found in find_dates(first):
            _, sentence = sentence_around(first, found.start, found.end)
            if found.year and _EVENT_WORDS.search(sentence) and not _TARGET_BEFORE.search(first[:found.start]):
                return found.year
    return None


def choose_dates(title: str, paragraphs: Sequence[str],
                 datelines: Sequence[str]) -> tuple[PartialDate | None, PartialDate | None]:
    """(date, published): the event's date if the text gives one, else the publication date.

    published is returned only when it differs from date. A year alone ("the 2023
    conference") is used only when the page has no publication date at all.
    """
    published = publication_date(datelines)
    date = event_date(title, paragraphs, published)
    if date is None:
        date = published
    if date is None:
        year = year_of_event(title, paragraphs)
        date = PartialDate(year) if year else None
    return date, (published if published is not None and published != date else None)
