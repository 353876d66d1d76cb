"""The home page: the latest briefings, newest first, paginated."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.views import Page, listing_pages


def render_home_pages(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The latest briefings, newest first, paginated."""
    yield from listing_pages(index, config, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home", feeds=(("All briefings", "feed.xml"),))
