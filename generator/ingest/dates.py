"""Dates written in article text, and which of them says when the event happened."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from generator.model import PartialDate
from generator.text import sentence_around, simplified, split_sentences

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# Month names are matched capitalised only, so the verb "may" or "march" is not a date.
_MONTH = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b")
# After a month name: a space, or an abbreviation's full stop with or without one ("Sept.5").
_AFTER_MONTH = r"(?:\.\s*|\s+)"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_NUMERIC_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_YEAR = r"(?P<y>(?:19|20)\d{2})"

# Tried in this order; a later pattern never claims text an earlier one matched.
_PATTERNS = (
    # 2023-06-28, 2020/4/2, 2023.06.28
    re.compile(rf"(?<![\d.]){_YEAR}\s*[-/.]\s*{_NUMERIC_MONTH}\s*[-/.]\s*{_DAY}(?!\d)"),
    # 2013-February-17
    re.compile(rf"{_YEAR}-{_MONTH}-{_DAY}(?!\d)"),
    # 2023年6月28日, 2023年6月
    re.compile(rf"{_YEAR}\s*年\s*{_NUMERIC_MONTH}\s*月(?:\s*{_DAY}\s*[日号])?"),
    # 09.08.2023: day first, as pages that write dates with dots do
    re.compile(rf"(?<![\d.]){_DAY}\.{_NUMERIC_MONTH}\.{_YEAR}(?!\d)"),
    # 06/26/2017: month first, as US-style pages write it; 26/06/2017 when the first number is no month
    re.compile(rf"(?<![\d/]){_NUMERIC_MONTH}/{_DAY}/{_YEAR}(?!\d)"),
    re.compile(rf"(?<![\d/]){_DAY}/{_NUMERIC_MONTH}/{_YEAR}(?!\d)"),
    # "August 05,20 2:54 PM": a page stamp with a two-digit year, which only a time or the stamp's end follows
    re.compile(rf"\b{_MONTH}{_AFTER_MONTH}{_DAY},\s?(?P<yy>\d{{2}})(?=\s+\d{{1,2}}:\d{{2}}|\s*[】\])]|\s*$)"),
    # Sept. 6, 2023; October 21st; Sept.5, 2019
    re.compile(rf"\b{_MONTH}{_AFTER_MONTH}{_DAY}(?:st|nd|rd|th)?\b(?:\s*,?\s*{_YEAR}\b)?"),
    # 28 April 2023; the 21st of October
    re.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:\s*,?\s*{_YEAR}\b)?"),
    # June 2023
    re.compile(rf"\b{_MONTH}\.?\s+(?:of\s+)?{_YEAR}\b"),
    # 6月28日, 6月28号
    re.compile(rf"(?<![\d年]){_NUMERIC_MONTH}\s*月\s*{_DAY}\s*[日号]"),
    # a year alone, not part of a range ("2021-2035") or a decade ("1990s")
    re.compile(rf"(?<![\d.,:/-]){_YEAR}(?![\d年s]|\s*[-/.]\s*\d)"),
)

# Words that say something happened at a time, so a date near them is the event's date.
_EVENT_WORDS = re.compile(
    r"\b(?:held|hosted|hosts|opened|opens|launched|launches|kicked off|took place|convened|released|releases"
    r"|issued|unveiled|unveils|announced|announces|signed|inaugurated|began|started|closed|concluded"
    r"|staged|organi[sz]ed|wrapped up|met|visited|attended|published|approved|adopted|introduced"
    r"|came into (?:force|effect)|took effect|broke ground|completed|commenced)\b"
    r"|举行|召开|开幕|举办|发布|签约|启动|闭幕|出台|印发|参加|出席|考察|调研|会见|开工|揭牌|亮相",
    re.IGNORECASE,
)
# Years after these words are plans or deadlines, not when something happened.
_TARGET_BEFORE = re.compile(r"\b(?:by|until|till|before|through|to|towards?|in the year)\s+$", re.IGNORECASE)
# Days named relative to the page's own date, and weekdays.
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
                "昨日": -1, "昨天": -1, "前天": -2, "今日": 0, "今天": 0, "明日": 1, "明天": 1}
_WEEKDAYS = {name: index for index, names in enumerate((
    ("monday", "周一", "星期一"), ("tuesday", "周二", "星期二"), ("wednesday", "周三", "星期三"),
    ("thursday", "周四", "星期四"), ("friday", "周五", "星期五"), ("saturday", "周六", "星期六"),
    ("sunday", "周日", "星期日", "星期天"))) for name in names}
_RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tonight|tomorrow)\b|(?<=\bon )(?:monday|tuesday|wednesday|thursday"
                           r"|friday|saturday|sunday)\b|" + "|".join(k for k in (*_DAY_OFFSETS, *_WEEKDAYS) if not
                                                                   k.isascii()), re.IGNORECASE)
_SPEECH = re.compile(r"\b(?:said|says|announced|told|stated)\b|表示|介绍|宣布", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|to be|scheduled|set to|going to)\b|将|将于|即将", re.IGNORECASE)
# An event this many days before the page's own date is background (a year in the lead, where a
# review of the year may report it), and this many after a plan.
LEAD_BACKGROUND_DAYS, BACKGROUND_DAYS, PLAN_DAYS = 366, 120, 400
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
            year = _int(groups.get("y")) or _two_digit_year(groups.get("yy"))
            date = FoundDate(year, month, _int(groups.get("d")), start, end)
            if date.year is None and date.day is None:
                continue
            if date.complete(2000) is None:  # 2000 is a leap year, so 29 February passes
                continue
            taken.append((start, end))
            found.append(date)
    return tuple(sorted(found, key=lambda d: d.start))


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _two_digit_year(value: str | None) -> int | None:
    """'20' in a page stamp is 2020; '98' is 1998 (fixed, not relative to today, so runs agree)."""
    if not value:
        return None
    return 2000 + int(value) if int(value) < 70 else 1900 + int(value)


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
    """The date of the event the article reports, from a dated sentence in its first paragraphs.

    A date long before the page's own date is background ("founded in March 2004"), and one long
    after it a plan; neither is the event the page reports."""
    for index, paragraph in enumerate(paragraphs[:3]):
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
            if date is not None and (published is None or _near(date, published, lead=index == 0)):
                return date
    return None


def _as_day(date: PartialDate) -> dt.date:
    return dt.date(*date.first_day())


def _near(date: PartialDate, published: PartialDate, lead: bool) -> bool:
    """Whether an event date can be what a page of this date reports. The lead reports the news;
    later paragraphs give background, so a date there must be close to the page's own."""
    days = (_as_day(date) - _as_day(published)).days
    return -(LEAD_BACKGROUND_DAYS if lead else BACKGROUND_DAYS) <= days <= PLAN_DAYS


def _infer_year(found: FoundDate, title: str, paragraph: str, paragraphs: Sequence[str],
                published: PartialDate | None) -> int | None:
    """A year for 'On October 21st': the one that puts the day nearest the page's own date (a
    December meeting reported in January was the year before; an expo previewed in August is this
    year's), else a year the article states."""
    if published is not None:
        def distance(year: int) -> int:
            date = found.complete(year)
            return abs((_as_day(date) - _as_day(published)).days) if date else 10**6
        return min((published.year - 1, published.year, published.year + 1), key=distance)
    for text in (title, paragraph):
        years = _years(text)
        if years:
            return years[0]
    everywhere = sorted({y for p in paragraphs for y in _years(p)})
    return everywhere[0] if len(everywhere) == 1 else None


def relative_date(paragraphs: Sequence[str], published: PartialDate | None) -> PartialDate | None:
    """The day an event in the lead is dated by relative to the page ('Yesterday, ...', '昨日', 'said on
    Saturday', 'opens today'), counted from the page's own date. ('日前', 'recently', says only that it
    was before the page's date, so it gives no day.)"""
    if published is None or published.precision != "day":
        return None
    page = _as_day(published)
    for paragraph in paragraphs[:2]:
        for sentence in split_sentences(paragraph)[:3]:
            match = _RELATIVE_DAY.search(sentence)
            if match is None or not (_EVENT_WORDS.search(sentence) or _SPEECH.search(sentence)
                                     or _FUTURE.search(sentence)):
                continue
            word = match.group().lower()
            if word in _DAY_OFFSETS:
                day = page + dt.timedelta(days=_DAY_OFFSETS[word])
            else:
                # The weekday before the page's date for what happened, after it for what will happen.
                offset = (_WEEKDAYS[word] - page.weekday()) % 7
                day = page + dt.timedelta(days=offset) if _FUTURE.search(sentence) else \
                    page - dt.timedelta(days=(7 - offset) % 7)
            return PartialDate(day.year, day.month, day.day)
    return None


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
    """(date, published): the event's date if the text gives one (as a date, or as a day relative
    to the page's own date), else the publication date.

    published is returned only when it differs from date. A year alone ("the 2023
    conference") is used only when the page has no publication date at all.
    """
    # Chinese words are matched in simplified characters, so a traditional-character page reads alike.
    title, paragraphs, datelines = simplified(title), [simplified(p) for p in paragraphs], \
        [simplified(line) for line in datelines]
    published = publication_date(datelines)
    date = event_date(title, paragraphs, published) or relative_date(paragraphs, published)
    if date is None:
        date = published
    if date is None:
        year = year_of_event(title, paragraphs)
        date = PartialDate(year) if year else None
    return date, (published if published is not None and published != date else None)
