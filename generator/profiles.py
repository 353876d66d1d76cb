"""City profiles and the city-by-theme comparison: counts over the briefings, for comparing places.

Plain functions over briefings, newest first (as `SiteIndex.briefings` holds
them), returning frozen records that hold names and slugs. A briefing counts
for every city it involves, as on the city pages, and for its one theme, so a
city's row of the comparison adds up to its city page and a theme's column to
its theme page.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from generator.model import Briefing

COMPANION_LIMIT = 5
TAG_LIMIT = 8
LEADER_LIMIT = 5


@dataclass(frozen=True)
class Count:
    """A name (theme, tag or city) and how many briefings it has in some selection."""

    name: str
    count: int


@dataclass(frozen=True)
class YearCount:
    """How many briefings of a selection are dated to one year."""

    year: int
    count: int


@dataclass(frozen=True)
class CityThemeCell:
    """The briefings on one theme that involve one city, newest first."""

    city: str
    theme: str
    briefings: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.briefings)


@dataclass(frozen=True)
class CityProfile:
    """What one city's briefings are about, and when."""

    city: str
    total: int
    by_theme: tuple[CityThemeCell, ...]
    """The city's cells of the comparison: every theme it has briefings on, most first, then by name."""
    by_year: tuple[YearCount, ...]
    """Every year from the city's first dated briefing to its last, oldest first, years without any included."""
    undated: int
    """Briefings with no date, so in no year."""
    companions: tuple[Count, ...]
    """The cities its briefings involve most often besides itself, with how many briefings they share."""
    tags: tuple[Count, ...]
    """Its most frequent tags, leaving out the tag a briefing carries for its own theme."""

    @property
    def leading_theme(self) -> str:
        """The theme with most of the city's briefings (the first by name on a tie)."""
        return self.by_theme[0].theme


def most_first(counter: Counter[str], limit: int | None = None) -> tuple[Count, ...]:
    """Counts, highest first, ties by name so the order never depends on input order."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    return tuple(Count(name, count) for name, count in ordered[:limit])


def city_profile(city: str, briefings: Sequence[Briefing]) -> CityProfile:
    """The profile of `city` from the briefings that involve it, newest first."""
    themes: dict[str, list[str]] = defaultdict(list)
    for briefing in briefings:
        themes[briefing.theme].append(briefing.slug)
    years = Counter(b.date.year for b in briefings if b.date is not None)
    companions = Counter(other for b in briefings for other in b.cities if other != city)
    # The tag that repeats a briefing's theme would only echo the theme chart.
    tags = Counter(tag for b in briefings for tag in b.tags if tag != b.theme)
    by_year = ()
    if years:
        by_year = tuple(YearCount(year, years.get(year, 0)) for year in range(min(years), max(years) + 1))
    return CityProfile(
        city=city,
        total=len(briefings),
        by_theme=tuple(sorted((CityThemeCell(city, theme, tuple(slugs)) for theme, slugs in themes.items()),
                              key=lambda c: (-c.count, c.theme.casefold(), c.theme))),
        by_year=by_year,
        undated=sum(1 for b in briefings if b.date is None),
        companions=most_first(companions, COMPANION_LIMIT),
        tags=most_first(tags, TAG_LIMIT),
    )


@dataclass(frozen=True)
class CityThemeMatrix:
    """Every city against every theme; only cells with briefings are stored."""

    cities: tuple[Count, ...]
    """Rows: every city with its total, most briefings first, then by name."""
    themes: tuple[Count, ...]
    """Columns: every theme in use with its total, most briefings first, then by name."""
    cells: tuple[CityThemeCell, ...]
    """Non-empty cells, by row then column."""

    def cell(self, city: str, theme: str) -> CityThemeCell | None:
        """The cell for this city and theme, or None when no briefing is in it."""
        return self._by_key.get((city, theme))

    @property
    def largest(self) -> int:
        """The count of the fullest cell (0 when there are no briefings)."""
        return max((c.count for c in self.cells), default=0)

    @functools.cached_property
    def _by_key(self) -> Mapping[tuple[str, str], CityThemeCell]:
        return MappingProxyType({(c.city, c.theme): c for c in self.cells})


def _cells(briefings: Iterable[Briefing]) -> dict[tuple[str, str], list[str]]:
    """(city, theme) to slugs, in the order given; one definition for the table and the theme pages."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for briefing in briefings:
        for city in briefing.cities:
            cells[city, briefing.theme].append(briefing.slug)
    return cells


def city_theme_matrix(briefings: Sequence[Briefing]) -> CityThemeMatrix:
    """The comparison table of all briefings, newest first."""
    cells = _cells(briefings)
    cities = most_first(Counter(c for b in briefings for c in b.cities))
    themes = most_first(Counter(b.theme for b in briefings))
    ordered = tuple(CityThemeCell(city.name, theme.name, tuple(cells[city.name, theme.name]))
                    for city in cities for theme in themes if (city.name, theme.name) in cells)
    return CityThemeMatrix(cities, themes, ordered)


def theme_leaders(theme: str, briefings: Sequence[Briefing], limit: int = LEADER_LIMIT) -> tuple[CityThemeCell, ...]:
    """The cities with most briefings on `theme`, from that theme's briefings, newest first."""
    cells = _cells(b for b in briefings if b.theme == theme)
    return leading((CityThemeCell(city, theme, tuple(slugs)) for (city, _), slugs in cells.items()), limit)


def leading(cells: Iterable[CityThemeCell], limit: int = LEADER_LIMIT) -> tuple[CityThemeCell, ...]:
    """One theme's cells, most briefings first, ties by city name: its leading cities."""
    return tuple(sorted(cells, key=lambda c: (-c.count, c.city.casefold(), c.city))[:limit])
