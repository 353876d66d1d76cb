"""Dates in article text: the formats news sites use, and event date versus publication date."""

from __future__ import annotations

import pytest

from generator.ingest.dates import choose_dates, event_date, find_dates, publication_date, year_of_event
from generator.model import PartialDate


def first(text):
    found = find_dates(text)
    assert found, text
    return (found[0].year, found[0].month, found[0].day)


@pytest.mark.parametrize("text, expected", [
    ("Sept. 6, 2023", (2023, 9, 6)),
    ("Sep 6 2023", (2023, 9, 6)),
    ("September 6th, 2023", (2023, 9, 6)),
    ("6 September 2023", (2023, 9, 6)),
    ("the 21st of October, 2023", (2023, 10, 21)),
    ("On October 21st, 2023 Nanjing Mayor's meeting", (2023, 10, 21)),
    ("On October 21st the meeting", (None, 10, 21)),
    ("Published:2021-08-23 10:13:29", (2021, 8, 23)),
    ("2020/4/2", (2020, 4, 2)),
    ("2023.06.28", (2023, 6, 28)),
    ("2023年6月28日", (2023, 6, 28)),
    ("2023 年 6 月", (2023, 6, None)),
    ("6月28日", (None, 6, 28)),
    ("in June 2023", (2023, 6, None)),
    ("the 2023 Modern Times conference", (2023, None, None)),
])
def test_formats(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", ["we may 5 times", "1,000 new scenes", "the 1990s", "12,000 firms", "by 20235"])
def test_things_that_are_not_dates(text):
    assert find_dates(text) == ()


def test_an_impossible_day_is_not_a_date():
    assert [(d.year, d.month, d.day) for d in find_dates("February 30, 2023")] == [(2023, None, None)]


def test_publication_date_prefers_published_over_updated():
    lines = ["Updated: 2021-08-24 09:00", "By Li Jing | China Daily | Published: 2021-08-23 10:13"]
    assert publication_date(lines) == PartialDate(2021, 8, 23)
    assert publication_date(["Updated: 2021-08-24"]) == PartialDate(2021, 8, 24)
    assert publication_date(["China.org.cn, July 5, 2024"]) == PartialDate(2024, 7, 5)
    assert publication_date(["Copyright 1997-2024"]) is None


def test_the_event_date_is_a_dated_sentence_about_something_happening():
    paragraphs = ["On March 31, 2020, the first conference was held in Chengdu, China."]
    assert event_date("Title", paragraphs, PartialDate(2020, 4, 2)) == PartialDate(2020, 3, 31)


def test_a_target_year_or_an_undated_remark_is_no_event_date():
    paragraphs = ["Chongqing will double its firms by 2027.", "In 2023, we manufactured 2.3 million vehicles."]
    assert event_date("Title", paragraphs, None) is None


def test_a_day_without_a_year_takes_the_publication_year():
    paragraphs = ["On October 21st, the meeting was held."]
    assert event_date("T", paragraphs, PartialDate(2023, 10, 25)) == PartialDate(2023, 10, 21)
    # Published in January: a December meeting was the year before.
    assert event_date("T", ["On December 28, the fair opened."], PartialDate(2024, 1, 3)) == PartialDate(2023, 12, 28)


def test_a_day_without_a_year_takes_the_year_the_headline_gives():
    assert event_date("2022 Wuhan Design Week", ["On Sept. 6 the week opened."], None) == PartialDate(2022, 9, 6)


def test_a_day_without_any_year_is_no_date():
    assert choose_dates("Title", ["On October 21st the meeting was held."], []) == (None, None)


def test_choose_dates_keeps_the_publication_date_when_it_differs():
    date, published = choose_dates(
        "Chengdu will release 1,000 new scenes",
        ["On March 31, 2020, the first conference was held in Chengdu, China."],
        ["|ChinaNews|Published:2020-04-02 17:29:31"])
    assert (date, published) == (PartialDate(2020, 3, 31), PartialDate(2020, 4, 2))


def test_choose_dates_falls_back_to_the_publication_date():
    date, published = choose_dates("Press conference", ["Chongqing is a manufacturing hub."],
                                   ["China.org.cn, July 5, 2024"])
    assert (date, published) == (PartialDate(2024, 7, 5), None)


def test_a_year_alone_is_used_honestly_when_nothing_better_is_given():
    title = "Chengdu Hosts 2023 Modern Urban Industrial Development Conference"
    paragraphs = ["The conference was recently hosted in Chengdu."]
    assert choose_dates(title, paragraphs, []) == (PartialDate(2023), None)
    assert year_of_event("A plan to 2035", ["The plan was released."]) is None
    assert year_of_event("A plan", ["The 2021 forum was held in Wuhan."]) == 2021


def test_chinese_dates():
    date, _ = choose_dates("成都举行工业设计大会", ["2023年6月28日，工业设计大会在成都举行。"], [])
    assert date == PartialDate(2023, 6, 28)
