"""Editions: an index of them, a page per edition with its neighbours, an email-ready file each, and a feed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from markupsafe import Markup

from generator.config import SiteConfig
from generator.editions import Edition, EditionIndex, build_editions
from generator.indexes import SiteIndex
from generator.jsonfeed import FeedItem
from generator.interface import InterfaceText
from generator.language import text_language
from generator.model import Briefing, PartialDate
from generator.pages.feeds import FEED_LIMIT, feed_pages
from generator.previews import preview_tags
from generator.profiles import most_first
from generator.urls import Linker, briefing_path, file_path
from generator.views import Card, Link, Page, make_card, page_context, page_meta, term_link

EDITIONS = "editions/"
EDITIONS_FEED = "editions/feed.xml"
EMAIL = "email.html"
LEFT_OUT_ANCHOR = "left-out"


def edition_path(edition: Edition) -> str:
    """An edition's page, as a folder: 'editions/2023-w26/'."""
    return f"{EDITIONS}{edition.slug}/"


def edition_name(text: InterfaceText, edition: Edition) -> str:
    """'Week 26 of 2023' or 'June 2023'."""
    if edition.length == "week":
        year, week = edition.key.split("-W")
        return text.label("edition.week", week=int(week), year=year)
    return text.label("edition.month", month=text.month(edition.first_day.month), year=edition.first_day.year)


def edition_rule(edition: Edition, length: str) -> str:
    """Which briefings an edition holds, as a key the templates word: 'week', 'month' or 'month-only'.

    'month-only' is a month edition beside weekly ones: it holds the month's briefings known to no day."""
    if edition.length == "week":
        return "week"
    return "month-only" if length == "week" else "month"


@dataclass(frozen=True)
class EditionEntry:
    """An edition as the index lists it: a link with its count, its dates and its kind."""

    link: Link
    dates: str
    kind: str


@dataclass(frozen=True)
class ThemeGroup:
    """An edition's briefings on one theme; `count` is within the edition, the link leads to the whole theme."""

    theme: Link
    count: int
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class EditionView:
    """What an edition's page shows."""

    name: str
    kind: str
    dates: str
    first_day: str
    last_day: str
    count: int
    cities: int
    rule: str
    groups: tuple[ThemeGroup, ...]
    newer: Link | None
    older: Link | None
    email: str
    left_out: int
    left_out_href: str


@dataclass(frozen=True)
class EmailItem:
    """A briefing in an email or a feed entry: absolute links, since neither has a site to be relative to."""

    title: str
    url: str
    date_display: str
    city: str
    theme: str
    summary: str
    lang: str


@dataclass(frozen=True)
class EmailGroup:
    theme: str
    items: tuple[EmailItem, ...]


def _briefings(index: SiteIndex, edition: Edition) -> list[Briefing]:
    return [index.by_slug[s] for s in edition.briefings]


def _by_theme(briefings: list[Briefing]) -> list[tuple[str, list[Briefing]]]:
    """An edition's briefings grouped by theme: most briefings first, then by name; newest first within."""
    groups: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        groups[briefing.theme].append(briefing)
    order = most_first({theme: len(items) for theme, items in groups.items()})
    return [(c.name, groups[c.name]) for c in order]


def _entry(linker: Linker, text: InterfaceText, edition: Edition) -> EditionEntry:
    return EditionEntry(Link(edition_name(text, edition), linker.to(edition_path(edition)), len(edition.briefings)),
                        text.days(edition.first_day, edition.last_day),
                        text.label(f"edition.kind_{edition.length}"))


def render_editions_index_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """/editions/: every edition by year, newest first, and the briefings no edition holds, with why."""
    editions = build_editions(index.briefings, config.edition_length)
    path = file_path(EDITIONS)
    linker = Linker(path, config)
    years: dict[str, list[EditionEntry]] = defaultdict(list)
    for edition in editions.editions:
        years[edition.key[:4]].append(_entry(linker, text, edition))  # the ISO year for a week
    left_out = tuple({"card": make_card(linker, text, index, index.by_slug[item.slug]),
                      "reason": text.label(f"editions.{item.reason}")} for item in editions.left_out)
    title = text.label("editions.title")
    meta = page_meta(linker, config, text, title, "editions", text.label("editions.description"),
                     feeds=((text.label("editions.feed"), EDITIONS_FEED),))
    return Page(path, "editions.html", page_context(
        config, meta, text, heading=title, length=config.edition_length,
        years=tuple({"year": year, "label": text.date(PartialDate(int(year))), "anchor": f"y{year}",
                     "editions": tuple(entries)} for year, entries in years.items()),
        count=len(editions.editions), left_out=left_out, left_out_anchor=LEFT_OUT_ANCHOR))


def render_edition_pages(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Iterator[Page]:
    """Each edition's page and its email-ready file."""
    editions = build_editions(index.briefings, config.edition_length)
    for edition in editions.editions:
        yield render_edition_page(index, config, text, editions, edition)
        yield render_edition_email(index, config, text, edition)


def render_edition_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, editions: EditionIndex,
                        edition: Edition) -> Page:
    """One edition: its briefings by theme, links to the newer and older editions and to its email file."""
    path = file_path(edition_path(edition))
    linker = Linker(path, config)
    briefings = _briefings(index, edition)
    newer, older = editions.neighbours(edition.key)
    name = edition_name(text, edition)
    dates = text.days(edition.first_day, edition.last_day)
    view = EditionView(
        name=name,
        kind=text.label(f"edition.kind_{edition.length}"),
        dates=dates,
        first_day=edition.first_day.isoformat(),
        last_day=edition.last_day.isoformat(),
        count=len(briefings),
        cities=len({c for b in briefings for c in b.cities}),
        rule=edition_rule(edition, editions.length),
        groups=tuple(ThemeGroup(term_link(linker, text, "themes", index.themes, theme), len(items),
                                tuple(make_card(linker, text, index, b) for b in items))
                     for theme, items in _by_theme(briefings)),
        newer=_entry(linker, text, newer).link if newer else None,
        older=_entry(linker, text, older).link if older else None,
        email=linker.to(edition_path(edition) + EMAIL),
        left_out=len(editions.left_out),
        left_out_href=linker.to(EDITIONS) + "#" + LEFT_OUT_ANCHOR,
    )
    description = text.label("edition.description", name=name,
                             briefings=text.plural("count.briefings", len(briefings)), dates=dates)
    meta = page_meta(linker, config, text, name, "editions", description, kind="edition",
                     feeds=((text.label("editions.feed"), EDITIONS_FEED),))
    return Page(path, "edition.html", page_context(config, meta, text, heading=name, edition=view))


def _email_groups(index: SiteIndex, config: SiteConfig, text: InterfaceText,
                  edition: Edition) -> tuple[EmailGroup, ...]:
    linker = Linker(EDITIONS, config)
    return tuple(EmailGroup(theme, tuple(EmailItem(
        title=b.title,
        url=linker.url(briefing_path(b.slug)),
        date_display=text.date(b.date),
        city=text.label("punctuation.comma").join(text.city(c) for c in b.cities),
        theme=b.theme,
        summary=b.summary,
        lang=text_language(b, config.language),
    ) for b in items)) for theme, items in _by_theme(_briefings(index, edition)))


def render_edition_email(index: SiteIndex, config: SiteConfig, text: InterfaceText, edition: Edition) -> Page:
    """An edition as one self-contained HTML file for a mail client: styles inline, no script, no images."""
    path = edition_path(edition) + EMAIL
    linker = Linker(path, config)
    name, dates, web = edition_name(text, edition), text.days(edition.first_day, edition.last_day), \
        linker.url(edition_path(edition))
    description = text.label("edition.description", name=name,
                             briefings=text.plural("count.briefings", len(edition.briefings)), dates=dates)
    view = {
        "name": name,
        "kind": text.label(f"edition.kind_{edition.length}"),
        "dates": dates,
        "count": len(edition.briefings),
        "description": description,
        # A link shared from the file previews as the edition's page, which is also its canonical address.
        "previews": preview_tags(name, description, web, config.title, config.language, None),
        "web": web,
        "editions": linker.url(EDITIONS),
        "home": linker.url(""),
        "groups": _email_groups(index, config, text, edition),
    }
    return Page(path, "edition-email.html", {"site": config, "text": text, "edition": view})


def edition_html(groups: tuple[EmailGroup, ...]) -> str:
    """An edition's briefings by theme as HTML for a feed entry; every value is escaped."""
    return "".join(Markup("<h2>{}</h2><ul>{}</ul>").format(group.theme, Markup("").join(
        Markup('<li><a href="{}">{}</a> ({}, {}): {}</li>').format(
            item.url, item.title, item.date_display, item.city, item.summary) for item in group.items))
        for group in groups)


def render_editions_feeds(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> tuple[Page, Page]:
    """The newest editions as an Atom feed (RFC 4287) and as a JSON Feed; an entry lists an edition's briefings."""
    editions = build_editions(index.briefings, config.edition_length)
    linker = Linker(EDITIONS_FEED, config)
    entries = []
    for edition in editions.editions[:FEED_LIMIT]:
        groups = _email_groups(index, config, text, edition)
        # An edition is complete, and dated, at its last day.
        stamp = f"{edition.last_day.isoformat()}T00:00:00Z"
        themes = text.label("punctuation.comma").join(text.label("chart.count", label=g.theme, count=len(g.items))
                                                      for g in groups)
        entries.append({
            "title": text.label("edition.feed_title", name=edition_name(text, edition),
                                dates=text.days(edition.first_day, edition.last_day)),
            "url": linker.url(edition_path(edition)),
            "updated": stamp,
            "published": stamp,
            "summary": text.label("edition.feed_summary",
                                  briefings=text.plural("count.briefings", len(edition.briefings)), themes=themes),
            "categories": tuple(g.theme for g in groups),
            "content_html": edition_html(groups),
        })
    items = tuple(FeedItem(id=e["url"], url=e["url"], title=e["title"], content_html=e["content_html"],
                           summary=e["summary"], date_published=e["published"], date_modified=e["updated"],
                           tags=e["categories"]) for e in entries)
    return feed_pages(config, EDITIONS_FEED,
                      text.label("feeds.term_title", site=config.title, name=text.label("editions.title")), EDITIONS,
                      tuple(entries), items)
