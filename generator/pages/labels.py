"""The words the analyst's views put on pages from Python, in one place so a translation can replace them.

Templates hold the rest of the interface text. Values with {fields} are
filled with str.format.
"""

from __future__ import annotations

import calendar
import datetime

LABELS = {
    "cities.title": "Cities",
    "cities.by_count.title": "Cities by number of briefings",
    "cities.order.name": "name",
    "cities.order.count": "number of briefings",
    "cities.description": "Every city with its number of briefings and its leading theme.",
    "city.description": "{city}: briefings by theme and by year, the cities it appears with and its frequent tags.",
    "chart.by_theme": "Briefings on each theme",
    "chart.by_year": "Briefings per year",
    "chart.summary": "{title}: {counts}.",
    "chart.count": "{label} {count}",
    "compare.title": "Compare cities and themes",
    "compare.description": "How many briefings each city has on each theme.",
    "city_theme.title": "{city}: {theme}",
    "city_theme.description": "Briefings on {theme} that involve {city}.",
    "editions.title": "Editions",
    "editions.description": "The digest edition by edition, with a version of each ready to send by email.",
    "editions.feed": "Editions",
    "edition.week": "Week {week} of {year}",
    "edition.month": "{month} {year}",
    "edition.kind.week": "Weekly edition",
    "edition.kind.month": "Monthly edition",
    "edition.description": "{name}: {briefings}, {dates}.",
    "edition.feed_summary": "{briefings}: {themes}.",
    "briefings.one": "{count} briefing",
    "briefings.other": "{count} briefings",
    "left_out.year-only": "dated only to a year",
    "left_out.undated": "not dated",
}


def label(key: str, **fields: object) -> str:
    """The text for `key`, with its {fields} filled in."""
    return LABELS[key].format(**fields) if fields else LABELS[key]


def briefings_label(count: int) -> str:
    """'1 briefing', '3 briefings'."""
    return label("briefings.one" if count == 1 else "briefings.other", count=count)


def day_display(day: datetime.date) -> str:
    """'26 June 2023', as PartialDate.display writes a full date."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def days_display(first: datetime.date, last: datetime.date) -> str:
    """A span of days as readers write it: '26 June – 2 July 2023', '1–7 May 2023', '28 December 2020 – 3 January 2021'."""
    if first.year != last.year:
        return f"{day_display(first)} – {day_display(last)}"
    if first.month != last.month:
        return f"{first.day} {calendar.month_name[first.month]} – {day_display(last)}"
    return f"{first.day}–{day_display(last)}"
