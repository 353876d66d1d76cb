"""Atom feeds (RFC 4287): the whole site's, and one per theme and per city."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.markdown import render_markdown
from generator.model import PartialDate
from generator.pages.terms import FEED_KINDS
from generator.urls import Linker, briefing_path, term_path
from generator.views import Page

# Entries per feed: the newest briefings only, as feed readers expect.
FEED_LIMIT = 50


def _timestamp(date: PartialDate) -> str:
    """RFC 3339 time for a date known to any precision: the first day it can stand for."""
    year, month, day = date.first_day()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def render_feed(index: SiteIndex, config: SiteConfig, path: str, title: str, page_target: str,
                slugs: tuple[str, ...], limit: int = FEED_LIMIT) -> Page:
    """An Atom feed (RFC 4287) of the newest briefings among `slugs`."""
    linker = Linker(path, config)
    chosen = [index.by_slug[s] for s in slugs[:limit]]
    entries = tuple({
        "title": b.title,
        "url": linker.url(briefing_path(b.slug)),
        "updated": _timestamp(b.date),
        "published": _timestamp(b.published or b.date),
        "summary": b.summary or b.title,
        "categories": (b.theme,) + tuple(t for t in b.tags if t != b.theme),
        "content_html": render_markdown(b.body),
    } for b in chosen)
    feed = {
        "title": title,
        "id": linker.url(path),
        "self": linker.url(path),
        "alternate": linker.url(page_target),
        "updated": max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z"),
        "subtitle": config.description,
        "author": config.title,
    }
    return Page(path, "atom.xml", {"site": config, "feed": feed, "entries": entries})


def render_feeds(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The whole site's feed and one per theme and per city."""
    yield render_feed(index, config, "feed.xml", config.title, "", tuple(b.slug for b in index.briefings))
    for kind in FEED_KINDS:
        for entry in getattr(index, kind).entries:
            base = term_path(kind, entry.slug)
            yield render_feed(index, config, base + "feed.xml", f"{config.title}: {entry.name}", base,
                              entry.briefings)
