"""Indexes over the briefings: themes, tags, cities, the timeline and related briefings.

Built once from the validated briefings, frozen, sorted by a stated key, and
holding slugs rather than objects, so each page can be rendered from plain data.
"""

from __future__ import annotations

import bisect
import functools
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from generator.model import Briefing
from generator.slugs import slugify
from generator.vocabulary import Vocabulary
from generator.workers import in_workers

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
class RelatedBasis:
    """What related briefings were computed from, so the next build recomputes only those a change can reach."""

    briefings: Mapping[str, Briefing]
    """The briefings, by slug (the same objects the build cache keeps, so they are stored once)."""
    related: Mapping[str, tuple[str, ...]]


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
    related_basis: RelatedBasis | None = None
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    """Views derived from this index alone (cards, by page depth and slug), made once each."""


def build_index(briefings: Iterable[Briefing], vocabulary: Vocabulary,
                previous: RelatedBasis | None = None) -> SiteIndex:
    """Every index at once, from briefings in any order; `previous` (the last build's related
    basis) spares recomputing related briefings that no change can reach."""
    ordered = tuple(sorted(briefings, key=Briefing.sort_key, reverse=True))
    basis = build_related_basis(ordered, previous)
    return SiteIndex(
        briefings=ordered,
        by_slug=MappingProxyType({b.slug: b for b in ordered}),
        themes=build_theme_index(ordered, vocabulary),
        tags=build_tag_index(ordered, vocabulary),
        cities=build_city_index(ordered),
        timeline=build_timeline(ordered),
        undated=tuple(b.slug for b in ordered if b.date is None),
        neighbours=MappingProxyType(build_neighbours(ordered)),
        related=MappingProxyType(basis.related),
        related_basis=basis,
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
    return dict(build_related_basis(ordered, None, limit, window).related)


# Beyond this share of briefings changed, recomputing every related list is as quick as finding which to.
_RECOMPUTE_ALL_SHARE = 0.05


def build_related_basis(ordered: tuple[Briefing, ...], previous: RelatedBasis | None,
                        limit: int = RELATED_LIMIT, window: int = RELATED_WINDOW) -> RelatedBasis:
    """Related briefings (see build_related) with what they were computed from.

    With the previous basis, only briefings whose list a change can reach are
    recomputed: the changed ones, those within a window of a changed one on a
    shared list (before or after the change), and those whose candidates lie on
    both sides of a changed one in time (their distances, the tie-break, shift).
    Everything else keeps its list, which is exactly what recomputing would give."""
    by_slug = {b.slug: b for b in ordered}
    if previous is not None and len(previous.briefings) == len(by_slug) and all(
            previous.briefings.get(slug) is b or _same_shape(previous.briefings.get(slug), b)
            for slug, b in by_slug.items()):
        # Nothing that related lists depend on changed (an edited body, a new title): keep them all.
        return RelatedBasis(by_slug, previous.related)
    position = {b.slug: i for i, b in enumerate(ordered)}
    order = {b.slug: b.sort_key() for b in ordered}
    features = {b.slug: _features(b) for b in ordered}
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    # Each posting's weight beside it, so scoring a candidate needs no lookup of its features.
    weights: dict[tuple[str, str], list[int]] = defaultdict(list)
    place: dict[tuple[tuple[str, str], str], int] = {}
    for briefing in ordered:
        for key, weight in features[briefing.slug].items():
            place[key, briefing.slug] = len(postings[key])
            postings[key].append(briefing.slug)
            weights[key].append(weight)
    targets = _reachable(ordered, previous, order, features, position, postings, place, window)
    related = {} if targets is None else dict(previous.related)
    chosen = list(position if targets is None else targets)
    global _RELATED_JOB
    _RELATED_JOB = (chosen, features, position, postings, weights, place, limit, window)
    try:
        for found in in_workers(_related_range, len(chosen), chunk=1000):
            related.update(found)
    finally:
        _RELATED_JOB = None
    for gone in set(related) - set(position):
        del related[gone]
    return RelatedBasis(by_slug, related)


def _same_shape(old: Briefing | None, new: Briefing) -> bool:
    """Whether two versions of a briefing stand in the same place and share the same things."""
    return old is not None and old.sort_key() == new.sort_key() and _features(old) == _features(new)


_RELATED_JOB = None


def _related_range(indices) -> dict[str, tuple[str, ...]]:
    """Related briefings of some of _RELATED_JOB's briefings (in a worker process, or in this one)."""
    chosen, features, position, postings, weights, place, limit, window = _RELATED_JOB
    related = {}
    for i in indices:
        slug = chosen[i]
        scores: dict[str, int] = {}
        for key, weight in features[slug].items():
            at = place[key, slug]
            start, end = max(0, at - window), at + window + 1
            for other, shared in zip(postings[key][start:end], weights[key][start:end]):
                scores[other] = scores.get(other, 0) + (shared if shared < weight else weight)
        del scores[slug]
        here = position[slug]
        # Only candidates scoring at least the limit-th best score can be among the best.
        floor = heapq.nlargest(limit, scores.values())[-1] if len(scores) > limit else 0
        # Best score first, then nearest in time, then by slug: plain tuples sort fastest.
        best = heapq.nsmallest(limit, [(-score, abs(position[other] - here), other)
                                       for other, score in scores.items() if score >= floor])
        related[slug] = tuple(other for _, _, other in best)
    return related


def _reachable(ordered, previous: RelatedBasis | None, order, features, position, postings, place,
               window: int) -> set[str] | None:
    """The briefings whose related list a change since `previous` can reach; None for all of them."""
    if previous is None:
        return None
    changed = {s for s in order if not (previous.briefings.get(s) is ordered[position[s]] or
                                        _same_shape(previous.briefings.get(s), ordered[position[s]]))}
    removed = set(previous.briefings) - set(order)
    if not changed and not removed:
        return set()
    if len(changed) + len(removed) > max(10, _RECOMPUTE_ALL_SHARE * len(order)):
        return None
    targets = set(changed)
    # Within a window (plus one: the window slides by one when a list loses or gains an entry).
    for slug in changed:
        for key in features[slug]:
            at = place[key, slug]
            targets.update(postings[key][max(0, at - window - 1): at + window + 2])
    old_features = {s: _features(b) for s, b in previous.briefings.items()}
    old_ordered = [b.slug for b in sorted(previous.briefings.values(), key=Briefing.sort_key, reverse=True)]
    old_position = {s: i for i, s in enumerate(old_ordered)}
    gone_or_moved = [s for s in changed | removed if s in previous.briefings]
    old_keys = {key for s in gone_or_moved for key in old_features[s]}
    old_postings = {key: [s for s in old_ordered if key in old_features[s]] for key in old_keys}
    for slug in gone_or_moved:
        for key in old_features[slug]:
            entries = old_postings[key]
            at = entries.index(slug)
            targets.update(s for s in entries[max(0, at - window - 1): at + window + 2] if s in position)
    # Distances to candidates change only across a changed briefing, in the new order or the old.
    new_points = sorted(position[s] for s in changed)
    old_points = sorted(old_position[s] for s in gone_or_moved)
    for briefing in ordered:
        slug = briefing.slug
        if slug in targets:
            continue
        edges = [slug]
        for key in features[slug]:
            entries, at = postings[key], place[key, slug]
            edges += (entries[max(0, at - window)], entries[min(len(entries) - 1, at + window)])
        if _crosses(new_points, [position[s] for s in edges]) or \
                _crosses(old_points, [old_position[s] for s in edges]):
            targets.add(slug)
    return targets


def _crosses(points: list[int], spots: list[int]) -> bool:
    """Whether any of the sorted `points` lies within the span of `spots`."""
    if not points:
        return False
    i = bisect.bisect_left(points, min(spots))
    return i < len(points) and points[i] <= max(spots)


def _features(briefing: Briefing) -> dict[tuple[str, str], int]:
    """What a briefing can share with another, with the weight of each match."""
    features = {("city", c): 1 for c in briefing.cities}
    features[("city", briefing.city)] = 3
    features[("theme", briefing.theme)] = 2
    for tag in briefing.tags:
        features[("tag", tag)] = 1
    return features
