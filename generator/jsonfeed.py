"""JSON Feed 1.1 documents (https://www.jsonfeed.org/version/1.1/), written beside each Atom feed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


@dataclass(frozen=True)
class FeedItem:
    """One item; optional values that are None or empty are left out of the document."""

    id: str
    url: str
    title: str
    content_html: str
    summary: str = ""
    date_published: str | None = None
    """RFC 3339, as the spec requires; None for an undated briefing."""
    date_modified: str | None = None
    tags: tuple[str, ...] = ()
    external_url: str | None = None
    """The page the item is about, elsewhere: for a briefing, the original article."""
    language: str | None = None


@dataclass(frozen=True)
class JsonFeed:
    """A feed's own fields and its items, newest first."""

    title: str
    home_page_url: str
    feed_url: str
    description: str
    language: str
    author: str
    items: tuple[FeedItem, ...]


def json_feed_document(feed: JsonFeed) -> bytes:
    """The feed as UTF-8 JSON with a stated key order, so a rebuild gives the same bytes."""
    document = _present({
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.feed_url,
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.author}] if feed.author else None,
        # The spec requires items even when there are none.
        "items": [_item(item) for item in feed.items],
    }, keep=("items",))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(item: FeedItem) -> dict[str, Any]:
    return _present({
        "id": item.id,
        "url": item.url,
        "external_url": item.external_url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary,
        "date_published": item.date_published,
        "date_modified": item.date_modified,
        "tags": list(item.tags),
        "language": item.language,
    }, keep=("id", "content_html"))


def _present(values: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """Leave out empty optional values: the spec treats a missing key and a null alike, and readers
    handle a missing key best."""
    return {k: v for k, v in values.items() if k in keep or v not in (None, "", [])}
