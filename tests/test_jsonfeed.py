"""JSON Feed documents: the generator's output keeps the 1.1 rules, and the rules' checker catches breaks."""

from __future__ import annotations

import json

import pytest

from generator.jsonfeed import FeedItem, JsonFeed, json_feed_document
from tests.jsonfeed_spec import json_feed_problems


def feed(*items: FeedItem, author: str = "A Digest") -> JsonFeed:
    return JsonFeed(title="A Digest", home_page_url="https://example.org/", feed_url="https://example.org/feed.json",
                    description="Briefings.", language="en", author=author, items=items)


DATED = FeedItem(id="https://example.org/briefings/a/", url="https://example.org/briefings/a/",
                 title="成都 <new> & \"scenes\"", content_html="<p>Text</p>\n", summary="A summary.",
                 date_published="2020-04-02T00:00:00Z", date_modified="2020-03-31T00:00:00Z",
                 tags=("Talent", "Conference"), external_url="https://www.chinanews.com.cn/a.shtml", language="zh")
UNDATED = FeedItem(id="https://example.org/briefings/b/", url="https://example.org/briefings/b/", title="B",
                   content_html="<p>B</p>\n")


def test_a_feed_document_keeps_the_rules_and_reads_back():
    document = json.loads(json_feed_document(feed(DATED, UNDATED)))
    assert json_feed_problems(document) == []
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["authors"] == [{"name": "A Digest"}]
    first, second = document["items"]
    assert first["title"] == DATED.title and first["external_url"] == DATED.external_url
    assert first["tags"] == ["Talent", "Conference"] and first["language"] == "zh"
    # An undated briefing has no dates, and its empty optional values are left out, not null.
    assert second == {"id": UNDATED.id, "url": UNDATED.url, "title": "B", "content_html": "<p>B</p>\n"}


def test_an_empty_feed_still_has_items_and_a_feed_without_author_has_no_authors():
    document = json.loads(json_feed_document(feed(author="")))
    assert document["items"] == [] and "authors" not in document
    assert json_feed_problems(document) == []


@pytest.mark.parametrize("change, problem", [
    (lambda f: f.pop("version"), "version is None"),
    (lambda f: f.update(version="https://jsonfeed.org/version/1"), "version is 'https://jsonfeed.org/version/1'"),
    (lambda f: f.pop("title"), "title (required)"),
    (lambda f: f.pop("items"), "items (required)"),
    (lambda f: f.update(home_page_url="/digest/"), "home_page_url '/digest/' is not an absolute URL"),
    (lambda f: f.update(authors=[{}]), "an author has none of name, url and avatar"),
    (lambda f: f.update(expired="no"), "expired is not a boolean"),
    (lambda f: f["items"][0].pop("id"), "item 1: id (required)"),
    (lambda f: f["items"][0].pop("content_html"), "neither content_html nor content_text"),
    (lambda f: f["items"][0].update(date_published="2020-04-02"), "is not an RFC 3339 date-time"),
    (lambda f: f["items"][0].update(tags="Talent"), "tags is not an array of strings"),
    (lambda f: f["items"][0].update(title=7), "item 1: title is not a string"),
    (lambda f: f["items"].append(dict(f["items"][0])), "item ids repeat"),
])
def test_the_checker_names_each_broken_rule(change, problem):
    document = json.loads(json_feed_document(feed(DATED)))
    change(document)
    assert any(problem in found for found in json_feed_problems(document)), json_feed_problems(document)
