"""A briefing body that opens with its summary starts after it; anything else is left as it is."""

import pytest

from generator.summary import body_after_summary

SUMMARY = "On June 28, 2023, a conference opened in Dazu. It was themed “Design Wins Future”."


@pytest.mark.parametrize("body, expected", [
    # The whole first paragraph is the summary: the body starts with the second.
    (SUMMARY + "\n\nSecond paragraph.\n", "Second paragraph.\n"),
    # The summary opens a longer paragraph: the paragraph goes on after it.
    (SUMMARY + " It brought together leaders.\n\nMore.\n", "It brought together leaders.\n\nMore.\n"),
    # Other spacing and Markdown escapes still match.
    ("On June 28,  2023, a conference\nopened in Dazu. It was themed “Design Wins Future”.\n\nNext.\n", "Next.\n"),
    # The body is nothing but the summary.
    (SUMMARY + "\n", ""),
])
def test_the_body_starts_after_the_summary(body, expected):
    assert body_after_summary(SUMMARY, body) == expected


def test_chinese_sentences_follow_each_other_without_a_space():
    assert body_after_summary("武汉发布了一批新场景。", "武汉发布了一批新场景。涉及新能源汽车。\n") == "涉及新能源汽车。\n"
    assert body_after_summary("武汉发布了一批新场景。", "武汉发布了一批新场景，涉及新能源汽车。\n") == \
        "武汉发布了一批新场景，涉及新能源汽车。\n"


def test_escapes_in_the_body_do_not_stop_a_match():
    summary = "Output rose 12.5% to *record* levels in 2023. The 33618_plan went on."
    body = "Output rose 12.5% to \\*record\\* levels in 2023. The 33618\\_plan went on.\n\nNext.\n"
    assert body_after_summary(summary, body) == "Next.\n"


@pytest.mark.parametrize("summary, body", [
    ("A summary taken from further on.", "The article opens otherwise. A summary taken from further on.\n"),
    # Half a sentence is not the summary's sentences.
    ("On June 28, 2023, a conference opened", "On June 28, 2023, a conference opened in Dazu.\n"),
    ("Chengdu will grow.", "Chengdu will grow.5 percent a year.\n"),
    # A full stop after an abbreviation, or before a lower-case word, ends no sentence (as in ingest's splitter).
    ("Talks were held with Mr.", "Talks were held with Mr. Hu on trade.\n"),
    ("Output grew 4.5 percent.", "Output grew 4.5 percent. it said, at the fair.\n"),
    ("", "Anything.\n"),
])
def test_a_body_that_does_not_open_with_the_summary_is_kept_whole(summary, body):
    assert body_after_summary(summary, body) == body
