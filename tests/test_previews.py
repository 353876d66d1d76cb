"""Link previews and JSON-LD as values: locales, which tags a page gets, and JSON that stays inside its script."""

from __future__ import annotations

import json

import pytest

from generator.previews import ArticleFacts, json_ld, news_article, open_graph_locale, preview_tags

HOSTILE = '</script><script>alert("x")</script><!-- & \u2028 成都'


@pytest.mark.parametrize("language, locale", [("en", "en_US"), ("en-GB", "en_GB"), ("zh-CN", "zh_CN"),
                                              ("zh-Hans-CN", "zh_CN"), ("zh", "zh_CN"), ("zh-Hans", "zh_CN"),
                                              ("fr", "fr")])
def test_open_graph_locale_is_language_and_territory(language, locale):
    assert open_graph_locale(language) == locale


def test_a_listing_is_a_website_and_a_briefing_an_article_with_its_date_theme_and_tags():
    listing = preview_tags("Talent", "Briefings on talent.", "https://example.org/tags/talent/", "Digest", "en")
    assert [(t.attribute, t.key) for t in listing] == [
        ("property", "og:type"), ("property", "og:title"), ("property", "og:description"), ("property", "og:url"),
        ("property", "og:site_name"), ("property", "og:locale"), ("name", "twitter:card"),
        ("name", "twitter:title"), ("name", "twitter:description")]
    assert listing[0].content == "website"
    article = preview_tags("T", "D", "https://example.org/briefings/a/", "Digest", "en",
                           ArticleFacts("2023-06", "Talent", ("Talent", "Conference")))
    found = [(t.key, t.content) for t in article]
    assert ("og:type", "article") in found and ("article:published_time", "2023-06") in found
    assert [c for k, c in found if k == "article:tag"] == ["Talent", "Conference"]
    undated = preview_tags("T", "D", "u", "Digest", "en", ArticleFacts(None, "Talent", ()))
    assert "article:published_time" not in [t.key for t in undated]


def test_json_ld_cannot_close_its_script_and_parses_back_to_the_same_value():
    data = {"headline": HOSTILE, "keywords": [HOSTILE]}
    text = str(json_ld(data))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_a_news_article_names_its_cities_keywords_and_original_once_each():
    article = news_article("Headline", "Summary", "https://example.org/briefings/a/", "en", "2023-06-28",
                           ["Chengdu", "Chongqing"], ["Talent", "Talent", "Conference"], "Talent", "Digest",
                           "https://example.org/", "ChinaNews", "https://www.chinanews.com.cn/a.shtml")
    assert article["@type"] == "NewsArticle" and article["datePublished"] == "2023-06-28"
    assert article["contentLocation"] == [{"@type": "City", "name": "Chengdu"}, {"@type": "City", "name": "Chongqing"}]
    assert article["keywords"] == ["Talent", "Conference"]
    assert article["isBasedOn"] == {"@type": "CreativeWork", "url": "https://www.chinanews.com.cn/a.shtml",
                                    "publisher": {"@type": "Organization", "name": "ChinaNews"}}
    unknown = news_article("H", "", "u", "en", None, ["Chengdu"], ["Talent"], "Talent", "Digest", "https://e.org/")
    assert not {"datePublished", "isBasedOn", "description"} & set(unknown)
