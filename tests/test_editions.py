"""Editions: ISO weeks or months by briefing date, month-only dates in month editions, the rest left out."""

import datetime

import pytest

from generator.editions import UNDATED, YEAR_ONLY, LeftOut, build_editions, month_of, week_of
from generator.model import Briefing, PartialDate


def briefing(slug, date):
    return Briefing(slug=slug, title=slug, date=date, city="Chengdu", cities=("Chengdu",), theme="Talent",
                    tags=(), summary="", body="")


BRIEFINGS = (  # newest first
    briefing("sun", PartialDate(2023, 7, 2)),
    briefing("mon", PartialDate(2023, 6, 26)),
    briefing("june", PartialDate(2023, 6)),
    briefing("sat", PartialDate(2023, 6, 24)),
    briefing("year", PartialDate(2023)),
    briefing("new-year", PartialDate(2021, 1, 1)),
)


@pytest.mark.parametrize("day, key, monday", [
    (datetime.date(2023, 6, 26), "2023-W26", datetime.date(2023, 6, 26)),
    (datetime.date(2023, 7, 2), "2023-W26", datetime.date(2023, 6, 26)),
    (datetime.date(2021, 1, 1), "2020-W53", datetime.date(2020, 12, 28)),  # the ISO year is not the calendar year
    (datetime.date(2024, 12, 30), "2025-W01", datetime.date(2024, 12, 30)),
])
def test_a_week_runs_from_monday_to_sunday(day, key, monday):
    week = week_of(day)
    assert (week.key, week.first_day, week.last_day) == (key, monday, monday + datetime.timedelta(days=6))
    assert week.first_day.weekday() == 0


def test_a_month_runs_from_its_first_day_to_its_last():
    month = month_of(2024, 2)
    assert (month.key, month.first_day, month.last_day) == ("2024-02", datetime.date(2024, 2, 1),
                                                            datetime.date(2024, 2, 29))


def test_weekly_editions_put_month_only_briefings_in_a_month_edition_and_leave_out_year_only_ones():
    index = build_editions(BRIEFINGS, "week")
    assert [(e.key, e.length, e.briefings) for e in index.editions] == [
        ("2023-W26", "week", ("sun", "mon")),
        ("2023-06", "month", ("june",)),
        ("2023-W25", "week", ("sat",)),
        ("2020-W53", "week", ("new-year",)),
    ]
    assert index.left_out == (LeftOut("year", YEAR_ONLY),)
    assert index.get("2023-W26").slug == "2023-w26"
    newer, older = index.neighbours("2023-06")
    assert (newer.key, older.key) == ("2023-W26", "2023-W25")
    assert index.neighbours("2023-W26")[0] is None and index.neighbours("2020-W53")[1] is None


def test_monthly_editions_hold_day_and_month_dates_alike():
    index = build_editions(BRIEFINGS, "month")
    assert [(e.key, e.briefings) for e in index.editions] == [
        ("2023-07", ("sun",)), ("2023-06", ("mon", "june", "sat")), ("2021-01", ("new-year",))]
    assert {e.length for e in index.editions} == {"month"}
    assert index.left_out == (LeftOut("year", YEAR_ONLY),)


def test_a_month_ending_on_a_sunday_comes_after_that_week():
    index = build_editions((briefing("w", PartialDate(2023, 4, 30)), briefing("m", PartialDate(2023, 4))), "week")
    assert [e.key for e in index.editions] == ["2023-04", "2023-W17"]


def test_a_briefing_without_a_date_is_left_out_as_undated():
    undated = Briefing(slug="x", title="x", date=None, city="Chengdu", cities=("Chengdu",), theme="Talent",
                       tags=(), summary="", body="")
    assert build_editions((undated,), "week").left_out == (LeftOut("x", UNDATED),)
