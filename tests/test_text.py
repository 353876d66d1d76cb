"""The shared text helpers: which script a text is written in, and where its sentences end."""

from __future__ import annotations

import pytest

from generator.text import has_han, script_of, sentence_around, split_sentences


@pytest.mark.parametrize("text, script", [
    ("Wuhan opens a design week", "latin"),
    ("武汉举办工业设计周", "han"),
    ("武漢舉辦工業設計周", "han"),  # traditional characters are Han too
    ("深圳举办2023 AI大会", "han"),  # a few Latin letters in a Chinese headline
    ("Wuhan (武汉) opens a design week for manufacturers", "latin"),  # a gloss in an English sentence
    ("", "latin"),
])
def test_script_of(text, script):
    assert script_of(text) == script


def test_has_han():
    assert has_han("Chengdu 成都") and not has_han("Chengdu")


def test_english_sentences_end_at_a_stop_before_a_capital():
    text = "Mr. Hu spoke on Sept. 6 in Wuhan. The U.S. firm agreed. 3 more signed! Did they? Yes."
    assert split_sentences(text) == ["Mr. Hu spoke on Sept. 6 in Wuhan.", "The U.S. firm agreed.", "3 more signed!",
                                     "Did they?", "Yes."]


def test_a_decimal_or_a_lower_case_word_does_not_end_a_sentence():
    assert split_sentences("Output grew 4.5 percent. it said so.") == ["Output grew 4.5 percent. it said so."]


def test_chinese_sentences_end_at_chinese_stops_and_at_normalised_ascii_ones():
    text = "会议在成都举行。来自全国的代表出席!大会发布了措施?是的。"
    assert split_sentences(text) == ["会议在成都举行。", "来自全国的代表出席!", "大会发布了措施?", "是的。"]


def test_sentence_around_a_position():
    text = "The fair was held. On May 5, 2023, the plan was signed. More followed."
    start, sentence = sentence_around(text, text.index("May"), text.index("May") + 11)
    assert sentence == "On May 5, 2023, the plan was signed." and text[start:].startswith("On May")

