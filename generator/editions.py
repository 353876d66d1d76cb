"""Editions: the digest cut into weeks or months by briefing date, as a newsletter would send it.

A weekly edition is an ISO 8601 week, Monday to Sunday, and holds the briefings
dated to one of its days. A briefing dated only to a month cannot be placed in
a week, so it goes to an edition for its month; with monthly editions it sits
in its month like any other. A briefing dated only to a year, or not at all,
fits no edition and is left out, with the reason, so a page can say so.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Mapping, Sequence

from generator.model import Briefing, PartialDate

EditionLength = Literal["week", "month"]
EDITION_LENGTHS: tuple[EditionLength, ...] = ("week", "month")

# Why a briefing is in no edition.
YEAR_ONLY = "year_only"
UNDATED = "undated"


@dataclass(frozen=True)
class Edition:
    """One week's or one month's briefings, newest first."""

    key: str
    """'2023-W26' for an ISO week, '2023-06' for a month."""
    length: EditionLength
    first_day: datetime.date
    last_day: datetime.date
    briefings: tuple[str, ...]

    @property
    def slug(self) -> str:
        """The edition's URL segment: '2023-w26' or '2023-06'."""
        return self.key.lower()


@dataclass(frozen=True)
class LeftOut:
    """A briefing that no edition holds, and why (YEAR_ONLY or UNDATED)."""

    slug: str
    reason: str


@dataclass(frozen=True)
class EditionIndex:
    """Every edition newest first, and the briefings left out of all of them (newest first)."""

    length: EditionLength
    editions: tuple[Edition, ...]
    left_out: tuple[LeftOut, ...]

    def neighbours(self, key: str) -> tuple[Edition | None, Edition | None]:
        """(newer, older) edition next to the one with this key."""
        position = self._position[key]
        newer = self.editions[position - 1] if position > 0 else None
        older = self.editions[position + 1] if position + 1 < len(self.editions) else None
        return newer, older

    def get(self, key: str) -> Edition | None:
        """The edition with this key, or None."""
        position = self._position.get(key)
        return None if position is None else self.editions[position]

    @functools.cached_property
    def _position(self) -> Mapping[str, int]:
        return MappingProxyType({e.key: i for i, e in enumerate(self.editions)})


@dataclass(frozen=True)
class Period:
    """The days an edition covers: an ISO week or a calendar month."""

    last_day: datetime.date
    length: EditionLength
    key: str
    first_day: datetime.date


def week_of(day: datetime.date) -> Period:
    """The ISO week holding a day, Monday to Sunday.

    The ISO year can differ from the calendar year: 1 January 2021 is in 2020-W53."""
    year, week, _ = day.isocalendar()
    monday = datetime.date.fromisocalendar(year, week, 1)
    return Period(monday + datetime.timedelta(days=6), "week", f"{year:04d}-W{week:02d}", monday)


def month_of(year: int, month: int) -> Period:
    """A calendar month, first day to last."""
    last = calendar.monthrange(year, month)[1]
    return Period(datetime.date(year, month, last), "month", f"{year:04d}-{month:02d}", datetime.date(year, month, 1))


def edition_period(briefing: Briefing, length: EditionLength) -> Period | str:
    """The edition a briefing goes to, or the reason it goes to none (YEAR_ONLY or UNDATED)."""
    return _period_of(briefing.date, length)


@functools.lru_cache(maxsize=8192)
def _period_of(date: PartialDate | None, length: EditionLength) -> Period | str:
    # Cached by date: many briefings share one, and each build places every briefing again.
    if date is None:
        return UNDATED
    if date.month is None:
        return YEAR_ONLY
    if date.day is not None and length == "week":
        return week_of(datetime.date(date.year, date.month, date.day))
    return month_of(date.year, date.month)


def build_editions(briefings: Sequence[Briefing], length: EditionLength) -> EditionIndex:
    """Every edition of `length` from briefings newest first; weekly editions add months for month-only dates."""
    periods: dict[Period, list[str]] = defaultdict(list)
    left_out = []
    for briefing in briefings:
        period = edition_period(briefing, length)
        if isinstance(period, str):
            left_out.append(LeftOut(briefing.slug, period))
        else:
            periods[period].append(briefing.slug)
    # Newest first by last day; when a month ends on a Sunday its edition comes out after that week's.
    ordered = sorted(periods, key=lambda p: (p.last_day, p.length == "month", p.key), reverse=True)
    editions = tuple(Edition(p.key, p.length, p.first_day, p.last_day, tuple(periods[p])) for p in ordered)
    return EditionIndex(length, editions, tuple(left_out))
