"""Feeds: the whole site's, and one per theme and per city, each as Atom (RFC 4287) and as JSON Feed 1.1."""

from __future__ import annotations

import functools
from typing import Callable, Iterator

from generator.config import SiteConfig
from generator.content import read_body
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.jsonfeed import FeedItem, JsonFeed, json_feed_document
from generator.language import text_language
from generator.markdown import render_markdown
from generator.model import PartialDate
from generator.pages.terms import FEED_KINDS
from generator.urls import Linker, briefing_path, json_feed_path, term_path
from generator.views import Facets, Page, PageSpec, term_label

# Entries per feed: the newest briefings only, as feed readers expect.
FEED_LIMIT = 50
# An Atom entry must say when it was updated: an undated briefing takes the newest dated
# briefing's date, or this when none has one, never the build time (builds stay byte-identical).
EPOCH = "1970-01-01T00:00:00Z"


def _timestamp(date: PartialDate) -> str:
    """RFC 3339 time for a date known to any precision: the first day it can stand for."""
    year, month, day = date.first_day()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def _timestamp_or_none(date: PartialDate | None) -> str | None:
    """RFC 3339 time, or None for an undated briefing: JSON Feed then leaves the key out."""
    return _timestamp(date) if date else None


def _stand_in(index: SiteIndex) -> str:
    """The time an undated briefing's Atom entry gives: the newest dated briefing's, else EPOCH."""
    newest = next((b.date for b in index.briefings if b.date), None)
    return _timestamp(newest) if newest else EPOCH


def render_feed(index: SiteIndex, config: SiteConfig, path: str, title: str, page_target: str,
                slugs: tuple[str, ...], limit: int = FEED_LIMIT) -> tuple[Page, Page]:
    """An Atom feed (RFC 4287) of the newest briefings among `slugs`, and the same entries as a JSON Feed."""
    linker = Linker(path, config)
    chosen = [index.by_slug[s] for s in slugs[:limit]]
    stand_in = _stand_in(index)
    entries = tuple({
        "title": b.title,
        "url": linker.url(briefing_path(b.slug)),
        "updated": _timestamp_or_none(b.date) or stand_in,
        "published": _timestamp_or_none(b.published or b.date) or stand_in,
        "summary": b.summary or b.title,
        "categories": (b.theme,) + tuple(t for t in b.tags if t != b.theme),
        "content_html": render_markdown(read_body(b)),
    } for b in chosen)
    # Each item is made from the Atom entry of the same briefing, so the two feeds cannot drift apart;
    # only the dates come from the briefing, as JSON Feed leaves out what Atom must fill in (an undated
    # briefing's item has no date rather than the stand-in).
    items = tuple(FeedItem(
        id=entry["url"],
        url=entry["url"],
        title=b.title,
        content_html=entry["content_html"],
        summary=b.summary,
        date_published=_timestamp_or_none(b.published or b.date),
        date_modified=_timestamp_or_none(b.date),
        tags=entry["categories"],
        external_url=b.source_url,
        language=text_language(b, config.language) or None,
    ) for b, entry in zip(chosen, entries))
    return feed_pages(config, path, title, page_target, entries, items)


def feed_pages(config: SiteConfig, path: str, title: str, page_target: str, entries: tuple[dict, ...],
               items: tuple[FeedItem, ...]) -> tuple[Page, Page]:
    """The Atom feed of `entries` at `path` and the JSON Feed of `items` beside it, titled and linked alike."""
    linker = Linker(path, config)
    feed = {
        "title": title,
        "id": linker.url(path),
        "self": linker.url(path),
        "alternate": linker.url(page_target),
        "updated": max((e["updated"] for e in entries), default=EPOCH),
        "subtitle": config.description,
        "author": config.title,
    }
    json_path = json_feed_path(path)
    document = JsonFeed(title=title, home_page_url=feed["alternate"], feed_url=linker.url(json_path),
                        description=config.description, language=config.language, author=config.title,
                        items=items)
    return (Page(path, "atom.xml", {"site": config, "feed": feed, "entries": entries}),
            Page(json_path, "", {}, data=json_feed_document(document)))


def feed_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """The whole site's feeds and one per theme and per city, Atom and JSON Feed; each shows its newest
    briefings whole."""
    feeds = [("feed.xml", config.title, "", tuple(b.slug for b in index.briefings))]
    for kind in FEED_KINDS:
        for entry in getattr(index, kind).entries:
            base = term_path(kind, entry.slug)
            title = text.label("feeds.term_title", site=config.title, name=term_label(text, kind, entry.name))
            feeds.append((base + "feed.xml", title, base, entry.briefings))
    for path, title, target, slugs in feeds:
        shown = slugs[:FEED_LIMIT]
        # An undated entry shows the newest date of the whole site in its place.
        undated = any(index.by_slug[s].date is None for s in shown)
        key = ("feed", title, target, tuple(facets.full[s] for s in shown), _stand_in(index) if undated else "")
        make = functools.partial(render_feed, index, config, path, title, target, slugs)
        yield from feed_pair_specs(index, path, key, make)


def feed_pair_specs(index: SiteIndex, path: str, key: tuple,
                    make: Callable[[], tuple[Page, Page]]) -> tuple[PageSpec, PageSpec]:
    """The specs of an Atom feed at `path` and its JSON Feed twin, which show the same entries (one key).

    Both come from one call of `make`: whichever is built first keeps the other's
    page until it is asked for, so bodies are read and rendered once per feed."""
    def build(which: int) -> Page:
        pair = index.memo.pop(("feed pair", path), None)
        if pair is None:
            pair = make()
            index.memo[("feed pair", path)] = pair
        return pair[which]

    return (PageSpec(path, key, functools.partial(build, 0)),
            PageSpec(json_feed_path(path), key, functools.partial(build, 1)))
