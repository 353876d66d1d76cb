"""The home page: the latest briefings, newest first, paginated."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.views import Facets, PageSpec, listing_specs


def home_specs(index: SiteIndex, config: SiteConfig, facets: Facets) -> Iterator[PageSpec]:
    """The latest briefings, newest first, paginated."""
    yield from listing_specs(index, config, facets, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home", feeds=(("All briefings", "feed.xml"),))
