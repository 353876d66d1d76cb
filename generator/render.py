"""Rendering: one function per page kind builds the page's view data; Jinja2 turns it into bytes.

Every page is a `Page`: an output path, a template name and plain view data.
`render_page` is a pure function of that page, so pages can be rendered in any
order, in parallel, or only when their data changed.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermEntry, TermIndex
from generator.model import Briefing, PartialDate
from generator.search import CJK_INDEX_FOLDER, INDEX_FOLDER, MODULE
from generator.text import script_of

SECTIONS = (("home", "Latest", ""), ("themes", "Themes", "themes/"), ("tags", "Tags", "tags/"),
            ("cities", "Cities", "cities/"), ("timeline", "Timeline", "timeline/"))
TERM_KINDS = {"themes": ("Theme", "Themes"), "tags": ("Tag", "Tags"), "cities": ("City", "Cities")}
STYLESHEET = "assets/style.css"
ICON = "assets/favicon.svg"
SEARCH_SCRIPT = "assets/search.js"
# (value, label) of the search page's order menu; search.js knows the values.
SEARCH_SORTS = (("", "Best match"), ("newest", "Newest first"), ("oldest", "Oldest first"))
# How a briefing whose article states no date is shown, and its section of the timeline.
UNDATED_LABEL = "Date not known"
UNDATED_ANCHOR = "undated"
# An Atom entry must say when it was updated: an undated briefing takes the newest dated
# briefing's date, or this when none has one, never the build time (builds stay byte-identical).
EPOCH = "1970-01-01T00:00:00Z"


# ---------------------------------------------------------------- view data

@dataclass(frozen=True)
class Link:
    """A labelled link, with a count where a listing shows one."""

    label: str
    href: str
    count: int = 0
    current: bool = False


@dataclass(frozen=True)
class Card:
    """A briefing as a listing shows it."""

    title: str
    href: str
    date_iso: str
    date_display: str
    city: Link
    theme: Link
    summary: str
    lang: str = ""
    """A language tag when the briefing is not in the site's language (e.g. 'zh'), else ''."""


@dataclass(frozen=True)
class Pagination:
    """Numbered links to the first, last and nearby pages of a listing; a gap has an empty href."""

    current: int
    total: int
    pages: tuple[Link, ...]
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class PageMeta:
    """What the base layout needs: titles, canonical URL and the navigation."""

    title: str
    description: str
    canonical: str
    stylesheet: str
    icon: str
    home: str
    search: str
    nav: tuple[Link, ...]
    feeds: tuple[Link, ...] = ()
    kind: str = "page"


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it and the data it draws."""

    path: str
    template: str
    context: Mapping[str, Any] = field(hash=False)


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
        file_target = target + "index.html" if target == "" or target.endswith("/") else target
        return self.prefix + file_target

    @functools.cached_property
    def prefix(self) -> str:
        """What leads from this page to the site root: '../../' from briefings/x/index.html."""
        if self.absolute:
            return self.config.base_path
        return "../" * self.from_path.count("/")

    def url(self, target: str) -> str:
        """The absolute URL of a site path, for feeds, sitemaps and canonical links."""
        return urljoin(self.config.base_url, target)


# ---------------------------------------------------------------- paths

def briefing_path(slug: str) -> str:
    return f"briefings/{slug}/"


def term_path(kind: str, slug: str) -> str:
    return f"{kind}/{slug}/"


def listing_page_path(base: str, number: int) -> str:
    """Page 1 of a listing is the listing itself; page n lives under page/n/."""
    return base if number == 1 else f"{base}page/{number}/"


def _file(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path


# ---------------------------------------------------------------- markdown

def make_markdown() -> MarkdownIt:
    """CommonMark plus tables and heading anchors; raw HTML is shown as text, never passed through."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(anchors_plugin, min_level=2, max_level=4, permalink=False)
    return md


_MARKDOWN = make_markdown()


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown body to safe HTML (markdown-it also refuses javascript: and data: links).

    Cached because a body appears on its page and in up to three feeds."""
    return _MARKDOWN.render(text)


# ---------------------------------------------------------------- shared pieces

def text_language(briefing: Briefing, site_language: str) -> str:
    """'zh' for a briefing written in Chinese on a site in another language, else ''.

    Screen readers and search pick their voice and word rules from the lang attribute."""
    if site_language.split("-")[0] != "zh" and script_of(briefing.title + briefing.summary) == "han":
        return "zh"
    return ""


def _meta(linker: Linker, config: SiteConfig, title: str, section: str, description: str = "",
          feeds: tuple[tuple[str, str], ...] = (), kind: str = "page") -> PageMeta:
    nav = tuple(Link(label, linker.to(target), current=(name == section)) for name, label, target in SECTIONS)
    canonical_target = linker.from_path[: -len("index.html")] if linker.from_path.endswith("index.html") \
        else linker.from_path
    return PageMeta(
        title=title,
        description=description or config.description,
        canonical=linker.url(canonical_target),
        stylesheet=linker.to(STYLESHEET),
        icon=linker.to(ICON),
        home=linker.to(""),
        search=linker.to("search/"),
        nav=nav,
        feeds=tuple(Link(label, linker.to(target)) for label, target in feeds),
        kind=kind,
    )


def _context(config: SiteConfig, meta: PageMeta, **data: Any) -> dict[str, Any]:
    return {"site": config, "page": meta, **data}


def _term_link(linker: Linker, kind: str, index: TermIndex, name: str) -> Link:
    entry = index.get(name)
    return Link(name, linker.to(term_path(kind, entry.slug)), len(entry.briefings))


def make_card(linker: Linker, index: SiteIndex, briefing: Briefing) -> Card:
    """A briefing's card as seen from the page `linker` links from."""
    return Card(
        title=briefing.title,
        href=linker.to(briefing_path(briefing.slug)),
        date_iso=briefing.date.iso() if briefing.date else "",
        date_display=briefing.date.display() if briefing.date else UNDATED_LABEL,
        city=_term_link(linker, "cities", index.cities, briefing.city),
        theme=_term_link(linker, "themes", index.themes, briefing.theme),
        summary=briefing.summary,
        lang=text_language(briefing, linker.config.language),
    )


def _paginate(slugs: tuple[str, ...], per_page: int) -> list[tuple[str, ...]]:
    chunks = [slugs[i:i + per_page] for i in range(0, len(slugs), per_page)]
    return chunks or [()]


def _pagination(linker: Linker, base: str, number: int, total: int, around: int = 2) -> Pagination:
    """Links to page 1, the last page and `around` pages either side of this one, so the
    row stays short however long the listing grows."""
    shown = sorted({1, total, *range(max(1, number - around), min(total, number + around) + 1)})
    pages: list[Link] = []
    for previous, n in zip([0, *shown], shown):
        if n - previous > 1:
            pages.append(Link("…", ""))
        pages.append(Link(str(n), linker.to(listing_page_path(base, n)), current=(n == number)))
    return Pagination(
        current=number,
        total=total,
        pages=tuple(pages),
        previous=linker.to(listing_page_path(base, number - 1)) if number > 1 else None,
        next=linker.to(listing_page_path(base, number + 1)) if number < total else None,
    )


def listing_pages(index: SiteIndex, config: SiteConfig, base: str, slugs: tuple[str, ...], template: str,
                  title: str, section: str, description: str = "",
                  feeds: tuple[tuple[str, str], ...] = (), **extra: Any) -> Iterator[Page]:
    """A paginated list of briefing cards: page 1 at `base`, then base/page/2/ and so on."""
    chunks = _paginate(slugs, config.per_page)
    for number, chunk in enumerate(chunks, start=1):
        path = _file(listing_page_path(base, number))
        linker = Linker(path, config)
        page_title = title if number == 1 else f"{title} (page {number} of {len(chunks)})"
        meta = _meta(linker, config, page_title, section, description, feeds, kind="listing")
        yield Page(path, template, _context(
            config, meta,
            heading=title,
            cards=tuple(make_card(linker, index, index.by_slug[s]) for s in chunk),
            pagination=_pagination(linker, base, number, len(chunks)),
            total=len(slugs),
            **{k: (v(linker) if callable(v) else v) for k, v in extra.items()},
        ))


# ---------------------------------------------------------------- page kinds

def render_home_pages(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The latest briefings, newest first, paginated."""
    yield from listing_pages(index, config, "", tuple(b.slug for b in index.briefings), "home.html",
                             title=config.title, section="home", feeds=(("All briefings", "feed.xml"),))


def render_briefing_page(index: SiteIndex, config: SiteConfig, briefing: Briefing) -> Page:
    """One briefing with its metadata, body, neighbours in time and related briefings."""
    path = _file(briefing_path(briefing.slug))
    linker = Linker(path, config)
    newer, older = index.neighbours[briefing.slug]
    meta = _meta(linker, config, briefing.title, "", briefing.summary, kind="briefing")
    view = {
        "title": briefing.title,
        "lang": text_language(briefing, config.language),
        "date_iso": briefing.date.iso() if briefing.date else "",
        "date_display": briefing.date.display() if briefing.date else UNDATED_LABEL,
        "date_precision": briefing.date.precision if briefing.date else "",
        "published": _date_view(briefing.published),
        "city": _term_link(linker, "cities", index.cities, briefing.city),
        "other_cities": tuple(_term_link(linker, "cities", index.cities, c) for c in briefing.cities[1:]),
        "theme": _term_link(linker, "themes", index.themes, briefing.theme),
        "tags": tuple(_term_link(linker, "tags", index.tags, t) for t in briefing.tags),
        "source": briefing.source,
        "seed": briefing.seed,
        "summary": briefing.summary,
        "body_html": Markup(render_markdown(briefing.body)),
        "timeline": (Link(str(briefing.date.year), linker.to("timeline/") + f"#y{briefing.date.year}")
                     if briefing.date else Link(UNDATED_LABEL, linker.to("timeline/") + f"#{UNDATED_ANCHOR}")),
    }
    return Page(path, "briefing.html", _context(
        config, meta,
        briefing=view,
        newer=make_card(linker, index, index.by_slug[newer]) if newer else None,
        older=make_card(linker, index, index.by_slug[older]) if older else None,
        related=tuple(make_card(linker, index, index.by_slug[s]) for s in index.related[briefing.slug]),
    ))


def _date_view(date: PartialDate | None) -> dict[str, str] | None:
    return {"iso": date.iso(), "display": date.display()} if date else None


def render_term_index_page(index: SiteIndex, config: SiteConfig, kind: str) -> Page:
    """/themes/, /tags/ or /cities/: every term with its count (cities also with their themes)."""
    terms: TermIndex = getattr(index, kind)
    path = _file(f"{kind}/")
    linker = Linker(path, config)
    singular, plural = TERM_KINDS[kind]
    entries = tuple({
        "link": Link(e.name, linker.to(term_path(kind, e.slug)), len(e.briefings)),
        "description": e.description,
        "themes": tuple(_term_link(linker, "themes", index.themes, t) for t in e.themes),
    } for e in terms.entries)
    meta = _meta(linker, config, plural, kind, f"{plural} of {config.title}, with how many briefings each has.")
    return Page(path, "terms.html", _context(config, meta, heading=plural, kind=kind, singular=singular,
                                             entries=entries))


def render_term_pages(index: SiteIndex, config: SiteConfig, kind: str, entry: TermEntry) -> Iterator[Page]:
    """One theme, tag or city: its briefings newest first, paginated; a feed link for themes and cities."""
    singular, _ = TERM_KINDS[kind]
    base = term_path(kind, entry.slug)
    feeds = ((f"{entry.name} briefings", base + "feed.xml"),) if kind in ("themes", "cities") else ()
    description = entry.description or f"Briefings filed under the {singular.lower()} {entry.name}."

    def themes(linker: Linker) -> tuple[Link, ...]:
        return tuple(_term_link(linker, "themes", index.themes, t) for t in entry.themes)

    yield from listing_pages(index, config, base, entry.briefings, "term.html", title=entry.name,
                             section=kind, description=description, feeds=feeds,
                             kind=kind, singular=singular, term_description=entry.description, themes=themes)


def render_timeline_page(index: SiteIndex, config: SiteConfig) -> Page:
    """Every briefing by year, then month; year-only briefings under their year; a chart on top."""
    path = _file("timeline/")
    linker = Linker(path, config)
    years = tuple({
        "year": y.year,
        "anchor": f"y{y.year}",
        "count": y.count,
        "months": tuple({
            "name": calendar.month_name[m.month],
            "anchor": f"y{y.year}-{m.month:02d}",
            "cards": tuple(make_card(linker, index, index.by_slug[s]) for s in m.briefings),
        } for m in y.months),
        "year_only": tuple(make_card(linker, index, index.by_slug[s]) for s in y.year_only),
    } for y in index.timeline)
    undated = {"heading": UNDATED_LABEL, "anchor": UNDATED_ANCHOR,
               "cards": tuple(make_card(linker, index, index.by_slug[s]) for s in index.undated)}
    meta = _meta(linker, config, "Timeline", "timeline", "Every briefing by year and month.")
    return Page(path, "timeline.html", _context(config, meta, heading="Timeline", years=years, undated=undated,
                                                chart=timeline_chart(index, linker)))


def timeline_chart(index: SiteIndex, linker: Linker) -> dict[str, Any]:
    """Bars of briefings per year, oldest on the left, as ready-made SVG coordinates."""
    counts = sorted((y.year, y.count) for y in index.timeline)
    if counts:
        first, last = counts[0][0], counts[-1][0]
        by_year = dict(counts)
        counts = [(year, by_year.get(year, 0)) for year in range(first, last + 1)]
    bar, gap, height, label_space = 36, 12, 120, 22
    top = max((c for _, c in counts), default=0) or 1
    bars = []
    for i, (year, count) in enumerate(counts):
        h = round(height * count / top) if count else 0
        x = gap + i * (bar + gap)
        bars.append({"year": year, "count": count, "x": x, "y": height - h + 18, "width": bar, "height": h,
                     "label_x": x + bar // 2, "href": linker.to("timeline/") + f"#y{year}" if count else None})
    width = gap + len(counts) * (bar + gap)
    summary = ", ".join(f"{c} in {y}" for y, c in counts if c)
    return {"width": max(width, 120), "height": height + 18 + label_space, "bars": tuple(bars),
            "baseline": height + 18, "label_y": height + 18 + 16, "summary": summary}


def render_search_page(index: SiteIndex, config: SiteConfig) -> Page:
    """The search page: a form with every city, theme and year to filter by, run by SEARCH_SCRIPT.

    It needs JavaScript and a web server, and says so with links to browse instead.
    Filter names are the data-pagefind-filter keys of briefing.html.
    """
    path = _file("search/")
    linker = Linker(path, config)
    meta = _meta(linker, config, "Search", "search", "Search every briefing.", kind="search")
    browse = tuple(Link(label, linker.to(target)) for name, label, target in SECTIONS if name != "home")
    search = {
        "action": linker.to("search/"),
        "script": linker.to(SEARCH_SCRIPT),
        "index": linker.to(f"{INDEX_FOLDER}/{MODULE}"),
        "cjk_index": linker.to(f"{CJK_INDEX_FOLDER}/{MODULE}"),
        "filters": (
            {"name": "city", "label": "City", "any": "Any city",
             "options": tuple(e.name for e in index.cities.entries)},
            {"name": "theme", "label": "Theme", "any": "Any theme",
             "options": tuple(e.name for e in index.themes.entries)},
            {"name": "year", "label": "Year", "any": "Any year",
             "options": tuple(str(y.year) for y in index.timeline)},
        ),
        "sorts": SEARCH_SORTS,
    }
    return Page(path, "search.html", _context(config, meta, heading="Search", browse=browse, search=search))


def render_not_found_page(index: SiteIndex, config: SiteConfig) -> Page:
    """404.html: hosts serve it at any missing URL, so its links start from the base path."""
    linker = Linker("404.html", config, absolute=True)
    meta = _meta(linker, config, "Page not found", "", "This page does not exist.", kind="404")
    latest = tuple(make_card(linker, index, b) for b in index.briefings[:5])
    return Page("404.html", "404.html", _context(config, meta, heading="Page not found", cards=latest))


# ---------------------------------------------------------------- feeds and sitemap

def _timestamp(date: PartialDate) -> str:
    """RFC 3339 time for a date known to any precision: the first day it can stand for."""
    year, month, day = date.first_day()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def render_feed(index: SiteIndex, config: SiteConfig, path: str, title: str, page_target: str,
                slugs: tuple[str, ...], limit: int = 50) -> Page:
    """An Atom feed (RFC 4287) of the newest briefings among `slugs`."""
    linker = Linker(path, config)
    chosen = [index.by_slug[s] for s in slugs[:limit]]
    newest = next((b.date for b in index.briefings if b.date), None)
    fallback = _timestamp(newest) if newest else EPOCH
    entries = tuple({
        "title": b.title,
        "url": linker.url(briefing_path(b.slug)),
        "updated": _timestamp(b.date) if b.date else fallback,
        "published": _timestamp(b.published or b.date) if (b.published or b.date) else fallback,
        "summary": b.summary or b.title,
        "categories": (b.theme,) + tuple(t for t in b.tags if t != b.theme),
        "content_html": render_markdown(b.body),
    } for b in chosen)
    feed = {
        "title": title,
        "id": linker.url(path),
        "self": linker.url(path),
        "alternate": linker.url(page_target),
        "updated": max((e["updated"] for e in entries), default=EPOCH),
        "subtitle": config.description,
        "author": config.title,
    }
    return Page(path, "atom.xml", {"site": config, "feed": feed, "entries": entries})


def render_feeds(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The whole site's feed and one per theme and per city."""
    yield render_feed(index, config, "feed.xml", config.title, "", tuple(b.slug for b in index.briefings))
    for kind in ("themes", "cities"):
        for entry in getattr(index, kind).entries:
            base = term_path(kind, entry.slug)
            yield render_feed(index, config, base + "feed.xml", f"{config.title}: {entry.name}", base,
                              entry.briefings)


def render_sitemap(pages: list[Page], config: SiteConfig, index: SiteIndex) -> Page:
    """sitemap.xml listing every HTML page but the 404 page, by pretty URL."""
    lastmod = {_file(briefing_path(b.slug)): b.date.iso() for b in index.briefings
               if b.date is not None and b.date.precision == "day"}
    urls = []
    for page in pages:
        if not page.path.endswith(".html") or page.path == "404.html":
            continue
        target = page.path[: -len("index.html")] if page.path.endswith("index.html") else page.path
        urls.append({"loc": urljoin(config.base_url, target), "lastmod": lastmod.get(page.path)})
    urls.sort(key=lambda u: u["loc"])
    return Page("sitemap.xml", "sitemap.xml", {"urls": tuple(urls)})


def render_robots(config: SiteConfig) -> Page:
    return Page("robots.txt", "robots.txt", {"sitemap": urljoin(config.base_url, "sitemap.xml")})


# ---------------------------------------------------------------- the whole site

def plan_site(index: SiteIndex, config: SiteConfig) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages: list[Page] = []
    pages.extend(render_home_pages(index, config))
    pages.extend(render_briefing_page(index, config, b) for b in index.briefings)
    for kind in ("themes", "tags", "cities"):
        pages.append(render_term_index_page(index, config, kind))
        for entry in getattr(index, kind).entries:
            pages.extend(render_term_pages(index, config, kind, entry))
    pages.append(render_timeline_page(index, config))
    pages.append(render_search_page(index, config))
    pages.append(render_not_found_page(index, config))
    pages.extend(render_feeds(index, config))
    pages.append(render_sitemap(pages, config, index))
    pages.append(render_robots(config))
    return pages


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Jinja2 with autoescaping for HTML and XML and StrictUndefined, so a template typo fails the build."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """The bytes of one page: a pure function of the template and the page's data."""
    return env.get_template(page.template).render(page.context).encode("utf-8")
