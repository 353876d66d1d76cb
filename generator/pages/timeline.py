"""The timeline: every briefing by year, then month, under a chart of briefings per year."""

from __future__ import annotations

import functools

from generator.charts import timeline_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.model import MONTH_NAMES
from generator.urls import Linker, file_path
from generator.views import Facets, Page, PageSpec, make_card, page_context, page_meta


def timeline_spec(index: SiteIndex, config: SiteConfig, facets: Facets) -> PageSpec:
    """The timeline shows every briefing's card, grouped by year and month."""
    key = tuple((y.year, tuple((m.month, facets.cards(m.briefings)) for m in y.months), facets.cards(y.year_only))
                for y in index.timeline)
    return PageSpec(file_path("timeline/"), ("timeline", key),
                    functools.partial(render_timeline_page, index, config))


def render_timeline_page(index: SiteIndex, config: SiteConfig) -> Page:
    """Every briefing by year, then month; year-only briefings under their year; a chart on top."""
    path = file_path("timeline/")
    linker = Linker(path, config)
    years = tuple({
        "year": y.year,
        "anchor": f"y{y.year}",
        "count": y.count,
        "months": tuple({
            "name": MONTH_NAMES[m.month],
            "anchor": f"y{y.year}-{m.month:02d}",
            "cards": tuple(make_card(linker, index, index.by_slug[s]) for s in m.briefings),
        } for m in y.months),
        "year_only": tuple(make_card(linker, index, index.by_slug[s]) for s in y.year_only),
    } for y in index.timeline)
    meta = page_meta(linker, config, "Timeline", "timeline", "Every briefing by year and month.")
    return Page(path, "timeline.html", page_context(config, meta, heading="Timeline", years=years,
                                                    chart=timeline_chart(index.timeline)))
