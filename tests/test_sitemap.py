"""Sitemaps as the protocol has them (https://www.sitemaps.org/protocol.html): at most a set number of URLs
a file, so a site with more pages gets a sitemap index naming its sitemap files. Built with a limit of
5 URLs, read back as a search engine would."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.config import SiteConfig
from tests.conftest import REPO, SEARCH_FIXTURES, build, write_briefing

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://example.org/s/"
CONFIG = SiteConfig(title="Sitemaps", base_url=BASE, per_page=3, sitemap_size=5)


def make_content(folder: Path) -> Path:
    """The repository's content and the search fixtures, and two briefings not dated to a day."""
    for source in sorted((REPO / "content").glob("*.md")) + sorted(SEARCH_FIXTURES.glob("*.md")):
        shutil.copy2(source, folder / source.name)
    write_briefing(folder, "month-only", title="Known to its month", date="2022-05", city="Wuhan")
    write_briefing(folder, "no-date", title="Not dated", date=None, city="Ningbo")
    return folder


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return make_content(tmp_path_factory.mktemp("sitemap-content"))


@pytest.fixture(scope="module")
def site(content, tmp_path_factory, vocabulary) -> Path:
    out = tmp_path_factory.mktemp("sitemap") / "site"
    build(content, out, vocabulary, CONFIG)
    return out


def page_path(url: str) -> str:
    """The built file an absolute URL of the site is served from."""
    assert url.startswith(BASE), url
    path = url[len(BASE):]
    return path + "index.html" if path == "" or path.endswith("/") else path


def read_index(site: Path) -> list[str]:
    """The sitemap files sitemap.xml names, as paths in the site."""
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    assert root.tag == "{%s}sitemapindex" % NS["s"]
    return [page_path(loc.text) for loc in root.findall("s:sitemap/s:loc", NS)]


def test_a_site_with_more_pages_than_the_limit_gets_a_sitemap_index_of_files_within_it(site, content):
    files = read_index(site)
    assert files == [f"sitemap-{n}.xml" for n in range(1, len(files) + 1)]
    assert sorted(p.name for p in site.glob("sitemap*.xml")) == sorted(["sitemap.xml", *files])
    listed = []
    for name in files:
        root = etree.parse(str(site / name)).getroot()  # well-formed, or this raises
        assert root.tag == "{%s}urlset" % NS["s"], name
        urls = root.findall("s:url", NS)
        assert 1 <= len(urls) <= CONFIG.sitemap_size, name
        listed += [page_path(u.findtext("s:loc", namespaces=NS)) for u in urls]
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert len(listed) == len(set(listed)), "a page is listed twice"
    assert set(listed) == pages - {"404.html"}
    assert len(files) == -(-len(listed) // CONFIG.sitemap_size), "files are filled up to the limit"


def test_lastmod_is_a_briefings_day_and_nothing_else_has_one(site, content):
    days = {}
    for path in content.glob("*.md"):
        date = str(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]).get("date") or "")
        if len(date) == 10:  # only a day is a valid lastmod
            days[f"briefings/{path.stem}/index.html"] = date
    found = {}
    for name in read_index(site):
        for url in etree.parse(str(site / name)).getroot().findall("s:url", NS):
            lastmod = url.findtext("s:lastmod", namespaces=NS)
            if lastmod is not None:
                found[page_path(url.findtext("s:loc", namespaces=NS))] = lastmod
    assert found == days and "briefings/month-only/index.html" not in found


def test_robots_txt_names_the_sitemap_index(site):
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text()


def test_a_site_within_the_limit_keeps_one_sitemap(content, tmp_path, vocabulary):
    out = tmp_path / "site"
    build(content, out, vocabulary, dataclasses.replace(CONFIG, sitemap_size=50_000))
    assert [p.name for p in out.glob("sitemap*.xml")] == ["sitemap.xml"]
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    assert root.tag == "{%s}urlset" % NS["s"]
    locs = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert locs == sorted(locs)
    assert {page_path(loc) for loc in locs} == {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {
        "404.html"}


def test_a_new_briefing_leaves_the_files_of_older_briefings_as_they_were(content, tmp_path, vocabulary):
    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    before, after = tmp_path / "before", tmp_path / "after"
    build(folder, before, vocabulary, CONFIG)
    write_briefing(folder, "2025-01-02-newest", title="The newest", date="2025-01-02", city="Wuhan")
    build(folder, after, vocabulary, CONFIG)
    files = read_index(before)
    # Briefings come first, oldest first: the files holding only briefings older than the new one stay.
    dated = sum(1 for p in content.glob("*.md") if yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])
                .get("date"))
    kept = files[:dated // CONFIG.sitemap_size]
    assert kept, "the site has a file of older briefings only"
    for name in kept:
        assert (after / name).read_bytes() == (before / name).read_bytes(), name
