"""The home page: the latest briefings, newest first, paginated."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.exports import EXPORT_FILES
from generator.indexes import SiteIndex
from generator.labels import LABELS
from generator.views import Link, Page, listing_pages


def render_home_pages(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The latest briefings, newest first, paginated; the footer links the data exports."""
    downloads = tuple((LABELS[f"export_{name}"], EXPORT_FILES[name]) for name in config.exports)
    yield from listing_pages(index, config, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home", feeds=((LABELS["all_briefings"], "feed.xml"),),
                             downloads=lambda linker: tuple(Link(label, linker.to(f)) for label, f in downloads))
