"""Interface text the pages show, by name, in one place so that a language file can take its place.

Values with {fields} are filled in with `label`; templates get the mapping as `text`.
"""

from __future__ import annotations

import calendar
import datetime
from types import MappingProxyType

LABELS = MappingProxyType({
    "follow": "Follow",
    "atom_feed": "Atom feed",
    "json_feed": "JSON Feed",
    "download_data": "Download the data",
    "export_json": "JSON",
    "export_csv": "CSV",
    "all_briefings": "All briefings",
    "source": "Source",
    # How a briefing whose article states no date is shown, and its section of the timeline.
    "date_not_known": "Date not known",
    "original_article": "original article",
    # Written by the page code of city profiles, the comparison and editions.
    "cities_title": "Cities",
    "cities_by_count_title": "Cities by number of briefings",
    "cities_order_name": "name",
    "cities_order_count": "number of briefings",
    "cities_description": "Every city with its number of briefings and its leading theme.",
    "city_description": "{city}: briefings by theme and by year, the cities it appears with and its frequent tags.",
    "chart_by_theme": "Briefings on each theme",
    "chart_by_year": "Briefings per year",
    "chart_summary": "{title}: {counts}.",
    "chart_count": "{label} {count}",
    "compare_title": "Compare cities and themes",
    "compare_description": "How many briefings each city has on each theme.",
    "city_theme_title": "{city}: {theme}",
    "city_theme_description": "Briefings on {theme} that involve {city}.",
    "editions_title": "Editions",
    "editions_description": "The digest edition by edition, with a version of each ready to send by email.",
    "editions_feed": "Editions",
    "edition_week": "Week {week} of {year}",
    "edition_month": "{month} {year}",
    "edition_kind_week": "Weekly edition",
    "edition_kind_month": "Monthly edition",
    "edition_description": "{name}: {briefings}, {dates}.",
    "edition_feed_summary": "{briefings}: {themes}.",
    "briefings_one": "{count} briefing",
    "briefings_other": "{count} briefings",
    "left_out_year_only": "dated only to a year",
    "left_out_undated": "not dated",
})


def label(key: str, **fields: object) -> str:
    """The text for `key`, with its {fields} filled in."""
    return LABELS[key].format(**fields) if fields else LABELS[key]


def briefings_label(count: int) -> str:
    """'1 briefing', '3 briefings'."""
    return label("briefings_one" if count == 1 else "briefings_other", count=count)


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
