"""End to end: the five seeds ingested and built; every page kind checked by parsing the HTML."""

from __future__ import annotations

import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from generator.config import SiteConfig
from tests.conftest import REPO, build, write_briefing

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def parse(site: Path, path: str):
    return html.parse(str(site / path))


def cards(tree) -> list[str]:
    """Titles of the briefing cards on a listing page, in order."""
    return [a.text_content() for a in tree.xpath("//main//li[@class='card']//h3/a")]


def briefing_pages(site: Path) -> dict[str, html.HtmlElement]:
    return {p.parent.name: html.parse(str(p)) for p in sorted((site / "briefings").glob("*/index.html"))}


def page_by_title(site: Path, words: str):
    for slug, tree in briefing_pages(site).items():
        if words.lower() in tree.findtext(".//h1").lower():
            return slug, tree
    raise AssertionError(f"no briefing titled with {words!r}")


def fact(tree, label: str):
    """The <dd> next to a <dt> on a briefing page."""
    found = tree.xpath(f"//dl[@class='facts']/div[dt='{label}']/dd")
    return found[0] if found else None


def resolve(site: Path, page: str, href: str) -> tuple[str, str]:
    """A relative link from a page as (site path, fragment); fails for links that leave the site."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, f"{page}: absolute link {href}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
        if parts.path else page
    assert not target.startswith(".."), f"{page}: {href} leaves the site"
    return target, parts.fragment


def test_every_page_kind_is_built(seed_site):
    site = seed_site.out
    for path in ["index.html", "page/2/index.html", "themes/index.html", "tags/index.html", "cities/index.html",
                 "timeline/index.html", "timeline/2023/index.html", "search/index.html", "404.html", "feed.xml",
                 "sitemap.xml", "robots.txt", ".nojekyll", "assets/style.css", "cities/chengdu/index.html", "cities/chengdu/feed.xml",
                 "themes/industrial-design/index.html", "themes/industrial-design/feed.xml"]:
        assert (site / path).is_file(), path
    assert len(briefing_pages(site)) == 5


def test_home_lists_briefings_newest_first_with_numbered_pages(seed_site):
    site = seed_site.out
    first, second = parse(site, "index.html"), parse(site, "page/2/index.html")
    dates = [t.get("datetime") for tree in (first, second) for t in tree.xpath("//li[@class='card']//time")]
    assert len(dates) == 5
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2024-07-05" and dates[-1] == "2020-03-31"
    assert len(cards(first)) == 3 and len(cards(second)) == 2
    numbers = [(a.text, a.get("href")) for a in first.xpath("//nav[@class='pagination']//a[not(@rel)]")]
    assert numbers == [("1", "index.html"), ("2", "page/2/index.html")]
    assert first.xpath("//nav[@class='pagination']//a[@rel='next']/@href") == ["page/2/index.html"]
    card = first.xpath("//li[@class='card']")[0]
    assert card.xpath(".//p[@class='summary']")[0].text_content().strip()
    assert [a.text for a in card.xpath(".//p[@class='meta']/a")] == ["Chongqing", "Advanced manufacturing"]


def test_dates_are_shown_as_precisely_as_known(seed_site):
    _, dazu = page_by_title(seed_site.out, "Industry Design Empowerment")
    assert fact(dazu, "Date").xpath("./time")[0].text == "28 June 2023"
    assert fact(dazu, "Date").xpath("./time/@datetime") == ["2023-06-28"]
    _, chengdu = page_by_title(seed_site.out, "Modern Urban Industrial")
    assert fact(chengdu, "Date").xpath("./time")[0].text == "2023"
    _, scenes = page_by_title(seed_site.out, "1,000 new scenes")
    date = fact(scenes, "Date")
    assert date.xpath("./time")[0].text == "31 March 2020"
    assert "published 2 April 2020" in date.text_content()


def test_briefing_page_shows_everything_and_links_resolve(seed_site):
    site = seed_site.out
    slug, dazu = page_by_title(site, "Industry Design Empowerment")
    page = f"briefings/{slug}/index.html"
    city = fact(dazu, "City")
    assert [a.text for a in city.xpath("./a")] == ["Chongqing", "Chengdu"]
    target, _ = resolve(site, page, city.xpath("./a/@href")[0])
    assert target == "cities/chongqing/index.html"
    assert fact(dazu, "Theme").xpath("./a/text()") == ["Industrial design"]
    tags = fact(dazu, "Tags").xpath(".//a/text()")
    assert "Industrial design" in tags and "33618 cluster system" in tags
    for href in fact(dazu, "Tags").xpath(".//a/@href"):
        target, _ = resolve(site, page, href)
        assert dazu.findtext(".//h1") in cards(parse(site, target))
    assert "seeds/001_3ace61bc30885388.txt" in dazu.xpath("string(//p[@class='provenance'])")
    assert dazu.xpath("//article//div[@class='body']/p")
    related = dazu.xpath("//section[@class='related']//li[@class='card']")
    assert 1 <= len(related) <= 5

    _, scenes = page_by_title(site, "1,000 new scenes")
    assert fact(scenes, "Source").text == "ChinaNews"


def test_previous_and_next_follow_time(seed_site):
    site = seed_site.out
    order = []
    slug = None
    tree = parse(site, "index.html")
    href = tree.xpath("//li[@class='card']//h3/a/@href")[0]
    page = posixpath.normpath(href)
    while page:
        tree = parse(site, page)
        order.append(tree.xpath("string(//dl[@class='facts']//time/@datetime)"))
        older = tree.xpath("//nav[@class='neighbours']//li[@class='older']/a/@href")
        page = resolve(site, page, older[0])[0] if older else None
        slug = page
    assert len(order) == 5 and order == sorted(order, reverse=True)
    assert slug is None


def listed(site: Path, target: str) -> list[str]:
    """Card titles of a paginated listing, following its "next" links from page 1."""
    titles = []
    while target:
        page = parse(site, target)
        titles += cards(page)
        nxt = page.xpath("//nav[@class='pagination']//a[@rel='next']/@href")
        target = resolve(site, target, nxt[0])[0] if nxt else None
    return titles


def test_term_indexes_count_what_the_term_pages_list(seed_site):
    site = seed_site.out
    for kind in ("themes", "tags"):
        index = parse(site, f"{kind}/index.html")
        entries = index.xpath("//ul[@class='term-index']/li")
        assert entries, kind
        for entry in entries:
            link = entry.xpath("./a")[0]
            count = int(entry.xpath("string(./span[@class='count'])").split()[0])
            target, _ = resolve(site, f"{kind}/index.html", link.get("href"))
            assert len(listed(site, target)) == count, (kind, link.text)
    total = sum(int(e.xpath("string(./span[@class='count'])").split()[0])
                for e in parse(site, "themes/index.html").xpath("//ul[@class='term-index']/li"))
    assert total == 5


def test_cities_index_gives_each_city_its_count_and_leading_theme_in_two_orders(seed_site):
    site = seed_site.out
    orders = {}
    for path in ("cities/index.html", "cities-by-count/index.html"):
        rows = parse(site, path).xpath("//table[@class='city-index']/tbody/tr")
        orders[path] = [(r.xpath("string(./th/a)"), int(r.xpath("string(./td[1])")), r.xpath("string(./td[2]/a)"))
                        for r in rows]
        for row in rows:
            target, _ = resolve(site, path, row.xpath("./th/a/@href")[0])
            assert len(listed(site, target)) == int(row.xpath("string(./td[1])")), (path, target)
    by_name, by_count = orders["cities/index.html"], orders["cities-by-count/index.html"]
    assert [c for c, _, _ in by_name] == sorted(c for c, _, _ in by_name)
    assert [n for _, n, _ in by_count] == sorted((n for _, n, _ in by_count), reverse=True)
    assert sorted(by_name) == sorted(by_count)
    assert {"Chengdu", "Chongqing", "Nanjing"} <= {c for c, _, _ in by_name}
    assert "Tokyo" not in {c for c, _, _ in by_name}
    # Each page says which order it is in and links to the other.
    for path, current in (("cities/index.html", "name"), ("cities-by-count/index.html", "number of briefings")):
        assert parse(site, path).xpath("//main//a[@aria-current='page']/text()") == [current]
    nanjing = {c: theme for c, _, theme in by_name}["Nanjing"]
    assert nanjing == "Science and technology innovation"


def test_timeline_groups_by_year_then_month_and_keeps_year_only_briefings_apart(seed_site):
    overview = parse(seed_site.out, "timeline/index.html")
    years = [h.xpath("string(a)") for h in overview.xpath("//section[@class='year-summary']/h2")]
    assert years == ["2024", "2023", "2020"]
    assert overview.xpath("//section[h2/a='2023']/ul/li/a/text()") == ["October", "June", "Month not known"]
    assert not overview.xpath("//li[@class='card']"), "the overview counts briefings, it lists none"
    y2023 = parse(seed_site.out, "timeline/2023/index.html")
    headings = [h.text for h in y2023.xpath("//main//section/h2")]
    assert headings == ["October 2023", "June 2023", "2023, month not known"]
    undated = y2023.xpath("//section[h2='2023, month not known']//h3/a/text()")
    assert len(undated) == 1 and "Urban Industrial" in undated[0]
    bars = overview.xpath("//figure[@class='chart']//*[local-name()='rect']")
    assert len(bars) == 5  # 2020 to 2024, empty years included
    heights = [int(b.get("height")) for b in bars]
    assert heights[1] == heights[2] == 0 and max(heights) == heights[3]


def test_404_links_from_the_base_path(seed_site):
    tree = parse(seed_site.out, "404.html")
    assert tree.xpath("//link[@rel='stylesheet']/@href") == ["/digest/assets/style.css"]
    assert all(h.startswith("/digest/") for h in tree.xpath("//a/@href") if not h.startswith("#"))


def test_every_internal_link_and_anchor_resolves(seed_site):
    site = seed_site.out
    ids: dict[str, set[str]] = {}
    links = []
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        tree = html.parse(str(file))
        ids[page] = set(tree.xpath("//@id"))
        if page == "404.html" or page.endswith("/email.html"):
            continue  # 404.html links from the base path and an email from the base URL; both checked apart
        for element in tree.xpath("//*[@href or @src or @action]"):
            for attribute in ("href", "src", "action"):
                value = element.get(attribute)
                if value and not (element.tag == "link" and element.get("rel") == "canonical"):
                    links.append((page, value))
    assert len(links) > 200
    for page, href in links:
        target, fragment = resolve(site, page, href)
        assert (site / target).is_file(), f"{page}: {href} -> {target} is missing"
        if fragment:
            assert fragment in ids[target], f"{page}: {href} -> no id {fragment!r}"


def test_feeds_and_sitemap_use_absolute_urls(seed_site):
    site = seed_site.out
    feed = etree.parse(str(site / "feed.xml"))
    assert feed.xpath("/a:feed/a:link[@rel='self']/@href", namespaces=ATOM) == ["https://example.org/digest/feed.xml"]
    entries = feed.xpath("//a:entry", namespaces=ATOM)
    assert len(entries) == 5
    for entry in entries:
        url = entry.xpath("./a:link/@href", namespaces=ATOM)[0]
        assert url.startswith("https://example.org/digest/briefings/") and url.endswith("/")
    city_feed = etree.parse(str(site / "cities/nanjing/feed.xml"))
    assert len(city_feed.xpath("//a:entry", namespaces=ATOM)) == 1
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locs = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    assert len(locs) == len(pages)
    assert "https://example.org/digest/" in locs
    assert "Sitemap: https://example.org/digest/sitemap.xml" in (site / "robots.txt").read_text()


def test_build_is_deterministic(seed_site, tmp_path, vocabulary):
    config = SiteConfig(title="Seed Digest", base_url="https://example.org/digest/", per_page=3)
    build(seed_site.content, tmp_path / "again", vocabulary, config)
    first = {p.relative_to(seed_site.out): p.read_bytes() for p in seed_site.out.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*")
              if p.is_file()}
    assert first == second
    assert {"briefings.json", "briefings.csv", "feed.json"} <= {p.as_posix() for p in first}
    result = build(seed_site.content, tmp_path / "again", vocabulary, config)
    assert result.report.changed == 0 and result.report.removed == 0


def test_a_changed_briefing_leaves_pages_that_do_not_show_it_alone(tmp_path, vocabulary):
    content, out = tmp_path / "content", tmp_path / "site"
    write_briefing(content, "a", title="First", city="Chengdu", tags=["Talent"], theme="Talent", date="2023-05-01")
    write_briefing(content, "b", title="Second", city="Wuhan", date="2021-01-01")
    write_briefing(content, "c", title="Third", city="Nanjing", theme="Opening-up", tags=[], date="2019-01-01")
    build(content, out, vocabulary)
    stamps = {p: p.stat().st_ino for p in out.rglob("*.html")}
    write_briefing(content, "a", title="First, retitled", city="Chengdu", tags=["Talent"], theme="Talent",
                   date="2023-05-01")
    result = build(content, out, vocabulary)
    changed = {p.relative_to(out).as_posix() for p in stamps if p.stat().st_ino != stamps[p]}
    assert "First, retitled" in (out / "cities/chengdu/index.html").read_text()
    assert {"briefings/a/index.html", "cities/chengdu/index.html", "themes/talent/index.html",
            "compare/chengdu/talent/index.html", "editions/2023-w18/index.html", "editions/2023-w18/email.html",
            } <= changed
    assert not changed & {"cities/nanjing/index.html", "themes/opening-up/index.html", "cities/wuhan/index.html",
                          "compare/nanjing/opening-up/index.html", "editions/2019-w01/index.html"}
    # And the feeds that carry it, Atom and JSON Feed: the site's, its theme's, its city's and the editions
    # feed; and both data exports.
    assert result.report.changed == len(changed) + 4 * 2 + 2


def run_cli(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_build_reports_bad_content_without_a_traceback(tmp_path):
    content = tmp_path / "content"
    write_briefing(content, "ok")
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "site"), "--no-search")
    assert result.returncode == 0, result.stderr
    assert "Built" in result.stdout
    write_briefing(content, "bad", theme="Astrology", date="2023-02-30")
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "site"), "--no-search")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{content / 'bad.md'}:3: 'date' could not be read ('2023-02-30')" in result.stderr
    assert "'theme' 'Astrology' is not a theme in the vocabulary." in result.stderr
    assert "2 problems found; nothing was written." in result.stderr


@pytest.mark.parametrize("command", ["ingest", "build", "review", "serve", "deploy"])
def test_every_subcommand_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and "usage: digest " + command in result.stdout


def test_the_exports_setting_chooses_the_files_and_the_footer_links(tmp_path, vocabulary):
    write_briefing(tmp_path / "content", "a")
    build(tmp_path / "content", tmp_path / "csv", vocabulary, SiteConfig(exports=("csv",)))
    assert (tmp_path / "csv/briefings.csv").is_file() and not (tmp_path / "csv/briefings.json").exists()
    assert html.parse(str(tmp_path / "csv/index.html")).xpath("//footer//a[contains(@href, 'briefings.')]/@href") \
        == ["briefings.csv"]
    build(tmp_path / "content", tmp_path / "none", vocabulary, SiteConfig(exports=()))
    assert not list((tmp_path / "none").glob("briefings.*"))
    assert "Download" not in (tmp_path / "none/index.html").read_text(encoding="utf-8")
