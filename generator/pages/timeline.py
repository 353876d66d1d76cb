"""The timeline: every briefing by year, then month, under a chart of briefings per year."""

from __future__ import annotations

import functools

from generator.charts import timeline_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.model import PartialDate
from generator.urls import Linker, file_path
from generator.views import Facets, Link, Page, PageSpec, make_card, page_context, page_meta

TIMELINE = "timeline/"
# The section after every year, for briefings whose article states no date.
UNDATED_ANCHOR = "undated"


def timeline_spec(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> PageSpec:
    """The timeline shows every briefing's card, grouped by year and month, the undated ones last."""
    key = tuple((y.year, tuple((m.month, facets.cards(m.briefings)) for m in y.months), facets.cards(y.year_only))
                for y in index.timeline)
    return PageSpec(file_path(TIMELINE), ("timeline", key, facets.cards(index.undated)),
                    functools.partial(render_timeline_page, index, config, text))


def year_anchor(year: int) -> str:
    """The id of a year's section: 'y2023'."""
    return f"y{year}"


def timeline_link(linker: Linker, text: InterfaceText, date: PartialDate | None) -> Link:
    """A link to the section of the timeline a briefing is under: its year's, or 'Date not known'."""
    if date is None:
        return Link(text.date(None), linker.to(TIMELINE) + "#" + UNDATED_ANCHOR)
    # The year as a bare number: it is the value the search page's year filter offers.
    return Link(str(date.year), linker.to(TIMELINE) + "#" + year_anchor(date.year))


def render_timeline_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """Every briefing by year, then month; year-only briefings under their year, undated ones
    in a section after every year; a chart of the years on top."""
    path = file_path(TIMELINE)
    linker = Linker(path, config)
    years = tuple({
        "year": y.year,
        "label": text.date(PartialDate(y.year)),
        "anchor": year_anchor(y.year),
        "count": y.count,
        "months": tuple({
            "name": text.month(m.month),
            "heading": text.date(PartialDate(y.year, m.month)),
            "anchor": f"{year_anchor(y.year)}-{m.month:02d}",
            "cards": tuple(make_card(linker, text, index, index.by_slug[s]) for s in m.briefings),
        } for m in y.months),
        "month_unknown": text.label("timeline.month_unknown", year=y.year),
        "year_only": tuple(make_card(linker, text, index, index.by_slug[s]) for s in y.year_only),
    } for y in index.timeline)
    undated = {"heading": text.date(None), "anchor": UNDATED_ANCHOR,
               "cards": tuple(make_card(linker, text, index, index.by_slug[s]) for s in index.undated)}
    title = text.label("timeline.title")
    meta = page_meta(linker, config, text, title, "timeline", text.label("timeline.description"))
    return Page(path, "timeline.html", page_context(config, meta, text, heading=title, years=years, undated=undated,
                                                    chart=timeline_chart(index.timeline, text)))
