"""URL slugs: ASCII words, pinyin for Chinese, cut after a whole word."""

from __future__ import annotations

from generator.slugs import slugify


def test_chinese_becomes_pinyin_words():
    assert slugify("武汉") == "wu-han"


def test_a_long_slug_is_cut_after_its_last_whole_word_and_never_loses_one_from_the_middle():
    slug = slugify("青岛西海岸新区举行2024年重点项目集中开工活动", max_length=60)
    assert slug == "qing-dao-xi-hai-an-xin-qu-ju-xing-2024-nian-zhong-dian-xiang"
    assert slugify("alpha beta gamma-delta", max_length=12) == "alpha-beta"
    assert slugify("Supercalifragilistic", max_length=5) == "super"
