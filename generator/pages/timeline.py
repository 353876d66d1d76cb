"""The timeline: every briefing by year, then month, under a chart of briefings per year."""

from __future__ import annotations

import calendar

from generator.charts import timeline_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.urls import Linker, file_path
from generator.views import Page, make_card, page_context, page_meta


def render_timeline_page(index: SiteIndex, config: SiteConfig) -> Page:
    """Every briefing by year, then month; year-only briefings under their year; a chart on top."""
    path = file_path("timeline/")
    linker = Linker(path, config)
    years = tuple({
        "year": y.year,
        "anchor": f"y{y.year}",
        "count": y.count,
        "months": tuple({
            "name": calendar.month_name[m.month],
            "anchor": f"y{y.year}-{m.month:02d}",
            "cards": tuple(make_card(linker, index, index.by_slug[s]) for s in m.briefings),
        } for m in y.months),
        "year_only": tuple(make_card(linker, index, index.by_slug[s]) for s in y.year_only),
    } for y in index.timeline)
    meta = page_meta(linker, config, "Timeline", "timeline", "Every briefing by year and month.")
    return Page(path, "timeline.html", page_context(config, meta, heading="Timeline", years=years,
                                                    chart=timeline_chart(index.timeline, linker)))
