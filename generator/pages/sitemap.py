"""sitemap.xml and robots.txt, for search engines."""

from __future__ import annotations

import functools

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.urls import absolute_url, briefing_path, file_path, pretty_path
from generator.views import Page, PageSpec


def sitemap_spec(paths: list[str], config: SiteConfig, index: SiteIndex) -> PageSpec:
    """sitemap.xml shows every HTML page's path, and the day of each briefing dated to the day."""
    html = tuple(p for p in paths if p.endswith(".html") and p != "404.html")
    lastmod = tuple((b.slug, b.date.iso()) for b in index.briefings
                    if b.date is not None and b.date.precision == "day")
    return PageSpec("sitemap.xml", ("sitemap", html, lastmod), functools.partial(render_sitemap, html, config, index))


def robots_spec(config: SiteConfig) -> PageSpec:
    """robots.txt only names the sitemap, from the settings."""
    return PageSpec("robots.txt", ("robots",), functools.partial(render_robots, config))


def render_sitemap(paths: tuple[str, ...], config: SiteConfig, index: SiteIndex) -> Page:
    """sitemap.xml listing every HTML page but the 404 page, by pretty URL."""
    # Only a day is a valid lastmod; a briefing known to its month, its year or not at all has none.
    lastmod = {file_path(briefing_path(b.slug)): b.date.iso() for b in index.briefings
               if b.date is not None and b.date.precision == "day"}
    urls = []
    for path in paths:
        if not path.endswith(".html") or path == "404.html":
            continue
        urls.append({"loc": absolute_url(config.base_url, pretty_path(path)), "lastmod": lastmod.get(path)})
    urls.sort(key=lambda u: u["loc"])
    return Page("sitemap.xml", "sitemap.xml", {"urls": tuple(urls)})


def render_robots(config: SiteConfig) -> Page:
    """robots.txt: everything may be crawled; it names the sitemap."""
    return Page("robots.txt", "robots.txt", {"sitemap": absolute_url(config.base_url, "sitemap.xml")})
