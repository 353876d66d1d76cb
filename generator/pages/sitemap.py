"""sitemap.xml and robots.txt, for search engines.

The sitemaps protocol (https://www.sitemaps.org/protocol.html) allows at most 50,000 URLs in a sitemap
file. A site with more HTML pages than the limit gets a sitemap index at sitemap.xml naming
sitemap-1.xml, sitemap-2.xml and so on, each a urlset of at most the limit; a smaller site has the one
sitemap.xml urlset.
"""

from __future__ import annotations

import functools
from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.urls import absolute_url, briefing_path, file_path, pretty_path
from generator.views import Page, PageSpec

SITEMAP = "sitemap.xml"
# The protocol's limit of URLs in one sitemap file (its other limit, 50 MB, is far off: a URL's entry
# here is under 200 bytes).
PROTOCOL_LIMIT = 50_000


def sitemap_part_path(number: int) -> str:
    """The sitemap file a sitemap index names at `number` (from 1): 'sitemap-1.xml'."""
    return f"sitemap-{number}.xml"


def sitemap_specs(paths: list[str], config: SiteConfig, index: SiteIndex,
                  limit: int = PROTOCOL_LIMIT) -> Iterator[PageSpec]:
    """The sitemap of every HTML page but the 404 page: one file while they number at most `limit`,
    else an index and files of at most `limit` URLs each. Each file's key is its URLs with their lastmod."""
    # Only a day is a valid lastmod; a briefing known to its month, its year or not at all has none.
    briefings = {file_path(briefing_path(b.slug)): b for b in index.briefings}
    lastmod = {path: b.date.iso() for path, b in briefings.items()
               if b.date is not None and b.date.precision == "day"}
    html = [p for p in paths if p.endswith(".html") and p != "404.html"]
    if len(html) <= limit:
        yield _urlset_spec(SITEMAP, html, lastmod, config)
        return
    # Split in an order that keeps most files as they were when pages come and go: briefings oldest first
    # (a new briefing is usually the newest, so only the last of their files changes; undated ones after
    # them), then every other page by path (listings, terms, editions: fewer, and they grow with the digest).
    by_age = [file_path(briefing_path(b.slug)) for b in reversed(index.briefings) if b.date is not None]
    by_age += sorted(file_path(briefing_path(b.slug)) for b in index.briefings if b.date is None)
    shown = set(html)
    ordered = [p for p in by_age if p in shown]
    ordered += sorted(p for p in html if p not in briefings)
    parts = []
    for number, start in enumerate(range(0, len(ordered), limit), start=1):
        parts.append(sitemap_part_path(number))
        yield _urlset_spec(parts[-1], ordered[start:start + limit], lastmod, config)
    yield PageSpec(SITEMAP, ("sitemap index", tuple(parts)),
                   functools.partial(render_sitemap_index, tuple(parts), config))


def _urlset_spec(path: str, pages: list[str], lastmod: dict[str, str], config: SiteConfig) -> PageSpec:
    """A urlset file listing `pages`; its key names each page and its lastmod."""
    entries = tuple((p, lastmod.get(p)) for p in pages)
    return PageSpec(path, ("sitemap", entries), functools.partial(render_sitemap, path, entries, config))


def robots_spec(config: SiteConfig) -> PageSpec:
    """robots.txt only names the sitemap, from the settings."""
    return PageSpec("robots.txt", ("robots",), functools.partial(render_robots, config))


def render_sitemap(path: str, entries: tuple[tuple[str, str | None], ...], config: SiteConfig) -> Page:
    """A urlset: each page's pretty URL, with its lastmod when it has one, sorted by URL."""
    urls = [{"loc": absolute_url(config.base_url, pretty_path(p)), "lastmod": lastmod} for p, lastmod in entries]
    urls.sort(key=lambda u: u["loc"])
    return Page(path, "sitemap.xml", {"urls": tuple(urls)})


def render_sitemap_index(parts: tuple[str, ...], config: SiteConfig) -> Page:
    """A sitemap index naming each sitemap file by its absolute URL."""
    return Page(SITEMAP, "sitemap-index.xml", {"sitemaps": tuple(absolute_url(config.base_url, p) for p in parts)})


def render_robots(config: SiteConfig) -> Page:
    """robots.txt: everything may be crawled; it names the sitemap."""
    return Page("robots.txt", "robots.txt", {"sitemap": absolute_url(config.base_url, SITEMAP)})
