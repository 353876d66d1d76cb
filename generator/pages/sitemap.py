"""sitemap.xml and robots.txt, for search engines."""

from __future__ import annotations

from urllib.parse import urljoin

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.urls import briefing_path, file_path, pretty_path
from generator.views import Page


def render_sitemap(pages: list[Page], config: SiteConfig, index: SiteIndex) -> Page:
    """sitemap.xml listing every HTML page but the 404 page, by pretty URL."""
    # Only a day is a valid lastmod; a briefing known to its month, its year or not at all has none.
    lastmod = {file_path(briefing_path(b.slug)): b.date.iso() for b in index.briefings
               if b.date is not None and b.date.precision == "day"}
    urls = []
    for page in pages:
        if not page.path.endswith(".html") or page.path == "404.html":
            continue
        urls.append({"loc": urljoin(config.base_url, pretty_path(page.path)), "lastmod": lastmod.get(page.path)})
    urls.sort(key=lambda u: u["loc"])
    return Page("sitemap.xml", "sitemap.xml", {"urls": tuple(urls)})


def render_robots(config: SiteConfig) -> Page:
    """robots.txt: everything may be crawled; it names the sitemap."""
    return Page("robots.txt", "robots.txt", {"sitemap": urljoin(config.base_url, "sitemap.xml")})
