"""Feeds and sitemap of the built site, read as a feed reader and a search engine would.

Atom rules are those of RFC 4287, JSON Feed rules those of its version 1.1
(tests/jsonfeed_spec.py); dates are RFC 3339 date-times (section 3.3).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from tests.conftest import SearchSite
from tests.jsonfeed_spec import json_feed_problems

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM, "s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# W3C date-time, which sitemaps use: a year, a month, a day or a full time.
W3C_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def feeds(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml") if not p.name.startswith("sitemap"))


def page_of(built: SearchSite, url: str) -> str:
    """The built file that an absolute URL of the site is served from."""
    assert url.startswith(built.base_url), f"{url} is not under {built.base_url}"
    path = url[len(built.base_url):]
    path = path + "index.html" if path == "" or path.endswith("/") else path
    assert (built.out / path).is_file(), f"{url} is not a page of the site"
    return path


def assert_date(element, where: str) -> datetime:
    text = element.text or ""
    assert RFC3339.match(text), f"{where}: {text!r} is not an RFC 3339 date-time"
    return datetime.fromisoformat(text)


def assert_absolute(url: str, where: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, f"{where}: {url!r} is not an absolute URL"


def one(parent, name: str, where: str):
    """The one child `name` that RFC 4287 requires."""
    found = parent.findall(f"a:{name}", NS)
    assert len(found) == 1, f"{where}: has {len(found)} atom:{name}, needs exactly one"
    return found[0]


def test_the_site_has_a_feed_for_the_site_and_for_each_theme_and_city(built_site_with_search):
    site = built_site_with_search.out
    found = feeds(site)
    assert "feed.xml" in found
    for kind in ("themes", "cities"):
        terms = [p.parent.name for p in (site / kind).glob("*/index.html")]
        assert terms and all(f"{kind}/{term}/feed.xml" in found for term in terms), kind


def test_every_feed_follows_the_atom_rules(built_site_with_search):
    site = built_site_with_search.out
    for path in feeds(site):
        feed = etree.parse(str(site / path)).getroot()
        assert feed.tag == f"{{{ATOM}}}feed", path
        assert_absolute(one(feed, "id", path).text, path)
        assert one(feed, "title", path).text.strip(), path
        updated = assert_date(one(feed, "updated", path), path)
        links = feed.findall("a:link", NS)
        for link in links:
            assert_absolute(link.get("href"), path)
        assert [l.get("href") for l in links if l.get("rel") == "self"] == [built_site_with_search.base_url + path], path
        alternates = [l for l in links if l.get("rel", "alternate") == "alternate"]
        assert len({(l.get("type"), l.get("hreflang")) for l in alternates}) == len(alternates), path
        for alternate in alternates:
            page_of(built_site_with_search, alternate.get("href"))

        entries = feed.findall("a:entry", NS)
        assert entries, f"{path} has no entries"
        feed_has_author = bool(feed.findall("a:author/a:name", NS))
        ids = []
        for entry in entries:
            where = f"{path}: entry {len(ids) + 1}"
            entry_id = one(entry, "id", where).text
            assert_absolute(entry_id, where)
            ids.append(entry_id)
            assert one(entry, "title", where).text.strip(), where
            assert assert_date(one(entry, "updated", where), where) <= updated, f"{where}: newer than its feed"
            for published in entry.findall("a:published", NS):
                assert_date(published, where)
            assert feed_has_author or entry.findall("a:author/a:name", NS), f"{where}: no author"
            entry_links = [l for l in entry.findall("a:link", NS) if l.get("rel", "alternate") == "alternate"]
            assert entry_links, f"{where}: no link to its page"
            for link in entry_links:
                assert_absolute(link.get("href"), where)
                page_of(built_site_with_search, link.get("href"))
            for content in entry.findall("a:content", NS):
                # type="html" content is escaped markup: text, never child elements (RFC 4287 4.1.3.3).
                assert content.get("type") in (None, "text", "html", "xhtml"), where
                if content.get("type") in (None, "text", "html"):
                    assert len(content) == 0, f"{where}: content of type {content.get('type')} has elements"
        assert len(ids) == len(set(ids)), f"{path}: entry ids repeat"


def test_the_sitemap_lists_every_page_but_404_and_nothing_else(built_site_with_search):
    site = built_site_with_search.out
    sitemap = etree.parse(str(site / "sitemap.xml")).getroot()
    locs = [loc.text for loc in sitemap.findall("s:url/s:loc", NS)]
    assert len(locs) == len(set(locs)), "the sitemap lists a page twice"
    listed = {page_of(built_site_with_search, loc) for loc in locs}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert listed == pages - {"404.html"}
    for lastmod in sitemap.findall("s:url/s:lastmod", NS):
        assert W3C_DATETIME.match(lastmod.text), lastmod.text


@pytest.mark.parametrize("text, valid", [("2023-06-28T00:00:00Z", True), ("2023-06-28T08:00:00+08:00", True),
                                         ("2023-06-28", False), ("2023-06-28 00:00:00Z", False)])
def test_rfc3339_pattern(text, valid):
    assert bool(RFC3339.match(text)) is valid


def test_every_atom_feed_has_a_json_feed_with_the_same_entries_in_the_same_order(built_site_with_search):
    site, base_url = built_site_with_search.out, built_site_with_search.base_url
    json_feeds = sorted(p.relative_to(site).as_posix() for p in site.rglob("feed.json"))
    assert json_feeds == [path.removesuffix(".xml") + ".json" for path in feeds(site)]
    for path in json_feeds:
        document = json.loads((site / path).read_text(encoding="utf-8"))
        assert json_feed_problems(document) == [], path
        atom = etree.parse(str(site / (path.removesuffix(".json") + ".xml"))).getroot()
        assert document["feed_url"] == base_url + path
        assert document["title"] == atom.findtext("a:title", namespaces=NS)
        assert document["home_page_url"] == atom.find("a:link[@rel='alternate']", NS).get("href")
        entries = atom.findall("a:entry", NS)
        assert [item["id"] for item in document["items"]] == [e.findtext("a:id", namespaces=NS) for e in entries]
        for item, entry in zip(document["items"], entries):
            where = f"{path}: {item['id']}"
            page_of(built_site_with_search, item["url"])
            assert item["title"] == entry.findtext("a:title", namespaces=NS), where
            assert item["content_html"] == entry.findtext("a:content", namespaces=NS), where
            assert item["date_published"] == entry.findtext("a:published", namespaces=NS), where
            assert item["date_modified"] == entry.findtext("a:updated", namespaces=NS), where
            assert item["tags"] == [c.get("term") for c in entry.findall("a:category", NS)], where


def test_pages_with_an_atom_feed_offer_the_json_feed_too(built_site_with_search):
    site = built_site_with_search.out
    offering = 0
    for page in sorted(site.rglob("*.html")):
        head = html.parse(str(page)).getroot().head
        atom = head.xpath("link[@rel='alternate'][@type='application/atom+xml']/@href")
        json_feed = head.xpath("link[@rel='alternate'][@type='application/feed+json']/@href")
        assert json_feed == [href.removesuffix(".xml") + ".json" for href in atom], page
        for href in json_feed:
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"
        offering += bool(json_feed)
    assert offering >= 10
