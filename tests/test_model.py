"""PartialDate: honest precision, reading, display and ordering."""

import pytest

from generator.interface import load_interface_text
from generator.model import PartialDate


@pytest.mark.parametrize("text, precision, display", [
    ("2023-06-28", "day", "28 June 2023"),
    ("2023-06", "month", "June 2023"),
    ("2023", "year", "2023"),
])
def test_parse_keeps_precision(text, precision, display):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.iso() == text
    assert load_interface_text("en").date(date) == display


@pytest.mark.parametrize("text", ["2023-13-01", "2023-02-30", "23-06-28", "June 2023", "2023-6-1", ""])
def test_parse_rejects_what_is_not_iso(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_year_sorts_before_days_of_that_year():
    assert sorted([PartialDate(2023, 6, 28), PartialDate(2023), PartialDate(2022, 12)]) == [
        PartialDate(2022, 12), PartialDate(2023), PartialDate(2023, 6, 28)]


def test_a_day_needs_a_month():
    with pytest.raises(ValueError):
        PartialDate(2023, None, 5)
