"""View data: the typed records templates draw, and the pieces every page kind builds them from.

Every page is a `Page`: an output path, a template name and plain view data.
Rendering it is a pure function of that page, so pages can be rendered in any
order, in parallel, or only when their data changed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermIndex
from generator.interface import InterfaceText
from generator.language import text_language
from generator.model import Briefing, PartialDate
from generator.previews import ArticleFacts, MetaTag, preview_tags
from generator.urls import ICON, SECTIONS, STYLESHEET, Linker, briefing_path, file_path, json_feed_path, \
    listing_page_path, pretty_path, term_path


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
class FeedLink:
    """A feed of the page's briefings: the Atom feed at `href`, the same entries as JSON Feed at `json_href`."""

    label: str
    href: str
    json_href: str


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
    feeds: tuple[FeedLink, ...] = ()
    kind: str = "page"
    previews: tuple[MetaTag, ...] = ()
    """OpenGraph and Twitter card tags."""


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it and the data it draws."""

    path: str
    template: str
    context: Mapping[str, Any] = field(hash=False)
    data: bytes | None = None
    """The file's bytes, made without a template (JSON and CSV); `template` is then ''."""


@dataclass(frozen=True)
class PageSpec:
    """A page the site will have: its path, a key naming exactly the data it shows, and how to build it.

    Two builds that give a page equal keys (and equal templates, settings, interface text and
    vocabulary) draw it with equal bytes, so the build only calls `build` for
    pages whose key changed. A key holds plain values: strings, numbers, tuples.
    """

    path: str
    key: tuple
    build: Callable[[], "Page | bytes"] = field(compare=False)


class FullKey(str):
    """A briefing's `full` facet: a string that says whose it is, so that the build can find, in a
    page's key, which briefings the page shows whole (see full_readers). Keys hold it as it is."""

    __slots__ = ()

    @property
    def slug(self) -> str:
        return self.partition("\x1f")[0]


def full_key(slug: str, content_hash: str) -> FullKey:
    """The `full` facet of a briefing whose content file's text has this hash."""
    return FullKey(slug + "\x1f" + content_hash)


class FullKeys(Mapping[str, FullKey]):
    """Every briefing's `full` facet by slug, made from its content hash when asked for: a rebuild of
    bodies alone asks for a few of a whole digest's."""

    def __init__(self, content_hashes: Mapping[str, str]):
        self._hashes = content_hashes

    def __getitem__(self, slug: str) -> FullKey:
        return full_key(slug, self._hashes[slug])

    def __iter__(self) -> Iterator[str]:
        return iter(self._hashes)

    def __len__(self) -> int:
        return len(self._hashes)


def full_readers(key: Any) -> set[str]:
    """The slugs of the briefings a page's key holds whole (their `full` facets)."""
    found: set[str] = set()
    stack = [key]
    while stack:
        value = stack.pop()
        if type(value) is FullKey:
            found.add(value.slug)
        elif isinstance(value, (tuple, list, frozenset, set)):
            stack.extend(v for v in value if not isinstance(v, (int, float)) and (type(v) is not str))
        elif isinstance(value, dict):
            stack.extend(value.values())
    return found


@dataclass(frozen=True)
class Facets:
    """What pages show of each briefing, as keys: a changed key means a changed page.

    `card` covers what a card shows (slug, title, date, city, theme, summary);
    `record` covers every field but the body (what the exports, editions and emails show);
    `full` covers everything (slug and the content file's text): a page key holds these values as they
    are (a FullKey), so that a rebuild after an edit of bodies alone finds the pages to render again;
    `chinese` names the briefings whose file has Chinese characters, the pages of the Chinese search
    index on a site in another language."""

    card: Mapping[str, str]
    record: Mapping[str, str]
    full: Mapping[str, str]
    chinese: frozenset[str] = frozenset()
    made_from: Mapping[str, Briefing] = field(default_factory=dict, compare=False, repr=False)
    """The briefing each slug's keys were made from: the build cache keeps them with the briefings,
    so the next build reuses the keys of every briefing it reuses (the very same object)."""

    @classmethod
    def of(cls, briefings: Iterable[Briefing], content_hashes: Mapping[str, str],
           previous: "Facets | None" = None, chinese: Iterable[str] = ()) -> "Facets":
        """Keys for every briefing, from its fields and its content file's hash (by slug); `chinese` are
        the slugs of briefings with Chinese text."""
        card, record, full, made_from = {}, {}, {}, {}
        known = previous.made_from if previous is not None else {}
        for b in briefings:
            made_from[b.slug] = b
            full[b.slug] = full_key(b.slug, content_hashes[b.slug])
            if known.get(b.slug) is b:
                card[b.slug], record[b.slug] = previous.card[b.slug], previous.record[b.slug]
                continue
            # Short hashes rather than the text itself: page keys name many cards, and are hashed every build.
            shown = "\x1f".join((b.slug, b.title, date_iso(b.date), b.city, b.theme, b.summary)).encode("utf-8")
            card[b.slug] = hashlib.blake2b(shown, digest_size=12).hexdigest()
            # Every field by name, so a field added to Briefing is covered without a change here.
            fields = repr(tuple(getattr(b, name) for name in _RECORD_FIELDS)).encode("utf-8")
            record[b.slug] = hashlib.blake2b(fields, digest_size=12).hexdigest()
        return cls(card, record, full, frozenset(chinese), made_from)

    def cards(self, slugs: Iterable[str]) -> tuple[str, ...]:
        """The card keys of these briefings, in order."""
        return tuple(self.card[s] for s in slugs)

    def records(self, slugs: Iterable[str]) -> tuple[str, ...]:
        """The record keys of these briefings, in order."""
        return tuple(self.record[s] for s in slugs)


# Bodies stay on disk until a page renders them; `full` covers them through the file's hash.
_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Briefing) if f.name != "body")


# Memo entries made from the briefings' fields alone (and their own key): the comparison and its
# leaders, city profiles, editions. A rebuild in which no briefing's fields changed takes them over.
_BRIEFING_VIEWS = ("matrix", "leaders", "profile", "editions")


def briefing_views(memo: Mapping) -> dict:
    """The memo entries a later build may take over (see same_briefings), as fresh copies: a cached
    property (a lookup table of the comparison or the editions) is made again rather than stored."""
    return {key: dataclasses.replace(value) if dataclasses.is_dataclass(value) else value
            for key, value in memo.items() if (key[0] if isinstance(key, tuple) else key) in _BRIEFING_VIEWS}


def same_briefings(before: Mapping[str, Briefing], now: Mapping[str, Briefing]) -> bool:
    """Whether two builds have the same briefings with the same fields (bodies aside), by slug."""
    return len(before) == len(now) and all(before.get(slug) is b or before.get(slug) == b for slug, b in now.items())


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


def section_links(linker: Linker, text: InterfaceText, current: str = "") -> tuple[Link, ...]:
    """The navigation's sections, labelled in the site's language; `current` marks one."""
    return tuple(Link(text.label(f"nav.{name}"), linker.to(target), current=(name == current))
                 for name, target in SECTIONS)


def page_meta(linker: Linker, config: SiteConfig, text: InterfaceText, title: str, section: str,
              description: str = "", feeds: tuple[tuple[str, str], ...] = (), kind: str = "page",
              article: ArticleFacts | None = None, language: str = "") -> PageMeta:
    """The base layout's data for the page `linker` links from; `section` marks the current nav entry.

    `article` and `language` (of the page's text, when not the site's) go into its link preview."""
    nav = section_links(linker, text, section)
    description = description or config.description
    canonical = linker.url(pretty_path(linker.from_path))
    return PageMeta(
        title=title,
        description=description,
        canonical=canonical,
        stylesheet=linker.to(STYLESHEET),
        icon=linker.to(ICON),
        home=linker.to(""),
        search=linker.to("search/"),
        nav=nav,
        feeds=tuple(FeedLink(label, linker.to(target), linker.to(json_feed_path(target)))
                    for label, target in feeds),
        kind=kind,
        previews=preview_tags(title, description, canonical, config.title, language or config.language, article),
    )


def page_context(config: SiteConfig, meta: PageMeta, text: InterfaceText, **data: Any) -> dict[str, Any]:
    """What an HTML template receives: the settings as `site`, the layout's data as `page`, the
    interface text as `text`, then its own."""
    return {"site": config, "page": meta, "text": text, **data}


def term_label(text: InterfaceText, kind: str, name: str) -> str:
    """A term's name as pages show it: a city's in the site's language, a theme's or tag's as the vocabulary has it."""
    return text.city(name) if kind == "cities" else name


def term_link(linker: Linker, text: InterfaceText, kind: str, index: TermIndex, name: str,
              counted: bool = False) -> Link:
    """A link to a theme's, tag's or city's page; `counted` adds the term's number of briefings.

    Counted only where a page shows the count (term indexes, the comparison): a count
    carried by every mention would make one new briefing change every page that
    mentions its city, and the page's key would have to name it."""
    entry = index.get(name)
    return Link(term_label(text, kind, name), linker.to(term_path(kind, entry.slug)),
                len(entry.briefings) if counted else 0)


def make_card(linker: Linker, text: InterfaceText, index: SiteIndex, briefing: Briefing) -> Card:
    """A briefing's card as seen from the page `linker` links from.

    Pages at the same depth see the same card, so a card is made once and kept for the next page
    that shows it, up to CARDS_KEPT cards: a large site's cards at every depth would otherwise
    fill each rendering process's memory."""
    cards = index.memo.get("cards")
    if cards is None or len(cards) >= CARDS_KEPT:
        cards = index.memo["cards"] = {}
    key = (linker.prefix, text.language, briefing.slug)
    card = cards.get(key)
    if card is None or card[0] is not briefing:
        card = cards[key] = (briefing, _card(linker, text, index, briefing))
    return card[1]


# Pages are rendered in listing order, so the cards a page shows were mostly made for the pages just before it.
CARDS_KEPT = 20_000


def _card(linker: Linker, text: InterfaceText, index: SiteIndex, briefing: Briefing) -> Card:
    return Card(
        title=briefing.title,
        href=linker.to(briefing_path(briefing.slug)),
        date_iso=date_iso(briefing.date),
        date_display=text.date(briefing.date),
        city=term_link(linker, text, "cities", index.cities, briefing.city),
        theme=term_link(linker, text, "themes", index.themes, briefing.theme),
        summary=briefing.summary,
        lang=text_language(briefing, linker.config.language),
    )


def date_iso(date: PartialDate | None) -> str:
    """A briefing's date for a datetime attribute; '' when undated, so templates write no <time>."""
    return date.iso() if date else ""


def date_view(text: InterfaceText, date: PartialDate | None) -> dict[str, str] | None:
    """A date as templates show it (ISO and for readers), or None."""
    return {"iso": date.iso(), "display": text.date(date)} if date else None


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


def listing_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets, base: str,
                  slugs: tuple[str, ...], template: str, title: str, section: str, description: str = "",
                  feeds: tuple[tuple[str, str], ...] = (), key: tuple = (), first_key: tuple = (),
                  **extra: Any | Callable[[Linker], Any]) -> Iterator[PageSpec]:
    """A paginated list of briefing cards: page 1 at `base`, then base/page/2/ and so on.

    An `extra` value that is callable is called with each page's Linker, for data holding links;
    `key` must name everything the extra values are made from, and `first_key` what only the
    first page shows (a city's profile), so that the other pages keep theirs when it changes."""
    chunks = paginate(slugs, config.per_page)
    for number, chunk in enumerate(chunks, start=1):
        yield PageSpec(
            file_path(listing_page_path(base, number)),
            (template, base, title, section, description, feeds, key, first_key if number == 1 else (),
             number, len(chunks), len(slugs), facets.cards(chunk)),
            functools.partial(listing_page, index, config, text, base, chunks, number, template, title, section,
                              description, feeds, extra))


def listing_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, base: str,
                 chunks: list[tuple[str, ...]], number: int, template: str, title: str, section: str,
                 description: str, feeds: tuple[tuple[str, str], ...], extra: Mapping[str, Any]) -> Page:
    """Page `number` (from 1) of a listing split into `chunks`."""
    path = file_path(listing_page_path(base, number))
    linker = Linker(path, config)
    page_title = title if number == 1 else text.label("listing.page_title", title=title, page=number,
                                                      pages=len(chunks))
    meta = page_meta(linker, config, text, page_title, section, description, feeds, kind="listing")
    return Page(path, template, page_context(
        config, meta, text,
        cards=tuple(make_card(linker, text, index, index.by_slug[s]) for s in chunks[number - 1]),
        pagination=pagination(linker, base, number, len(chunks)),
        total=sum(len(c) for c in chunks),
        **{k: (v(linker) if callable(v) else v) for k, v in extra.items()},
    ))
