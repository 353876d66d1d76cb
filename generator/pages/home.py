"""The home page: the latest briefings, newest first, paginated."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.exports import EXPORT_FILES
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.views import Facets, Link, PageSpec, listing_specs


def home_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """The latest briefings, newest first, paginated; the footer links the data exports (from the settings)."""
    downloads = tuple((text.label(f"home.export_{name}"), EXPORT_FILES[name]) for name in config.exports)
    yield from listing_specs(index, config, text, facets, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home",
                             feeds=((text.label("feeds.all_briefings"), "feed.xml"),),
                             downloads=lambda linker: tuple(Link(label, linker.to(f)) for label, f in downloads))
