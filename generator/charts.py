"""Bar charts as ready-made SVG geometry, so templates only draw what is computed here.

Every chart is drawn with text labels and comes with its figures in one
sentence (the SVG's title, for screen readers) and as rows for a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from generator.indexes import TimelineYear
from generator.interface import InterfaceText

# Columns (one per year): width, gap, the tallest bar's height, and room for the count above and label below.
COLUMN, COLUMN_GAP, COLUMN_HEIGHT, COUNT_SPACE, LABEL_SPACE = 36, 12, 120, 18, 22
# Horizontal bars (one per theme), each under its name so a long name never runs out of room:
# a row's height, the name's line, the bar's thickness, the longest bar and room for the count after it.
ROW, NAME_LINE, THICKNESS, BAR_LENGTH, COUNT_WIDTH = 40, 16, 14, 520, 40


@dataclass(frozen=True)
class Item:
    """One thing a chart counts; `href` leads to a listing of exactly `count` briefings, or is None."""

    label: str
    count: int
    href: str | None = None


@dataclass(frozen=True)
class Bar:
    """An item as drawn: its rectangle, and where its label and its count are written."""

    item: Item
    x: int
    y: int
    width: int
    height: int
    label_x: int
    label_y: int
    count_x: int
    count_y: int
    area: tuple[int, int, int, int]
    """x, y, width and height of the whole slot, label and count included: where a click on a linked bar lands."""


@dataclass(frozen=True)
class Chart:
    """An SVG bar chart; `label_anchor` and `count_anchor` are SVG text-anchor values."""

    title: str
    summary: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    axis: tuple[int, int, int, int]
    label_anchor: str
    count_anchor: str

    @property
    def linked(self) -> bool:
        """Whether its bars are links; a chart of links is drawn as a group of them, not as one image."""
        return any(bar.item.href for bar in self.bars)

    @property
    def items(self) -> tuple[Item, ...]:
        """The figures, in the chart's order, for the table beside it."""
        return tuple(bar.item for bar in self.bars)


def _scale(count: int, top: int, length: int) -> int:
    return round(length * count / top) if count else 0


def column_chart(title: str, summary: str, items: Sequence[Item]) -> Chart:
    """Vertical bars left to right (years), counts above and labels below."""
    top = max((i.count for i in items), default=0) or 1
    baseline = COUNT_SPACE + COLUMN_HEIGHT
    bars = []
    for position, item in enumerate(items):
        height = _scale(item.count, top, COLUMN_HEIGHT)
        x = COLUMN_GAP + position * (COLUMN + COLUMN_GAP)
        middle = x + COLUMN // 2
        bars.append(Bar(item, x, baseline - height, COLUMN, height, middle, baseline + 16, middle,
                        baseline - height - 4, (x - COLUMN_GAP // 2, 0, COLUMN + COLUMN_GAP, baseline + LABEL_SPACE)))
    width = max(COLUMN_GAP + len(items) * (COLUMN + COLUMN_GAP), 120)
    return Chart(title, summary, width, baseline + LABEL_SPACE, tuple(bars), (0, baseline, width, baseline),
                 "middle", "middle")


def bar_chart(title: str, summary: str, items: Sequence[Item]) -> Chart:
    """Horizontal bars top to bottom (themes), each name above its bar and the count after it."""
    top = max((i.count for i in items), default=0) or 1
    bars = []
    for position, item in enumerate(items):
        y = position * ROW + NAME_LINE + 2
        length = max(_scale(item.count, top, BAR_LENGTH), 2)
        bars.append(Bar(item, 0, y, length, THICKNESS, 0, y - 5, length + 6, y + THICKNESS - 2,
                        (0, position * ROW, BAR_LENGTH + COUNT_WIDTH, ROW)))
    height = max(len(items) * ROW, ROW)
    return Chart(title, summary, BAR_LENGTH + COUNT_WIDTH, height, tuple(bars), (0, 0, 0, height), "start", "start")


def timeline_chart(timeline: tuple[TimelineYear, ...], text: InterfaceText) -> Chart:
    """Briefings per year over the whole digest, oldest on the left, years without any included."""
    counts = {y.year: y.count for y in timeline}
    years = range(min(counts), max(counts) + 1) if counts else range(0)
    summary = text.label("timeline.chart_separator").join(
        text.label("timeline.chart_count", count=counts[year], year=year) for year in years if counts.get(year))
    return column_chart(text.label("timeline.chart_caption"), text.label("timeline.chart_title", summary=summary),
                        [Item(str(year), counts.get(year, 0)) for year in years])
