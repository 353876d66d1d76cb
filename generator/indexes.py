"""Indexes over the briefings: themes, tags, cities, the timeline and related briefings.

Built once from the validated briefings, frozen, sorted by a stated key, and
holding slugs rather than objects, so each page can be rendered from plain data.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

from generator.model import Briefing
from generator.slugs import slugify
from generator.vocabulary import Vocabulary

RELATED_LIMIT = 5
RELATED_WINDOW = 25


@dataclass(frozen=True)
class TermEntry:
    """A theme, tag or city with the briefings filed under it, newest first."""

    name: str
    slug: str
    description: str
    briefings: tuple[str, ...]
    themes: tuple[str, ...] = ()
    """For a city: the themes it is active in, most briefings first."""


@dataclass(frozen=True)
class TermIndex:
    """Every term of one kind that some briefing uses, sorted by name."""

    kind: str
    entries: tuple[TermEntry, ...]

    def get(self, name: str) -> TermEntry | None:
        """The entry with this display name, or None."""
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> Mapping[str, TermEntry]:
        return MappingProxyType({entry.name: entry for entry in self.entries})


@dataclass(frozen=True)
class TimelineMonth:
    """Briefings dated to one month of a year, newest first."""

    month: int
    briefings: tuple[str, ...]


@dataclass(frozen=True)
class TimelineYear:
    """One year: its months, newest first, and briefings known only to the year."""

    year: int
    months: tuple[TimelineMonth, ...]
    year_only: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.year_only) + sum(len(m.briefings) for m in self.months)


@dataclass(frozen=True)
class SiteIndex:
    """Everything the pages need to know about the collection as a whole."""

    briefings: tuple[Briefing, ...]
    by_slug: Mapping[str, Briefing]
    themes: TermIndex
    tags: TermIndex
    cities: TermIndex
    timeline: tuple[TimelineYear, ...]
    undated: tuple[str, ...]
    """Briefings whose article states no date, in listing order."""
    neighbours: Mapping[str, tuple[str | None, str | None]]
    related: Mapping[str, tuple[str, ...]]


def build_index(briefings: Iterable[Briefing], vocabulary: Vocabulary) -> SiteIndex:
    """Every index at once, from briefings in any order."""
    ordered = tuple(sorted(briefings, key=Briefing.sort_key, reverse=True))
    return SiteIndex(
        briefings=ordered,
        by_slug=MappingProxyType({b.slug: b for b in ordered}),
        themes=build_theme_index(ordered, vocabulary),
        tags=build_tag_index(ordered, vocabulary),
        cities=build_city_index(ordered),
        timeline=build_timeline(ordered),
        undated=tuple(b.slug for b in ordered if b.date is None),
        neighbours=MappingProxyType(build_neighbours(ordered)),
        related=MappingProxyType(build_related(ordered)),
    )


def _group(ordered: tuple[Briefing, ...], keys_of) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for briefing in ordered:
        for key in keys_of(briefing):
            groups[key].append(briefing.slug)
    return groups


def build_theme_index(ordered: tuple[Briefing, ...], vocabulary: Vocabulary) -> TermIndex:
    """Each theme in use, with its briefings newest first."""
    groups = _group(ordered, lambda b: (b.theme,))
    entries = []
    for name, slugs in groups.items():
        term = vocabulary.theme(name)
        entries.append(TermEntry(name, term.slug, term.description, tuple(slugs)))
    return TermIndex("themes", tuple(sorted(entries, key=lambda e: e.name.casefold())))


def build_tag_index(ordered: tuple[Briefing, ...], vocabulary: Vocabulary) -> TermIndex:
    """Each tag in use (a tag may name a theme), with its briefings newest first."""
    groups = _group(ordered, lambda b: b.tags)
    entries = []
    for name, slugs in groups.items():
        term = vocabulary.term(name)
        entries.append(TermEntry(name, term.slug, term.description, tuple(slugs)))
    return TermIndex("tags", tuple(sorted(entries, key=lambda e: e.name.casefold())))


def build_city_index(ordered: tuple[Briefing, ...]) -> TermIndex:
    """Each city a briefing involves, with its briefings and the themes it is active in."""
    groups = _group(ordered, lambda b: b.cities)
    by_slug = {b.slug: b for b in ordered}
    entries = []
    for name, slugs in groups.items():
        theme_counts = Counter(by_slug[s].theme for s in slugs)
        themes = tuple(t for t, _ in sorted(theme_counts.items(), key=lambda item: (-item[1], item[0])))
        entries.append(TermEntry(name, slugify(name), "", tuple(slugs), themes))
    return TermIndex("cities", tuple(sorted(entries, key=lambda e: e.name.casefold())))


def build_timeline(ordered: tuple[Briefing, ...]) -> tuple[TimelineYear, ...]:
    """Years newest first; within a year, months newest first; year-only briefings apart."""
    years: dict[int, dict[int | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for briefing in ordered:
        if briefing.date is not None:
            years[briefing.date.year][briefing.date.month].append(briefing.slug)
    timeline = []
    for year in sorted(years, reverse=True):
        months = years[year]
        timeline.append(TimelineYear(
            year=year,
            months=tuple(TimelineMonth(m, tuple(months[m])) for m in sorted((m for m in months if m), reverse=True)),
            year_only=tuple(months.get(None, ())),
        ))
    return tuple(timeline)


def build_neighbours(ordered: tuple[Briefing, ...]) -> dict[str, tuple[str | None, str | None]]:
    """For each briefing, the next newer and the next older one in time."""
    neighbours = {}
    for position, briefing in enumerate(ordered):
        newer = ordered[position - 1].slug if position > 0 else None
        older = ordered[position + 1].slug if position + 1 < len(ordered) else None
        neighbours[briefing.slug] = (newer, older)
    return neighbours


def build_related(ordered: tuple[Briefing, ...], limit: int = RELATED_LIMIT,
                  window: int = RELATED_WINDOW) -> dict[str, tuple[str, ...]]:
    """Up to `limit` briefings sharing city, theme or tags, best first.

    Score: same main city 3, each other shared city 1, same theme 2, each shared
    tag 1; ties go to the briefing closest in time. Candidates are the `window`
    briefings nearest in time on each shared city, theme or tag list, so the
    work grows with the number of briefings, not with its square.
    """
    position = {b.slug: i for i, b in enumerate(ordered)}
    features = {b.slug: _features(b) for b in ordered}
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    place: dict[tuple[tuple[str, str], str], int] = {}
    for briefing in ordered:
        for key in features[briefing.slug]:
            place[key, briefing.slug] = len(postings[key])
            postings[key].append(briefing.slug)
    related = {}
    for briefing in ordered:
        here = position[briefing.slug]
        scores: Counter[str] = Counter()
        for key, weight in features[briefing.slug].items():
            at = place[key, briefing.slug]
            for other in postings[key][max(0, at - window): at + window + 1]:
                if other != briefing.slug:
                    scores[other] += min(weight, features[other][key])
        best = sorted(scores.items(), key=lambda item: (-item[1], abs(position[item[0]] - here), item[0]))
        related[briefing.slug] = tuple(slug for slug, _ in best[:limit])
    return related


def _features(briefing: Briefing) -> dict[tuple[str, str], int]:
    """What a briefing can share with another, with the weight of each match."""
    features = {("city", c): 1 for c in briefing.cities}
    features[("city", briefing.city)] = 3
    features[("theme", briefing.theme)] = 2
    for tag in briefing.tags:
        features[("tag", tag)] = 1
    return features
