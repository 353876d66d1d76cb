"""The home page: the latest briefings, newest first, paginated."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.exports import EXPORT_FILES
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.views import Link, Page, listing_pages


def render_home_pages(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Iterator[Page]:
    """The latest briefings, newest first, paginated; the footer links the data exports."""
    downloads = tuple((text.label(f"home.export_{name}"), EXPORT_FILES[name]) for name in config.exports)
    yield from listing_pages(index, config, text, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home",
                             feeds=((text.label("feeds.all_briefings"), "feed.xml"),),
                             downloads=lambda linker: tuple(Link(label, linker.to(f)) for label, f in downloads))
