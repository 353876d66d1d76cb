"""Chart geometry: ready-made SVG coordinates, so templates only draw what is computed here."""

from __future__ import annotations

from typing import Any

from generator.indexes import TimelineYear
from generator.interface import InterfaceText
from generator.urls import Linker


def timeline_chart(timeline: tuple[TimelineYear, ...], linker: Linker, text: InterfaceText) -> dict[str, Any]:
    """Bars of briefings per year, oldest on the left, as ready-made SVG coordinates."""
    counts = sorted((y.year, y.count) for y in timeline)
    if counts:
        first, last = counts[0][0], counts[-1][0]
        by_year = dict(counts)
        counts = [(year, by_year.get(year, 0)) for year in range(first, last + 1)]
    bar, gap, height, label_space = 36, 12, 120, 22
    top = max((c for _, c in counts), default=0) or 1
    bars = []
    for i, (year, count) in enumerate(counts):
        h = round(height * count / top) if count else 0
        x = gap + i * (bar + gap)
        bars.append({"year": year, "count": count, "x": x, "y": height - h + 18, "width": bar, "height": h,
                     "label_x": x + bar // 2, "href": linker.to("timeline/") + f"#y{year}" if count else None})
    width = gap + len(counts) * (bar + gap)
    summary = text.label("timeline.chart_separator").join(
        text.label("timeline.chart_count", count=c, year=y) for y, c in counts if c)
    return {"width": max(width, 120), "height": height + 18 + label_space, "bars": tuple(bars),
            "baseline": height + 18, "label_y": height + 18 + 16, "summary": summary}
