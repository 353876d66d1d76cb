"""City profiles, the comparison, city x theme listings and editions, checked on built sites by following links.

Every count these pages show next to a link must equal the number of briefings
the linked listing holds, on the seed site and on a generated site of 1,000
briefings; the listings must hold exactly the briefings their page says.
"""

from __future__ import annotations

import functools
import posixpath
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from generator.config import SiteConfig
from generator.editions import build_editions
from generator.model import Briefing, PartialDate
from tests.conftest import build, write_briefing

CITIES = ["Chengdu", "Chongqing", "Nanjing", "Wuhan", "Shenzhen", "Hangzhou", "Suzhou", "Xiamen", "Hefei",
          "Tianjin", "Xi'an", "Qingdao"]
GENERATED = 1000


@dataclass(frozen=True)
class Made:
    """What the generator wrote, to compare the built pages with."""

    slug: str
    date: str
    cities: tuple[str, ...]
    theme: str


@dataclass(frozen=True)
class GeneratedSite:
    out: Path
    briefings: tuple[Made, ...]


def make_briefings(folder: Path, count: int, vocabulary) -> tuple[Made, ...]:
    """`count` briefings: skewed cities and themes, some with two cities, some dated to a month or a year only."""
    rng = random.Random(11)
    themes = [t.name for t in vocabulary.themes]
    tags = [t.name for t in vocabulary.tags]
    made = []
    for i in range(count):
        city = rng.choices(CITIES, weights=range(len(CITIES), 0, -1))[0]
        cities = (city,) if rng.random() < 0.7 else (city, rng.choice([c for c in CITIES if c != city]))
        theme = rng.choices(themes, weights=range(len(themes), 0, -1))[0]
        year, month, day, precision = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.random()
        date = f"{year}" if precision < 0.04 else f"{year}-{month:02d}" if precision < 0.12 else \
            f"{year}-{month:02d}-{day:02d}"
        slug = f"b{i:04d}"
        write_briefing(folder, slug, title=f"Briefing {i} on {city}", date=date, city=city, cities=list(cities),
                       theme=theme, tags=[theme, *rng.sample(tags, 2)], summary=f"Summary {i}.")
        made.append(Made(slug, date, cities, theme))
    return tuple(made)


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory, vocabulary) -> GeneratedSite:
    root = tmp_path_factory.mktemp("generated")
    made = make_briefings(root / "content", GENERATED, vocabulary)
    build(root / "content", root / "site", vocabulary,
          SiteConfig(title="Generated", base_url="https://example.org/digest/", per_page=40))
    return GeneratedSite(root / "site", made)


# ---------------------------------------------------------------- reading the built pages

@functools.lru_cache(maxsize=None)
def parse(site: Path, path: str):
    return html.parse(str(site / path)).getroot()


def follow(page: str, href: str) -> str:
    """The site path a relative link from `page` leads to, without its fragment."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def listed(site: Path, target: str) -> list[str]:
    """Slugs of the briefings a paginated listing holds, from page 1 through its "next" links."""
    slugs = []
    while target:
        tree = parse(site, target)
        slugs += [follow(target, h).split("/")[1] for h in tree.xpath("//main//li[@class='card']//h3/a/@href")]
        nxt = tree.xpath("//nav[@class='pagination']//a[@rel='next']/@href")
        target = follow(target, nxt[0]) if nxt else None
    assert len(slugs) == len(set(slugs)), f"a briefing is listed twice from {target}"
    return slugs


def count_links(site: Path, page: str, xpath: str) -> list[tuple[str, int]]:
    """(target, count) for links whose count is the link's own text, the next element's or the next table cell's."""
    found = []
    for link in parse(site, page).xpath(xpath):
        text = link.text_content().strip()
        number = text if text.isdigit() else (link.xpath("string(following-sibling::*[1])")
                                              or link.xpath("string(parent::th/following-sibling::td[1])")).strip("() ")
        found.append((follow(page, link.get("href")), int(number.split()[0])))
    return found


def assert_counts_match_listings(site: Path, page: str, xpath: str) -> list[tuple[str, int]]:
    found = count_links(site, page, xpath)
    assert found, f"{page}: nothing matches {xpath}"
    for target, count in found:
        assert len(listed(site, target)) == count, f"{page} says {count} for {target}"
    return found


# ---------------------------------------------------------------- both sites

def check_cities_index(site: Path) -> None:
    for page in ("cities/index.html", "cities-by-count/index.html"):
        assert_counts_match_listings(site, page, "//table[@class='city-index']//tr/td[2]/a")
        for row in parse(site, page).xpath("//table[@class='city-index']/tbody/tr"):
            city = follow(page, row.xpath("./th/a/@href")[0])
            assert len(listed(site, city)) == int(row.xpath("string(./td[1])"))


def check_comparison(site: Path) -> set[str]:
    page = "compare/index.html"
    cells = assert_counts_match_listings(site, page, "//table[@class='matrix']/tbody//td[not(@class='total')]/a")
    assert_counts_match_listings(site, page, "//table[@class='matrix']//td[@class='total']/a")
    for row in parse(site, page).xpath("//table[@class='matrix']/tbody/tr"):
        counts = [int(a.text) for a in row.xpath("./td[not(@class='total')]/a")]
        assert sum(counts) == int(row.xpath("string(./td[@class='total'])")), row.get("id")
    # Listings exist for exactly the non-empty cells.
    on_disk = {p.relative_to(site).as_posix() for p in site.glob("compare/*/*/index.html")}
    assert {target for target, _ in cells} == on_disk
    return on_disk


def check_city_profiles(site: Path) -> None:
    for city in sorted(site.glob("cities/*/index.html")):
        page = city.relative_to(site).as_posix()
        total = len(listed(site, page))
        themes = assert_counts_match_listings(site, page, "//section[@aria-labelledby='themes-heading']//tbody//a")
        assert sum(count for _, count in themes) == total, page
        # The chart's bars lead where its table does.
        bars = [follow(page, h) for h in parse(site, page).xpath(
            "//section[@aria-labelledby='themes-heading']//*[local-name()='svg']//*[local-name()='a']/@href")]
        assert bars == [target for target, _ in themes], page
        years = [int(n) for n in parse(site, page).xpath(
            "//section[@aria-labelledby='years-heading']//tbody//td/text()")]
        # Undated briefings are in no year's bar; the note under the chart counts them.
        note = parse(site, page).xpath("string(//section[@aria-labelledby='years-heading']/p[@class='note'])")
        undated = int(note.split()[0]) if note else 0
        assert sum(years) + undated == total, page
        leading = assert_counts_match_listings(site, page, "//p[@class='lede']/a[1]")
        assert leading[0][1] == max(count for _, count in themes), page


def check_theme_leaders(site: Path) -> None:
    for theme in sorted(site.glob("themes/*/index.html")):
        page = theme.relative_to(site).as_posix()
        leaders = assert_counts_match_listings(site, page, "//p[@class='leaders']/a")
        assert [c for _, c in leaders] == sorted((c for _, c in leaders), reverse=True), page


def check_editions(site: Path, total: int) -> None:
    index = "editions/index.html"
    in_editions = 0
    for target, count in count_links(site, index, "//ul[@class='edition-list']//a"):
        tree = parse(site, target)
        cards = tree.xpath("//main//li[@class='card']")
        assert len(cards) == count, target
        for group in tree.xpath("//main/section[h2]"):
            assert len(group.xpath(".//li[@class='card']")) == int(group.xpath("string(./h2/span)").strip("()"))
        email = parse(site, follow(target, tree.xpath("//p[@class='edition-actions']/a/@href")[0]))
        assert len(email.xpath("//h3/a")) == count, target
        in_editions += count
    left_out = len(parse(site, index).xpath("//ul[@class='left-out']/li"))
    assert in_editions + left_out == total


@pytest.mark.parametrize("check", [check_cities_index, check_comparison, check_city_profiles, check_theme_leaders])
def test_counts_on_the_seed_site_match_the_listings_they_link_to(seed_site, check):
    check(seed_site.out)


def test_every_seed_briefing_is_in_an_edition_or_listed_as_left_out(seed_site):
    check_editions(seed_site.out, 5)


# ---------------------------------------------------------------- the generated site

def test_the_generated_site_counts_match_the_listings_on_every_new_page(generated_site):
    site = generated_site.out
    check_cities_index(site)
    check_city_profiles(site)
    check_theme_leaders(site)
    check_editions(site, GENERATED)
    cells = check_comparison(site)
    assert len(cells) > 100


def test_a_city_and_theme_listing_holds_exactly_that_citys_briefings_on_that_theme(generated_site):
    site = generated_site.out
    expected = Counter()
    members: dict[tuple[str, str], set[str]] = {}
    for made in generated_site.briefings:
        for city in made.cities:
            members.setdefault((city, made.theme), set()).add(made.slug)
            expected[city, made.theme] += 1
    table = parse(site, "compare/index.html")
    checked = 0
    for row in table.xpath("//table[@class='matrix']/tbody/tr"):
        city = row.xpath("string(./th/a)")
        for link in row.xpath("./td[not(@class='total')]/a"):
            theme = link.get("aria-label").split(", ", 1)[1]
            assert set(listed(site, follow("compare/index.html", link.get("href")))) == members[city, theme]
            checked += 1
    assert checked == len(members)


def test_the_generated_editions_are_the_iso_weeks_and_months_of_the_briefing_dates(generated_site):
    made = generated_site.briefings
    by_slug = {m.slug: m for m in made}
    briefings = sorted((Briefing(m.slug, m.slug, PartialDate.parse(m.date), m.cities[0], m.cities, m.theme, (),
                                 "", "") for m in made), key=Briefing.sort_key, reverse=True)
    editions = build_editions(briefings, "week")
    site = generated_site.out
    for edition in editions.editions[:40]:
        page = f"editions/{edition.slug}/index.html"
        shown = {follow(page, h).split("/")[1] for h in parse(site, page).xpath("//main//li[@class='card']//h3/a/@href")}
        assert shown == set(edition.briefings)
        for slug in shown:
            date = by_slug[slug].date
            assert len(date) == (10 if edition.length == "week" else 7), (page, date)
            assert edition.first_day.isoformat()[:len(date)] <= date <= edition.last_day.isoformat(), (page, date)
    assert {m.slug for m in made if len(m.date) == 4} == {item.slug for item in editions.left_out}


# ---------------------------------------------------------------- the email file

def test_an_email_for_a_30_briefing_week_is_small_self_contained_and_links_to_the_site(tmp_path, vocabulary):
    content = tmp_path / "content"
    summary = ("The municipal government announced measures to support advanced manufacturing, industrial design "
               "and talent, with new funds for application scenarios and a plan for the next three years. ") * 2
    for i in range(30):
        write_briefing(content, f"b{i:02d}", title=f"Chengdu announces policy measures on topic number {i} for the "
                       f"coming year's industrial development", date=f"2024-03-{11 + i % 7:02d}",
                       city=CITIES[i % 5], cities=[CITIES[i % 5], CITIES[5 + i % 4]],
                       theme=["Talent", "Opening-up", "Industrial design"][i % 3], tags=["Talent"], summary=summary)
    out = tmp_path / "site"
    build(content, out, vocabulary, SiteConfig(base_url="https://example.org/digest/"))
    email_file = out / "editions/2024-w11/email.html"
    data = email_file.read_bytes()
    assert len(data) < 100_000, f"{len(data)} bytes"
    tree = html.fromstring(data)
    assert len(tree.xpath("//h3/a")) == 30
    assert not tree.xpath("//script | //style | //link[@rel='stylesheet'] | //img | //iframe | //object")
    assert not tree.xpath("//*[@src]"), "an email may ask for nothing from elsewhere"
    assert tree.xpath("//*[@style]"), "styles are inline"
    for href in tree.xpath("//a/@href"):
        assert href.startswith("https://example.org/digest/"), href
        path = href[len("https://example.org/digest/"):]
        assert (out / (path + "index.html" if path.endswith("/") or not path else path)).is_file(), href


def test_monthly_editions_follow_the_setting(tmp_path, vocabulary):
    content = tmp_path / "content"
    write_briefing(content, "a", date="2024-03-11")
    write_briefing(content, "b", date="2024-03")
    write_briefing(content, "c", date="2024")
    out = tmp_path / "site"
    build(content, out, vocabulary, SiteConfig(edition_length="month"))
    assert sorted(p.parent.name for p in out.glob("editions/*/index.html")) == ["2024-03"]
    assert len(parse(out, "editions/2024-03/index.html").xpath("//main//li[@class='card']")) == 2
    assert "Monthly edition" in parse(out, "editions/2024-03/index.html").xpath("string(//p[@class='kicker'])")
