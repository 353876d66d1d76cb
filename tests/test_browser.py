"""The built site in a real browser: Debian's Chromium driven by Playwright, and axe-core on every page kind.

The site is served under a sub-path by a small HTTP server on 127.0.0.1. One
browser serves the whole module; every page a test opens fails the test if it
logs a console error, throws, or asks any other host for anything.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.conftest import REPO, SEARCH_FIXTURES
from tests.tools import ARTIFACTS, AXE, CHROMIUM, require_axe, require_chromium

HOST = "127.0.0.1"
# A headless Chromium that makes no requests of its own (updates, sync, safe browsing) on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# One page of each kind; '*' picks the first match in the built site.
PAGE_KINDS = {
    "home": "index.html",
    "briefing": "briefings/*/index.html",
    "themes index": "themes/index.html",
    "theme": "themes/*/index.html",
    "tags index": "tags/index.html",
    "tag": "tags/*/index.html",
    "cities index": "cities/index.html",
    "cities by count": "cities-by-count/index.html",
    "city": "cities/*/index.html",
    "compare": "compare/index.html",
    "city and theme": "compare/*/*/index.html",
    "timeline": "timeline/index.html",
    "timeline year": "timeline/2*/index.html",
    "editions index": "editions/index.html",
    "edition": "editions/*/index.html",
    "edition email": "editions/*/email.html",
    "search": "search/index.html?q=conference",
    "404": "404.html",
}


def briefing_title(folder, word: str) -> str:
    """The title of the first briefing in `folder` whose file mentions `word`."""
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if word in text:
            return yaml.safe_load(text.split("---")[1])["title"]
    raise AssertionError(f"no briefing in {folder} mentions {word!r}")


# ---------------------------------------------------------------- fixtures

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def served(site):
    """A built site over HTTP at its sub-path, e.g. http://127.0.0.1:PORT/digest/."""
    handler = functools.partial(QuietHandler, directory=str(site.root))
    server = ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{site.path}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site_with_search):
    with served(built_site_with_search) as url:
        yield url


@pytest.fixture(scope="module")
def sharded_site_url(built_sharded_site_with_search):
    """The same briefings with each search index split into several shards."""
    with served(built_sharded_site_with_search) as url:
        yield url


@pytest.fixture(scope="module")
def chinese_site_url(built_chinese_site_with_search):
    """The same briefings on a site with a Chinese interface."""
    with served(built_chinese_site_with_search) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Trouble:
    """What pages did wrong: console errors, uncaught exceptions and requests that left 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def route(self, route) -> None:
        if urlsplit(route.request.url).hostname == HOST:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text} ({message.location.get('url')})")


@pytest.fixture
def open_page(browser):
    """Opens a page in a fresh context; after the test no page may have had any trouble."""
    trouble = Trouble()
    contexts = []

    def open_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.route("**/*", trouble.route)
        page = context.new_page()
        page.on("console", trouble.console)
        page.on("pageerror", lambda error: trouble.errors.append(f"uncaught exception: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not trouble.errors, "\n".join(trouble.errors)
    assert not trouble.outside, f"requests to other hosts: {trouble.outside}"


# ---------------------------------------------------------------- helpers

def expect(target):
    from playwright.sync_api import expect

    return expect(target)


@dataclass(frozen=True)
class Result:
    title: str
    date: str
    city: str
    theme: str


def results(page) -> list[Result]:
    """The search results on show, once the search has finished."""
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    shown = []
    for item in page.locator("#search-results > li").all():
        date, city, theme = item.locator(".meta").inner_text().split(" · ")
        shown.append(Result(item.locator(".card-title").inner_text(), date, city, theme))
    return shown


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# ---------------------------------------------------------------- reading

def test_a_reader_goes_from_home_to_a_city_a_theme_the_timeline_and_a_briefing(open_page, site_url):
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "index.html")
    city = page.locator("li.card .meta a").first
    name = city.inner_text()
    city.click()
    expect(page).to_have_url(re.compile(r"/digest/cities/[^/]+/index\.html$"))
    expect(page.locator("h1")).to_have_text(name)

    theme = page.locator("li.card .meta a").nth(1)
    name = theme.inner_text()
    theme.click()
    expect(page).to_have_url(re.compile(r"/digest/themes/[^/]+/index\.html$"))
    expect(page.locator("h1")).to_have_text(name)

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Timeline").click()
    expect(page).to_have_url(re.compile(r"/digest/timeline/index\.html$"))
    expect(page.locator("h1")).to_have_text("Timeline")

    year = page.locator("section.year-summary h2 a").first
    label = year.inner_text()
    year.click()
    expect(page).to_have_url(re.compile(r"/digest/timeline/\d{4}/index\.html$"))
    expect(page.locator("h1")).to_have_text(label)

    briefing = page.locator("li.card .card-title a").first
    title = briefing.inner_text()
    briefing.click()
    expect(page).to_have_url(re.compile(r"/digest/briefings/[^/]+/index\.html$"))
    expect(page.locator("article h1")).to_have_text(title)


def test_screenshots_of_home_at_desktop_and_phone_width_and_a_briefing_in_dark_mode(open_page, site_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("home-desktop", DESKTOP), ("home-phone", PHONE)):
        page = open_page(viewport=viewport)
        page.goto(site_url + "index.html")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the page is {width}px wide, wider than the screen"
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page = open_page(viewport=DESKTOP, color_scheme="dark")
    page.goto(site_url + "index.html")
    page.locator("li.card .card-title a").first.click()
    expect(page.locator("article h1")).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(253, 252, 249)", "the dark colour scheme did not apply"
    page.screenshot(path=str(ARTIFACTS / "briefing-dark.png"), full_page=True)


@pytest.mark.parametrize("kind", ["city", "compare", "city and theme", "editions index", "edition", "edition email"])
def test_screenshots_of_the_analysts_views_in_light_and_dark(open_page, site_url, built_site_with_search, kind):
    target = sorted(built_site_with_search.out.glob(PAGE_KINDS[kind]))[0]
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        page = open_page(viewport=DESKTOP, color_scheme=scheme)
        page.goto(site_url + target.relative_to(built_site_with_search.out).as_posix())
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= DESKTOP["width"], f"{kind}: the page is {width}px wide, wider than the screen"
        page.screenshot(path=str(ARTIFACTS / f"{kind.replace(' ', '-')}-{scheme}.png"), full_page=True)
    # On a phone only the comparison table may scroll sideways, inside its own box.
    page = open_page(viewport=PHONE)
    page.goto(site_url + target.relative_to(built_site_with_search.out).as_posix())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{kind}: the page is {width}px wide on a phone"


def test_a_reader_goes_from_a_city_profile_to_a_cell_and_from_the_comparison_to_an_edition(open_page, site_url):
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "cities/chongqing/index.html")
    bar = page.locator("figure.profile-chart svg a").first
    theme = bar.locator(".label").text_content()
    bar.click()
    expect(page).to_have_url(re.compile(r"/digest/compare/chongqing/[^/]+/index\.html$"))
    expect(page.locator("h1")).to_have_text(f"Chongqing: {theme}")
    page.get_by_role("link", name="Compare cities and themes").last.click()
    expect(page).to_have_url(re.compile(r"/digest/compare/index\.html#city-chongqing$"))
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Editions").click()
    page.locator(".edition-list a").first.click()
    expect(page.locator(".kicker")).to_have_text(re.compile("(Weekly|Monthly) edition"))
    page.get_by_role("link", name="This edition as an email").click()
    expect(page).to_have_url(re.compile(r"/digest/editions/[^/]+/email\.html$"))


# ---------------------------------------------------------------- search

def test_the_header_search_box_finds_the_dazu_conference(open_page, site_url):
    dazu = briefing_title(REPO / "content", "Dazu")
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "index.html")
    page.get_by_role("search").get_by_label("Search briefings").fill("industrial design")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/digest/search/index\.html\?q=industrial\+design$"))
    expect(page.locator("#search-q")).to_have_value("industrial design")
    found = results(page)
    assert found and found[0].title == dazu, found
    expect(page.locator("#search-results mark").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop.png"), full_page=True)
    page.get_by_role("link", name=dazu).click()
    expect(page.locator("article h1")).to_have_text(dazu)


def test_typing_a_query_then_choosing_a_city_narrows_the_results(open_page, site_url):
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "search/index.html")
    page.get_by_label("Words to look for").press_sequentially("conference")
    everything = results(page)
    cities = {r.city for r in everything}
    assert len(cities) > 1, everything
    city = sorted(cities)[0]
    page.get_by_label("City").select_option(city)
    narrowed = results(page)
    assert query_of(page) == {"q": ["conference"], "city": [city]}
    # A briefing counts for every city it involves, so the filter keeps at least those of the city itself.
    assert {r for r in everything if r.city == city} <= set(narrowed) < set(everything)


def test_nanjing_with_a_theme_filter_shows_only_that_themes_briefings(open_page, site_url):
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "search/index.html?q=Nanjing")
    everything = results(page)
    themes = sorted({r.theme for r in everything})
    assert len(themes) > 1, everything
    for theme in themes:
        page.get_by_label("Theme").select_option(theme)
        assert results(page) == [r for r in everything if r.theme == theme], theme
    page.get_by_label("Theme").select_option("")
    year = everything[-1].date[-4:]
    page.get_by_label("Year").select_option(year)
    assert results(page) == [r for r in everything if r.date.endswith(year)]


def test_results_are_sorted_by_date_when_asked(open_page, site_url):
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "search/index.html?q=Chengdu")
    assert len(results(page)) > 2
    for order, newest_first in (("Newest first", True), ("Oldest first", False)):
        page.get_by_label("Order").select_option(label=order)
        results(page)
        dates = page.locator("#search-results time").evaluate_all("times => times.map(t => t.dateTime)")
        assert dates == sorted(dates, reverse=newest_first), order


def test_a_chinese_query_finds_the_chinese_briefing(open_page, site_url):
    title = briefing_title(SEARCH_FIXTURES, "新能源汽车")
    page = open_page(viewport=DESKTOP)
    page.goto(site_url + "search/index.html")
    page.get_by_label("Words to look for").fill("新能源汽车")
    page.keyboard.press("Enter")
    assert [r.title for r in results(page)] == [title]
    expect(page.locator("#search-results mark").first).to_contain_text("新能源")


def test_a_search_over_shards_finds_what_one_index_finds_with_filters_and_order_across_shards(
        open_page, site_url, sharded_site_url, built_sharded_site_with_search):
    from generator.search import plan_search

    out = built_sharded_site_with_search.out
    slugs = [p.name for p in (out / "briefings").iterdir()]
    shards = plan_search("en", slugs, (), 2).words
    assert len(shards) >= 3 and all((out / s.folder / "pagefind-entry.json").is_file() for s in shards)
    shard_of = {page: s.folder for s in shards for page in s.pages}

    def found(url: str) -> tuple[list[Result], list[str], list[str]]:
        page = open_page(viewport=DESKTOP)
        page.goto(url)
        shown = results(page)
        hrefs = page.locator("#search-results .card-title a").evaluate_all("links => links.map(a => a.href)")
        dates = page.locator("#search-results time").evaluate_all("times => times.map(t => t.dateTime)")
        page.close()
        return shown, [h.split("/digest/", 1)[1] for h in hrefs], dates

    for address in ("?q=Chengdu", "?q=conference&city=Chengdu", "?q=Chengdu&sort=newest", "?q=Chengdu&sort=oldest",
                    "?q=Nanjing&theme=Talent", "?city=Chengdu", "?year=2023&sort=oldest"):
        one, _, _ = found(f"{site_url}search/index.html{address}")
        many, pages, dates = found(f"{sharded_site_url}search/index.html{address}")
        # Everything one index finds. (A shard of very few pages can find a little more than one index
        # of all of them: Pagefind's own matching depends on the pages an index holds.)
        assert one and set(one) <= set(many), address
        if "sort" in address or "q=" not in address:  # newest first without words
            assert dates == sorted(dates, reverse="oldest" not in address), address
        if address == "?q=Chengdu":
            # One query, results from several shards.
            assert len({shard_of[p] for p in pages}) >= 3, pages


def test_without_javascript_the_search_page_says_so_and_links_to_browsing(open_page, site_url):
    page = open_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(site_url + "search/index.html?q=design")
    expect(page.locator("#search")).to_be_hidden()
    fallback = page.locator("#search-fallback")
    expect(fallback).to_contain_text("Search needs JavaScript")
    for section in ("themes", "cities", "timeline"):
        expect(fallback.locator(f"a[href='../{section}/index.html']")).to_be_visible()


# ---------------------------------------------------------------- the Chinese interface

def test_screenshots_of_the_chinese_sites_home_and_a_briefing(open_page, chinese_site_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("zh-home-desktop", DESKTOP), ("zh-home-phone", PHONE)):
        page = open_page(viewport=viewport)
        page.goto(chinese_site_url + "index.html")
        expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        expect(page.locator("h1")).to_have_text("最新简报")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the page is {width}px wide, wider than the screen"
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page = open_page(viewport=DESKTOP)
    page.goto(chinese_site_url + "index.html")
    page.locator("li.card .card-title a").first.click()
    expect(page.locator(".facts dt").first).to_have_text("日期")
    expect(page.locator(".facts time").first).to_have_text(re.compile(r"^\d{4}年(\d{1,2}月(\d{1,2}日)?)?$"))
    page.screenshot(path=str(ARTIFACTS / "zh-briefing-desktop.png"), full_page=True)


def test_the_chinese_site_finds_chinese_and_english_words_and_says_so_in_chinese(open_page, chinese_site_url):
    title = briefing_title(SEARCH_FIXTURES, "新能源汽车")
    page = open_page(viewport=DESKTOP)
    page.goto(chinese_site_url + "search/index.html")
    page.get_by_label("搜索词").fill("新能源汽车")
    page.keyboard.press("Enter")
    assert [r.title for r in results(page)] == [title]
    expect(page.locator("#search-status")).to_have_text("找到1篇与“新能源汽车”相关的简报。")
    # English words are stemmed in the other index: "conferences" finds "conference".
    page.get_by_label("搜索词").fill("conferences")
    page.keyboard.press("Enter")
    found = results(page)
    assert found and all(re.match(r"^\d{4}年", r.date) for r in found), found
    expect(page.locator("#search-status")).to_have_text(f"找到{len(found)}篇与“conferences”相关的简报。")
    # The city filter offers the names the briefing pages show.
    page.get_by_label("城市").select_option("成都")
    assert results(page) and query_of(page)["city"] == ["成都"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "zh-search-desktop.png"), full_page=True)


# ---------------------------------------------------------------- accessibility

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_axe_finds_no_violations(request, open_page, kind, scheme, language):
    require_axe()
    site, url = ((request.getfixturevalue("built_site_with_search"), request.getfixturevalue("site_url"))
                 if language == "en" else
                 (request.getfixturevalue("built_chinese_site_with_search"), request.getfixturevalue("chinese_site_url")))
    target = PAGE_KINDS[kind]
    if "*" in target:
        target = sorted(site.out.glob(target))[0].relative_to(site.out).as_posix()
    page = open_page(viewport=DESKTOP, color_scheme=scheme)
    page.goto(url + target)
    if kind == "search":
        assert results(page)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document)).violations.map(v =>
        `${v.id} (${v.impact}): ${v.help}\\n    ` + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join("\\n    "))""")
    assert not violations, f"{target} ({scheme}):\n" + "\n".join(violations)
