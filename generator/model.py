"""The data every pipeline stage passes along: a briefing and its date."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Front matter fields a briefing's `review:` list may name, in the order `digest review` shows them.
REVIEWABLE_FIELDS = ("title", "date", "published", "city", "cities", "theme", "tags", "source", "summary")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year.

    Ordering puts a less precise date before a precise one in the same period,
    so "2023" sorts before "2023-01-05".
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is out of range for {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError otherwise."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """ISO 8601 at the known precision: 2023-06-28, 2023-06 or 2023."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> tuple[int, int, int]:
        """The earliest calendar day the date may stand for (for feeds and sitemaps)."""
        return (self.year, self.month or 1, self.day or 1)

    def __lt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Briefing:
    """One briefing, as read from a content file and validated."""

    slug: str
    title: str
    date: PartialDate | None
    """None when the article states no date: such a briefing is listed after every dated one."""
    city: str
    cities: tuple[str, ...]
    theme: str
    tags: tuple[str, ...]
    summary: str
    body: str
    """The Markdown body; '' when it is not held in memory (content.read_body reads it then)."""
    source: str | None = None
    source_url: str | None = None
    """The original article's address (http or https), when known."""
    seed: str | None = None
    published: PartialDate | None = None
    path: str = ""
    review: tuple[str, ...] = ()
    """Fields ingest could not read from the text and derived or left out, for a person to check."""

    def sort_key(self) -> tuple:
        """Newest first when sorted in reverse, undated last; the slug breaks ties so order is stable."""
        return (self.date is not None, self.date.first_day() if self.date else (0, 0, 0), self.slug)
