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


@pytest.mark.parametrize("text, expected", [
    ("06/26/2017 09:23", (2017, 6, 26)),  # month first, with a time
    ("26/06/2017", (2017, 6, 26)),  # day first when the first number is no month
    ("09.08.2023 08:38:00", (2023, 8, 9)),  # dots: day first
    ("2013-February-17", (2013, 2, 17)),
    ("【Updated :August 05,20 2:54 PM】", (2020, 8, 5)),  # a two-digit year in a page stamp
    ("Posted: Mar 3,21", (2021, 3, 3)),
    ("HAIKOU, China, Sept.5, 2019 /Example/", (2019, 9, 5)),
    ("28 April 2023", (2023, 4, 28)),
    ("7月8日至9日", (None, 7, 8)),  # a range: its first day
    ("今天(7月8日)上午", (None, 7, 8)),
    ("2021年10月13日15:16", (2021, 10, 13)),
])
def test_formats_of_page_stamps_and_chinese_dates(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", [
    "On August 05, 20 firms signed",  # a number after the date, not a two-digit year
    "the 2021-2035 plan", "during the 2021-25 period", "the 1990s",
])
def test_ranges_and_numbers_near_dates_are_no_years(text):
    assert all(d.year is None for d in find_dates(text)), text


def test_a_day_without_a_year_takes_the_year_nearest_the_page_date():
    published = PartialDate(2020, 9, 16)
    # A preview: the expo comes five days after the page, so it is this year's.
    assert event_date("T", ["The expo will be held from Sept 21 to 25 in Mianyang."], published) == \
        PartialDate(2020, 9, 21)
    assert event_date("T", ["The fair opened on Dec 30."], PartialDate(2021, 1, 4)) == PartialDate(2020, 12, 30)


def test_a_date_long_before_the_page_is_background_after_the_lead():
    paragraphs = ["The zone drew 27 projects last year, officials said.",
                  "The park, founded in March 2004, was registered in 2013.",
                  "A plant secured in May 2016 commenced officially in December."]
    assert event_date("T", paragraphs, PartialDate(2017, 2, 6)) is None
    date, published = choose_dates("T", paragraphs, ["date 2017-02-06"])
    assert (date, published) == (PartialDate(2017, 2, 6), None)


def test_plan_horizons_and_copyright_years_are_never_dates():
    paragraphs = ["Wuhan will build 20 design centres by 2025 under its 2021-2035 plan, officials said."]
    assert choose_dates("Wuhan plans design centres", paragraphs, []) == (None, None)
    assert choose_dates("Wuhan plans design centres", paragraphs, ["Copyright 2017 Example News"]) == (None, None)


@pytest.mark.parametrize("lead, expected", [
    ("昨日,某市人民政府新闻办公室举行新闻发布会。", PartialDate(2025, 6, 25)),
    ("Yesterday, the mayor was interviewed about the city's economy, officials said.", PartialDate(2025, 6, 25)),
    ("The expo opens today at the city's exhibition centre.", PartialDate(2025, 6, 26)),
    # 26 June 2025 is a Thursday: what was said on Monday was three days before; what will open on
    # Saturday is two days after.
    ("The city is ready for the fair, a local official said on Monday.", PartialDate(2025, 6, 23)),
    ("The fair will open on Saturday in the city's new hall.", PartialDate(2025, 6, 28)),
    ("日前,某市举行了项目签约仪式。", PartialDate(2025, 6, 26)),  # "recently": no day, so the page's date
])
def test_days_named_relative_to_the_page_are_counted_from_its_date(lead, expected):
    date, published = choose_dates("Title", [lead], ["时间:2025年6月26日"])
    assert date == expected
    assert published == (None if expected == PartialDate(2025, 6, 26) else PartialDate(2025, 6, 26))


def test_a_relative_day_without_a_page_date_gives_no_date():
    assert choose_dates("Title", ["Yesterday, the mayor opened the fair."], []) == (None, None)
