"""The timeline: an overview of the years (a chart, then each year's months with their counts),
a page per year with its briefings by month, and a page of the briefings without a date.

One page holding every card grew with the whole digest (67 MB at 100,000 briefings) and changed
with any briefing; a year's page holds only that year's, and the overview only counts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

from generator.charts import timeline_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex, TimelineYear
from generator.interface import InterfaceText
from generator.model import PartialDate
from generator.urls import Linker, file_path
from generator.views import Card, Facets, Link, Page, PageSpec, make_card, page_context, page_meta

TIMELINE = "timeline/"
UNDATED = "timeline/undated/"
# The overview's entry for the briefings whose article states no date.
UNDATED_ANCHOR = "undated"


@dataclass(frozen=True)
class YearEntry:
    """A year as the overview lists it: a link to its page with its count, and its months."""

    link: Link
    anchor: str
    months: tuple[Link, ...]
    """Each month with briefings, newest first, then the briefings known only to the year, each
    linking to its section of the year's page with its count."""


@dataclass(frozen=True)
class MonthGroup:
    """A section of a year's page: one month's cards, or those of briefings known only to the year."""

    heading: str
    anchor: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class YearView:
    """What a year's page (or the page of undated briefings) shows under its heading."""

    count: int
    contents: tuple[Link, ...]
    """Each section with its count, linking to it (none on the undated page, which has one section)."""
    groups: tuple[MonthGroup, ...]
    newer: Link | None
    older: Link | None
    overview: Link


def year_path(year: int) -> str:
    """A year's page, as a folder: 'timeline/2023/'."""
    return f"{TIMELINE}{year}/"


def year_anchor(year: int) -> str:
    """The id of a year's entry on the overview: 'y2023'."""
    return f"y{year}"


def month_anchor(year: int, month: int | None) -> str:
    """The id of a month's section on its year's page: 'y2023-06'; 'y2023-undated' for the year-only briefings."""
    return f"{year_anchor(year)}-{month:02d}" if month else f"{year_anchor(year)}-undated"


def timeline_link(linker: Linker, text: InterfaceText, date: PartialDate | None) -> Link:
    """A link to where a briefing is on the timeline: its month's section of its year's page, or the
    page of briefings without a date."""
    if date is None:
        return Link(text.date(None), linker.to(UNDATED))
    # The year as a bare number: it is the value the search page's year filter offers.
    return Link(str(date.year), linker.to(year_path(date.year)) + "#" + month_anchor(date.year, date.month))


def neighbour_years(years: tuple[TimelineYear, ...], position: int) -> tuple[int | None, int | None]:
    """The newer and the older year with briefings next to the one at `position` (years run newest first)."""
    return (years[position - 1].year if position > 0 else None,
            years[position + 1].year if position + 1 < len(years) else None)


def timeline_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """The overview, keyed by the counts it shows; a page per year, keyed by its cards and its neighbours'
    years; the undated page (when some briefing has no date), keyed by its cards."""
    counts = tuple((y.year, tuple((m.month, len(m.briefings)) for m in y.months), len(y.year_only))
                   for y in index.timeline)
    yield PageSpec(file_path(TIMELINE), ("timeline", counts, len(index.undated)),
                   functools.partial(render_timeline_page, index, config, text))
    for position, year in enumerate(index.timeline):
        key = ("timeline-year", year.year, *neighbour_years(index.timeline, position),
               tuple((m.month, facets.cards(m.briefings)) for m in year.months), facets.cards(year.year_only))
        yield PageSpec(file_path(year_path(year.year)), key,
                       functools.partial(render_year_page, index, config, text, position))
    if index.undated:
        yield PageSpec(file_path(UNDATED), ("timeline-undated", facets.cards(index.undated)),
                       functools.partial(render_undated_page, index, config, text))


def render_timeline_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """The overview: a chart of the years, then each year with its count and its months' counts,
    linking into the year's page, and the count of briefings without a date."""
    path = file_path(TIMELINE)
    linker = Linker(path, config)
    years = tuple(_year_entry(linker, text, y) for y in index.timeline)
    undated = Link(text.date(None), linker.to(UNDATED), len(index.undated)) if index.undated else None
    title = text.label("timeline.title")
    meta = page_meta(linker, config, text, title, "timeline", text.label("timeline.description"))
    return Page(path, "timeline.html", page_context(config, meta, text, heading=title, years=years, undated=undated,
                                                    undated_anchor=UNDATED_ANCHOR,
                                                    chart=timeline_chart(index.timeline, text)))


def _year_entry(linker: Linker, text: InterfaceText, year: TimelineYear) -> YearEntry:
    page = linker.to(year_path(year.year))
    months = [Link(text.month(m.month), f"{page}#{month_anchor(year.year, m.month)}", len(m.briefings))
              for m in year.months]
    if year.year_only:
        months.append(Link(text.label("timeline.month_unknown_short"), f"{page}#{month_anchor(year.year, None)}",
                           len(year.year_only)))
    return YearEntry(Link(text.date(PartialDate(year.year)), page, year.count), year_anchor(year.year), tuple(months))


def render_year_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, position: int) -> Page:
    """One year's briefings by month, newest first, then those known only to the year; links to the
    newer and older years that have briefings and back to the overview."""
    years = index.timeline
    year = years[position]
    path = file_path(year_path(year.year))
    linker = Linker(path, config)
    groups = [MonthGroup(text.date(PartialDate(year.year, m.month)), month_anchor(year.year, m.month),
                         _cards(linker, text, index, m.briefings)) for m in year.months]
    contents = [Link(text.month(m.month), "#" + month_anchor(year.year, m.month), len(m.briefings))
                for m in year.months]
    if year.year_only:
        groups.append(MonthGroup(text.label("timeline.month_unknown", year=year.year), month_anchor(year.year, None),
                                 _cards(linker, text, index, year.year_only)))
        contents.append(Link(text.label("timeline.month_unknown_short"), "#" + month_anchor(year.year, None),
                             len(year.year_only)))
    newer, older = neighbour_years(years, position)
    view = YearView(year.count, tuple(contents), tuple(groups), _year_link(linker, text, newer),
                    _year_link(linker, text, older), _overview_link(linker, text))
    heading = text.date(PartialDate(year.year))
    return _period_page(linker, config, text, heading, text.label("timeline.year_title", year=heading),
                        text.label("timeline.year_description", year=heading), view)


def render_undated_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """The briefings whose article states no date, in listing order, with a link back to the overview."""
    linker = Linker(file_path(UNDATED), config)
    group = MonthGroup(text.date(None), UNDATED_ANCHOR, _cards(linker, text, index, index.undated))
    view = YearView(len(index.undated), (), (group,), None, None, _overview_link(linker, text))
    title = text.label("timeline.undated_title")
    return _period_page(linker, config, text, title, title, text.label("timeline.undated_description"), view)


def _period_page(linker: Linker, config: SiteConfig, text: InterfaceText, heading: str, title: str,
                 description: str, view: YearView) -> Page:
    meta = page_meta(linker, config, text, title, "timeline", description)
    return Page(linker.from_path, "timeline-year.html",
                page_context(config, meta, text, heading=heading, period=view))


def _cards(linker: Linker, text: InterfaceText, index: SiteIndex, slugs: tuple[str, ...]) -> tuple[Card, ...]:
    return tuple(make_card(linker, text, index, index.by_slug[s]) for s in slugs)


def _year_link(linker: Linker, text: InterfaceText, year: int | None) -> Link | None:
    return Link(text.date(PartialDate(year)), linker.to(year_path(year))) if year is not None else None


def _overview_link(linker: Linker, text: InterfaceText) -> Link:
    return Link(text.label("timeline.overview"), linker.to(TIMELINE))
