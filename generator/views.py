"""View data: the typed records templates draw, and the pieces every page kind builds them from.

Every page is a `Page`: an output path, a template name and plain view data.
Rendering it is a pure function of that page, so pages can be rendered in any
order, in parallel, or only when their data changed.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermIndex
from generator.language import text_language
from generator.model import Briefing, PartialDate
from generator.urls import ICON, SECTIONS, STYLESHEET, Linker, briefing_path, file_path, listing_page_path, \
    pretty_path, term_path


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
class PageSpec:
    """A page the site will have: its path, a key naming exactly the data it shows, and how to build it.

    Two builds that give a page equal keys (and equal templates, settings and
    vocabulary) draw it with equal bytes, so the build only calls `build` for
    pages whose key changed. A key holds plain values: strings, numbers, tuples.
    """

    path: str
    key: tuple
    build: Callable[[], "Page | bytes"] = field(compare=False)


@dataclass(frozen=True)
class Facets:
    """What pages show of each briefing, as keys: a changed key means a changed page.

    `card` covers what a card shows (slug, title, date, city, theme, summary);
    `full` covers everything (slug and the content file's text)."""

    card: Mapping[str, str]
    full: Mapping[str, str]

    @classmethod
    def of(cls, briefings: Iterable[Briefing], content_hashes: Mapping[str, str]) -> "Facets":
        """Keys for every briefing, from its fields and its content file's hash (by slug)."""
        card, full = {}, {}
        for b in briefings:
            # Short hashes rather than the text itself: page keys name many cards, and are hashed every build.
            shown = "\x1f".join((b.slug, b.title, b.date.iso(), b.city, b.theme, b.summary)).encode("utf-8")
            card[b.slug] = hashlib.blake2b(shown, digest_size=12).hexdigest()
            full[b.slug] = b.slug + "\x1f" + content_hashes[b.slug]
        return cls(card, full)

    def cards(self, slugs: Iterable[str]) -> tuple[str, ...]:
        """The card keys of these briefings, in order."""
        return tuple(self.card[s] for s in slugs)


def page_specs(pages: Iterable[Page]) -> Iterator[PageSpec]:
    """Specs for pages whose view data is already built, keyed by that data itself.

    The simplest way to plug a page kind into the incremental build, and always
    right, since the key is everything the template is given; the price is
    building the view data on every build. Kinds with many pages write keys of
    their own instead (see briefing_specs and listing_specs)."""
    for page in pages:
        yield PageSpec(page.path, ("page", page.template, repr(page.context)), functools.partial(_same, page))


def _same(page: Page) -> Page:
    return page


def page_meta(linker: Linker, config: SiteConfig, title: str, section: str, description: str = "",
              feeds: tuple[tuple[str, str], ...] = (), kind: str = "page") -> PageMeta:
    """The base layout's data for the page `linker` links from; `section` marks the current nav entry."""
    nav = tuple(Link(label, linker.to(target), current=(name == section)) for name, label, target in SECTIONS)
    return PageMeta(
        title=title,
        description=description or config.description,
        canonical=linker.url(pretty_path(linker.from_path)),
        stylesheet=linker.to(STYLESHEET),
        icon=linker.to(ICON),
        home=linker.to(""),
        search=linker.to("search/"),
        nav=nav,
        feeds=tuple(Link(label, linker.to(target)) for label, target in feeds),
        kind=kind,
    )


def page_context(config: SiteConfig, meta: PageMeta, **data: Any) -> dict[str, Any]:
    """What an HTML template receives: the settings as `site`, the layout's data as `page`, then its own."""
    return {"site": config, "page": meta, **data}


def term_link(linker: Linker, kind: str, index: TermIndex, name: str) -> Link:
    """A link to a theme's, tag's or city's page.

    No count: a count shown beside every mention would make one new briefing change
    every page that mentions its city, and only the term indexes show counts."""
    return Link(name, linker.to(term_path(kind, index.get(name).slug)))


def make_card(linker: Linker, index: SiteIndex, briefing: Briefing) -> Card:
    """A briefing's card as seen from the page `linker` links from.

    Pages at the same depth see the same card, so each is made once per index."""
    key = ("card", linker.prefix, linker.config.language, briefing.slug)
    card = index.memo.get(key)
    if card is None or card[0] is not briefing:
        card = index.memo[key] = (briefing, _card(linker, index, briefing))
    return card[1]


def _card(linker: Linker, index: SiteIndex, briefing: Briefing) -> Card:
    return Card(
        title=briefing.title,
        href=linker.to(briefing_path(briefing.slug)),
        date_iso=briefing.date.iso(),
        date_display=briefing.date.display(),
        city=term_link(linker, "cities", index.cities, briefing.city),
        theme=term_link(linker, "themes", index.themes, briefing.theme),
        summary=briefing.summary,
        lang=text_language(briefing, linker.config.language),
    )


def date_view(date: PartialDate | None) -> dict[str, str] | None:
    """A date as templates show it (ISO and for readers), or None."""
    return {"iso": date.iso(), "display": date.display()} if date else None


def paginate(slugs: tuple[str, ...], per_page: int) -> list[tuple[str, ...]]:
    """A listing's slugs in pages of `per_page`; an empty listing still has one (empty) page."""
    chunks = [slugs[i:i + per_page] for i in range(0, len(slugs), per_page)]
    return chunks or [()]


def pagination(linker: Linker, base: str, number: int, total: int, around: int = 2) -> Pagination:
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


def listing_specs(index: SiteIndex, config: SiteConfig, facets: Facets, base: str, slugs: tuple[str, ...],
                  template: str, title: str, section: str, description: str = "",
                  feeds: tuple[tuple[str, str], ...] = (), key: tuple = (),
                  **extra: Any | Callable[[Linker], Any]) -> Iterator[PageSpec]:
    """A paginated list of briefing cards: page 1 at `base`, then base/page/2/ and so on.

    An `extra` value that is callable is called with each page's Linker, for data holding links;
    `key` must name everything the extra values are made from."""
    chunks = paginate(slugs, config.per_page)
    for number, chunk in enumerate(chunks, start=1):
        yield PageSpec(
            file_path(listing_page_path(base, number)),
            (template, base, title, section, description, feeds, key, number, len(chunks), len(slugs),
             facets.cards(chunk)),
            functools.partial(listing_page, index, config, base, chunks, number, template, title, section,
                              description, feeds, extra))


def listing_page(index: SiteIndex, config: SiteConfig, base: str, chunks: list[tuple[str, ...]], number: int,
                 template: str, title: str, section: str, description: str,
                 feeds: tuple[tuple[str, str], ...], extra: Mapping[str, Any]) -> Page:
    """Page `number` (from 1) of a listing split into `chunks`."""
    path = file_path(listing_page_path(base, number))
    linker = Linker(path, config)
    page_title = title if number == 1 else f"{title} (page {number} of {len(chunks)})"
    meta = page_meta(linker, config, page_title, section, description, feeds, kind="listing")
    return Page(path, template, page_context(
        config, meta,
        cards=tuple(make_card(linker, index, index.by_slug[s]) for s in chunks[number - 1]),
        pagination=pagination(linker, base, number, len(chunks)),
        total=sum(len(c) for c in chunks),
        **{k: (v(linker) if callable(v) else v) for k, v in extra.items()},
    ))
