"""The timeline: every briefing by year, then month, under a chart of briefings per year."""

from __future__ import annotations

import functools

from generator.charts import timeline_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.model import PartialDate
from generator.urls import Linker, file_path
from generator.views import Facets, Page, PageSpec, make_card, page_context, page_meta


def timeline_spec(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> PageSpec:
    """The timeline shows every briefing's card, grouped by year and month."""
    key = tuple((y.year, tuple((m.month, facets.cards(m.briefings)) for m in y.months), facets.cards(y.year_only))
                for y in index.timeline)
    return PageSpec(file_path("timeline/"), ("timeline", key),
                    functools.partial(render_timeline_page, index, config, text))


def render_timeline_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """Every briefing by year, then month; year-only briefings under their year; a chart on top."""
    path = file_path("timeline/")
    linker = Linker(path, config)
    years = tuple({
        "year": y.year,
        "label": text.date(PartialDate(y.year)),
        "anchor": f"y{y.year}",
        "count": y.count,
        "months": tuple({
            "name": text.month(m.month),
            "heading": text.date(PartialDate(y.year, m.month)),
            "anchor": f"y{y.year}-{m.month:02d}",
            "cards": tuple(make_card(linker, text, index, index.by_slug[s]) for s in m.briefings),
        } for m in y.months),
        "month_unknown": text.label("timeline.month_unknown", year=y.year),
        "year_only": tuple(make_card(linker, text, index, index.by_slug[s]) for s in y.year_only),
    } for y in index.timeline)
    title = text.label("timeline.title")
    meta = page_meta(linker, config, text, title, "timeline", text.label("timeline.description"))
    return Page(path, "timeline.html", page_context(config, meta, text, heading=title, years=years,
                                                    chart=timeline_chart(index.timeline, text)))
