"""Links: a crawl of the built site from its home page, as a reader's clicks and a browser's fetches go.

Every internal href, src and form action (and the search page's references to
its index) must name a file of the site, every #fragment an id in its target,
and every HTML page must be reachable from the home page. No link leads to
404.html, so its own links are checked apart.
"""

from __future__ import annotations

import posixpath
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, html

# Attributes that name another file of the site.
REFERENCES = ("href", "src", "action", "data-index", "data-cjk-index")
SHARD_LISTS = ("data-index", "data-cjk-index")


def site_path(base_path: str, page: str, reference: str) -> tuple[str, str] | None:
    """(path in the site, fragment) that a reference from `page` points at; None for other sites."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        assert path.startswith(base_path), f"{page}: {reference} is outside the site's base path {base_path}"
        target = path[len(base_path):] or "."
    else:
        target = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(target)
    assert target != ".." and not target.startswith("../"), f"{page}: {reference} leads out of the site"
    if path.endswith("/") or target == ".":
        target = posixpath.normpath(posixpath.join(target, "index.html"))
    return target, parts.fragment


class Crawl:
    """Pages parsed once each, with the ids they hold and the references they make."""

    def __init__(self, site: Path, base_path: str):
        self.site = site
        self.base_path = base_path
        self.trees: dict[str, html.HtmlElement] = {}
        self.broken: list[str] = []

    def tree(self, path: str):
        if path not in self.trees:
            self.trees[path] = html.parse(str(self.site / path)).getroot()
        return self.trees[path]

    def ids(self, path: str) -> set[str]:
        return {e.get("id") for e in self.tree(path).iter(etree.Element) if e.get("id")} | \
            {e.get("name") for e in self.tree(path).iter("a") if e.get("name")}

    @staticmethod
    def references(element) -> list[tuple[str, str]]:
        """(attribute, reference) of every link an element makes; the search page's data-index and
        data-cjk-index list the folders of an index's shards, each with its pagefind.js."""
        found = []
        for attribute in REFERENCES:
            value = element.get(attribute)
            if value is None:
                continue
            if attribute in SHARD_LISTS:
                found.extend((attribute, folder + "pagefind.js") for folder in value.split())
            else:
                found.append((attribute, value))
        return found

    def visit(self, start: str) -> set[str]:
        """Follow every reference from `start`; the HTML pages reached."""
        reached, queue = {start}, deque([start])
        while queue:
            page = queue.popleft()
            for element in self.tree(page).iter(etree.Element):
                for attribute, reference in self.references(element):
                    found = site_path(self.base_path, page, reference)
                    if found is None:
                        continue
                    target, fragment = found
                    if not (self.site / target).is_file():
                        self.broken.append(f"{page}: {attribute}={reference!r} names a missing file ({target})")
                        continue
                    if target.endswith(".html"):
                        if fragment and fragment not in self.ids(target):
                            self.broken.append(f"{page}: {reference!r} names no id in {target}")
                        if target not in reached:
                            reached.add(target)
                            queue.append(target)
        return reached


def test_every_reference_resolves_and_every_page_is_reachable_from_home(built_site_with_search):
    site = built_site_with_search.out
    crawl = Crawl(site, built_site_with_search.path)
    reached = crawl.visit("index.html")
    crawl.visit("404.html")
    assert not crawl.broken, "\n".join(crawl.broken)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages - reached == {"404.html"}, f"pages no link leads to: {sorted(pages - reached - {'404.html'})}"
    # Every page kind took part in the crawl.
    for path in ("briefings/", "themes/", "tags/", "cities/", "timeline/", "search/", "page/2/"):
        assert any(p.startswith(path) for p in reached), path


def test_site_path_resolves_relative_root_and_folder_references():
    assert site_path("/digest/", "briefings/x/index.html", "../../themes/a/index.html#top") == \
        ("themes/a/index.html", "top")
    assert site_path("/digest/", "404.html", "/digest/cities/") == ("cities/index.html", "")
    assert site_path("/digest/", "timeline/index.html", "#y2023") == ("timeline/index.html", "y2023")
    assert site_path("/digest/", "search/index.html", "../index.html") == ("index.html", "")
    assert site_path("/digest/", "index.html", "https://example.org/feed.xml") is None
