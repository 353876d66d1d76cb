"""The timeline, read from the built site as a reader follows it: an overview of the years that counts
briefings, a page per year that shows them, a page of the undated ones; checked against the content files."""

from __future__ import annotations

import dataclasses
import posixpath
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from lxml import html

from generator.config import SiteConfig
from generator.content import load_briefings
from generator.gazetteer import load_gazetteer
from generator.indexes import build_index
from generator.interface import load_interface_text
from generator.pages import site_specs
from generator.views import Facets
from tests.conftest import REPO, SEARCH_FIXTURES, build, write_briefing

CONFIG = SiteConfig(title="Timeline", base_url="https://example.org/t/", per_page=3)


def make_content(folder: Path) -> Path:
    """The repository's content and the search fixtures, and briefings over more years: some known to the
    month, the year or not at all, and one in a year of its own (2017), before a year without any."""
    for source in sorted((REPO / "content").glob("*.md")) + sorted(SEARCH_FIXTURES.glob("*.md")):
        shutil.copy2(source, folder / source.name)
    extra = [("2023-06-02", "Wuhan"), ("2023-06", "Nanjing"), ("2022-11-30", "Chengdu"), ("2022", "Wuhan"),
             ("2021-01-15", "Chongqing"), ("2017-12-31", "Nanjing"), (None, "Ningbo"), (None, "Wuhan")]
    for number, (date, city) in enumerate(extra, start=1):
        write_briefing(folder, f"extra-{number}", title=f"Extra briefing {number}", date=date, city=city,
                       summary=f"Briefing {number}.")
    return folder


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return make_content(tmp_path_factory.mktemp("timeline-content"))


@pytest.fixture(scope="module")
def site(content, tmp_path_factory, vocabulary) -> Path:
    out = tmp_path_factory.mktemp("timeline") / "site"
    build(content, out, vocabulary, CONFIG)
    return out


@pytest.fixture(scope="module")
def chinese_site(content, tmp_path_factory, vocabulary) -> Path:
    out = tmp_path_factory.mktemp("timeline-zh") / "site"
    build(content, out, vocabulary, dataclasses.replace(CONFIG, language="zh-CN"))
    return out


def dates_of(content: Path) -> dict[str, tuple[int, int | None] | None]:
    """Each content file's (year, month or None) by slug (its file name), None when it states no date."""
    dates = {}
    for path in sorted(content.glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        value = front.get("date")
        text = str(value) if value is not None else ""
        dates[path.stem] = (int(text[:4]), int(text[5:7]) if len(text) >= 7 else None) if text else None
    return dates


def number(count: str) -> int:
    """The number in a count as pages write it: '3 briefings', '(3)', '3篇简报'."""
    return int(re.search(r"\d+", count).group())


def parse(site: Path, path: str):
    return html.parse(str(site / path)).getroot()


def follow(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) of a relative link from `page`."""
    path, _, fragment = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), fragment


def shown(tree) -> set[str]:
    """The slugs of the briefings whose cards a page shows."""
    return {href.split("/")[-2] for href in tree.xpath("//main//li[@class='card']//*[@class='card-title']/a/@href")}


def year_pages(site: Path) -> dict[int, str]:
    """Each year's page, as the overview links to it."""
    overview = parse(site, "timeline/index.html")
    pages = {}
    for link in overview.xpath("//section[@class='year-summary']/h2/a"):
        target, _ = follow("timeline/index.html", link.get("href"))
        if target != "timeline/undated/index.html":
            pages[int(link.text.rstrip("年"))] = target
    return pages


@pytest.mark.parametrize("which", ["site", "chinese_site"])
def test_the_overview_links_to_every_year_page_with_its_count_and_its_months_counts(which, content, request):
    site = request.getfixturevalue(which)
    dates = dates_of(content)
    years = Counter(d[0] for d in dates.values() if d)
    pages = year_pages(site)
    assert sorted(pages, reverse=True) == list(pages) == sorted(years, reverse=True)
    overview = parse(site, "timeline/index.html")
    for year, page in pages.items():
        assert page == f"timeline/{year}/index.html"
        entry = overview.xpath(f"//section[@class='year-summary'][h2/@id='y{year}']")[0]
        assert number(entry.xpath("string(h2/span[@class='count'])")) == years[year]
        months = Counter(d[1] for d in dates.values() if d and d[0] == year)
        listed = {}
        for item in entry.xpath("ul/li"):
            target, fragment = follow("timeline/index.html", item.xpath("a/@href")[0])
            assert target == page
            month = None if fragment.endswith("undated") else int(fragment.split("-")[1])
            listed[month] = number(item.xpath("string(span[@class='count'])"))
            # The month's section on the year page holds exactly that many cards.
            section = parse(site, page).xpath(f"//section[h2/@id='{fragment}']")[0]
            assert len(section.xpath(".//li[@class='card']")) == listed[month]
        assert listed == dict(months)
    undated = sum(1 for d in dates.values() if d is None)
    (link,) = overview.xpath("//section[h2/@id='undated']/h2/a/@href")
    assert follow("timeline/index.html", link)[0] == "timeline/undated/index.html"
    assert len(parse(site, "timeline/undated/index.html").xpath("//li[@class='card']")) == undated
    assert not overview.xpath("//li[@class='card']"), "the overview counts briefings and lists none"


@pytest.mark.parametrize("which", ["site", "chinese_site"])
def test_each_year_page_shows_exactly_the_briefings_of_its_year(which, content, request):
    site = request.getfixturevalue(which)
    dates = dates_of(content)
    by_year = defaultdict(set)
    for slug, date in dates.items():
        by_year[date[0] if date else None].add(slug)
    for year, page in year_pages(site).items():
        assert shown(parse(site, page)) == by_year[year], year
    assert shown(parse(site, "timeline/undated/index.html")) == by_year[None]
    on_pages = sum(len(shown(parse(site, p))) for p in year_pages(site).values())
    assert on_pages + len(by_year[None]) == len(dates)


def test_year_pages_link_to_the_newer_and_older_year_and_back_to_the_overview(site):
    pages = year_pages(site)
    years = list(pages)  # newest first
    for position, year in enumerate(years):
        tree = parse(site, pages[year])
        assert tree.xpath("//main/h1/text()") == [str(year)]
        newer = tree.xpath("//nav[@class='neighbours']//a[@rel='next']/@href")
        older = tree.xpath("//nav[@class='neighbours']//a[@rel='prev']/@href")
        assert [follow(pages[year], h)[0] for h in newer] == ([pages[years[position - 1]]] if position else [])
        assert [follow(pages[year], h)[0] for h in older] == (
            [pages[years[position + 1]]] if position + 1 < len(years) else [])
        assert [follow(pages[year], h)[0] for h in tree.xpath("//p[@class='kicker']/a/@href")] == [
            "timeline/index.html"]
    # A year without briefings has no page, and its neighbours link past it.
    assert years[-2:] == [2020, 2017] and not (site / "timeline/2018").exists()


@pytest.mark.parametrize("which", ["site", "chinese_site"])
def test_every_briefings_year_link_lands_on_a_page_that_shows_it(which, content, request):
    site = request.getfixturevalue(which)
    dates = dates_of(content)
    for slug, date in dates.items():
        page = f"briefings/{slug}/index.html"
        (link,) = parse(site, page).xpath("//dl[@class='facts']/div[@class='year']/dd/a")
        target, fragment = follow(page, link.get("href"))
        if date is None:
            assert target == "timeline/undated/index.html" and not fragment
            assert not link.get("data-pagefind-filter")
            assert slug in shown(parse(site, target))
            continue
        # The text stays the bare year: the search page's year filter offers it.
        assert link.text == str(date[0]) and link.get("data-pagefind-filter") == "year"
        assert target == f"timeline/{date[0]}/index.html"
        section = parse(site, target).xpath(f"//section[h2/@id='{fragment}']")
        assert len(section) == 1, (slug, fragment)
        assert slug in shown(section[0])


def test_keys_change_only_for_the_timeline_pages_a_change_shows(content, tmp_path, vocabulary):
    """A retitle re-renders its year's page alone; the overview only when a count changes."""
    text = load_interface_text("en")
    folder = tmp_path / "content"
    shutil.copytree(content, folder)

    def keys() -> dict[str, tuple]:
        briefings = load_briefings(folder, vocabulary, load_gazetteer().canonical)
        index = build_index(briefings, vocabulary)
        facets = Facets.of(index.briefings, {b.slug: "" for b in index.briefings})
        return {s.path: s.key for s in site_specs(index, CONFIG, text, facets) if s.path.startswith("timeline/")}

    def changed(before, after) -> set[str]:
        return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}

    first = keys()
    write_briefing(folder, "extra-3", title="Extra briefing 3, retitled", date="2022-11-30", city="Chengdu",
                   summary="Briefing 3.")
    second = keys()
    assert changed(first, second) == {"timeline/2022/index.html"}
    # Another day of the same month: the same counts, the same overview.
    write_briefing(folder, "extra-3", title="Extra briefing 3, retitled", date="2022-11-02", city="Chengdu",
                   summary="Briefing 3.")
    assert changed(second, keys()) == {"timeline/2022/index.html"}
    # Another month: the overview's counts change too.
    write_briefing(folder, "extra-3", title="Extra briefing 3, retitled", date="2022-10-02", city="Chengdu",
                   summary="Briefing 3.")
    third = keys()
    assert changed(second, third) == {"timeline/2022/index.html", "timeline/index.html"}
    # A year of its own: a new page, and its neighbours' links change.
    write_briefing(folder, "extra-3", title="Extra briefing 3, retitled", date="2018-10-02", city="Chengdu",
                   summary="Briefing 3.")
    assert changed(third, keys()) == {"timeline/2022/index.html", "timeline/index.html", "timeline/2018/index.html",
                                      "timeline/2017/index.html", "timeline/2020/index.html"}
