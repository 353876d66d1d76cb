"""The URL scheme: where each page lives in the site, and links from one output file to another."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from generator.config import SiteConfig

# (name, site path) of the navigation's sections, in the order they are shown; labels are nav.<name>
# in the interface text.
SECTIONS = (("home", ""), ("themes", "themes/"), ("tags", "tags/"), ("cities", "cities/"), ("compare", "compare/"),
            ("timeline", "timeline/"), ("editions", "editions/"))
STYLESHEET = "assets/style.css"
ICON = "assets/favicon.svg"


@dataclass(frozen=True)
class Linker:
    """Makes links from one output file to another.

    Links are relative and name index.html, so the site works at a domain
    root, under any sub-path and opened straight from disk. A page that hosts
    serve at arbitrary URLs (404.html) links from the base path instead.
    """

    from_path: str
    config: SiteConfig
    absolute: bool = False

    def to(self, target: str) -> str:
        """Link to a site path: 'briefings/x/' (a folder page) or 'feed.xml' (a file)."""
        return self.prefix + file_path(target)

    @functools.cached_property
    def prefix(self) -> str:
        """What leads from this page to the site root: '../../' from briefings/x/index.html."""
        if self.absolute:
            return self.config.base_path
        return "../" * self.from_path.count("/")

    def url(self, target: str) -> str:
        """The absolute URL of a site path, for feeds, sitemaps and canonical links."""
        return absolute_url(self.config.base_url, target)


# Site paths made of these, with no empty, '.' or '..' segment, are joined to a base URL by appending them.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9_.~-]*/?)*")


@functools.lru_cache(maxsize=8)
def _appends(base_url: str) -> bool:
    """Whether urljoin(base_url, p) is base_url + p for every plain site path p (a base ending in '/'
    with no dot segments, query or fragment)."""
    return base_url.endswith("/") and all(urljoin(base_url, p) == base_url + p
                                          for p in ("a", "a/", "a/b.c", "a/b/"))


def absolute_url(base_url: str, target: str) -> str:
    """urljoin(base_url, target), without urllib's parsing for the site paths pages link to
    (one or more per page on large sites)."""
    if _PLAIN_PATH.fullmatch(target) and _appends(base_url):
        return base_url + target
    return urljoin(base_url, target)


def briefing_path(slug: str) -> str:
    """A briefing's page, as a folder: 'briefings/<slug>/'."""
    return f"briefings/{slug}/"


def briefing_slug(file: str) -> str | None:
    """The slug of the briefing whose page is written to `file` ('briefings/<slug>/index.html'), or None."""
    slug = file.removeprefix("briefings/").removesuffix("/index.html")
    return slug if file_path(briefing_path(slug)) == file else None


def term_path(kind: str, slug: str) -> str:
    """A theme's, tag's or city's page, as a folder: 'themes/<slug>/'."""
    return f"{kind}/{slug}/"


def listing_page_path(base: str, number: int) -> str:
    """Page 1 of a listing is the listing itself; page n lives under page/n/."""
    return base if number == 1 else f"{base}page/{number}/"


def file_path(path: str) -> str:
    """The file a site path is written to: a folder's index.html, or the file itself."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def json_feed_path(atom_path: str) -> str:
    """The JSON Feed beside an Atom feed: themes/x/feed.xml -> themes/x/feed.json."""
    return atom_path.removesuffix(".xml") + ".json"


def pretty_path(path: str) -> str:
    """The site path a file is linked by: a folder for an index.html, else the file itself."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
