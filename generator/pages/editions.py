"""Editions: an index of them, a page per edition with its neighbours, an email-ready file each, and a feed."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from markupsafe import Markup

from generator.config import SiteConfig
from generator.editions import UNDATED, YEAR_ONLY, Edition, EditionIndex, build_editions
from generator.indexes import SiteIndex
from generator.jsonfeed import FeedItem
from generator.labels import briefings_label, days_display, label
from generator.language import text_language
from generator.model import Briefing
from generator.pages.feeds import FEED_LIMIT, feed_pages
from generator.previews import preview_tags
from generator.profiles import most_first
from generator.urls import Linker, briefing_path, file_path
from generator.views import Card, Link, Page, date_display, make_card, page_context, page_meta, term_link

EDITIONS = "editions/"
EDITIONS_FEED = "editions/feed.xml"
EMAIL = "email.html"
LEFT_OUT_ANCHOR = "left-out"


def edition_path(edition: Edition) -> str:
    """An edition's page, as a folder: 'editions/2023-w26/'."""
    return f"{EDITIONS}{edition.slug}/"


def edition_name(edition: Edition) -> str:
    """'Week 26 of 2023' or 'June 2023'."""
    if edition.length == "week":
        year, week = edition.key.split("-W")
        return label("edition_week", week=int(week), year=year)
    return label("edition_month", month=calendar.month_name[edition.first_day.month], year=edition.first_day.year)


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


def _entry(linker: Linker, edition: Edition) -> EditionEntry:
    return EditionEntry(Link(edition_name(edition), linker.to(edition_path(edition)), len(edition.briefings)),
                        days_display(edition.first_day, edition.last_day),
                        label(f"edition_kind_{edition.length}"))


def render_editions_index_page(index: SiteIndex, config: SiteConfig) -> Page:
    """/editions/: every edition by year, newest first, and the briefings no edition holds, with why."""
    editions = build_editions(index.briefings, config.edition_length)
    path = file_path(EDITIONS)
    linker = Linker(path, config)
    years: dict[str, list[EditionEntry]] = defaultdict(list)
    for edition in editions.editions:
        years[edition.key[:4]].append(_entry(linker, edition))  # the ISO year for a week
    left_out = tuple({"card": make_card(linker, index, index.by_slug[item.slug]),
                      "reason": label(f"left_out_{item.reason}")} for item in editions.left_out)
    # How many for each reason, so the page says why as well as how many.
    reasons = [item.reason for item in editions.left_out]
    left_out_why = tuple({"count": reasons.count(r), "reason": label(f"left_out_{r}")}
                         for r in (YEAR_ONLY, UNDATED) if r in reasons)
    title = label("editions_title")
    meta = page_meta(linker, config, title, "editions", label("editions_description"),
                     feeds=((label("editions_feed"), EDITIONS_FEED),))
    return Page(path, "editions.html", page_context(
        config, meta, heading=title, length=config.edition_length,
        years=tuple({"year": year, "anchor": f"y{year}", "editions": tuple(entries)}
                    for year, entries in years.items()),
        count=len(editions.editions), left_out=left_out, left_out_why=left_out_why, left_out_anchor=LEFT_OUT_ANCHOR))


def render_edition_pages(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """Each edition's page and its email-ready file."""
    editions = build_editions(index.briefings, config.edition_length)
    for edition in editions.editions:
        yield render_edition_page(index, config, editions, edition)
        yield render_edition_email(index, config, edition)


def render_edition_page(index: SiteIndex, config: SiteConfig, editions: EditionIndex, edition: Edition) -> Page:
    """One edition: its briefings by theme, links to the newer and older editions and to its email file."""
    path = file_path(edition_path(edition))
    linker = Linker(path, config)
    briefings = _briefings(index, edition)
    newer, older = editions.neighbours(edition.key)
    name = edition_name(edition)
    dates = days_display(edition.first_day, edition.last_day)
    view = EditionView(
        name=name,
        kind=label(f"edition_kind_{edition.length}"),
        dates=dates,
        first_day=edition.first_day.isoformat(),
        last_day=edition.last_day.isoformat(),
        count=len(briefings),
        cities=len({c for b in briefings for c in b.cities}),
        rule=edition_rule(edition, editions.length),
        groups=tuple(ThemeGroup(term_link(linker, "themes", index.themes, theme), len(items),
                                tuple(make_card(linker, index, b) for b in items))
                     for theme, items in _by_theme(briefings)),
        newer=_entry(linker, newer).link if newer else None,
        older=_entry(linker, older).link if older else None,
        email=linker.to(edition_path(edition) + EMAIL),
        left_out=len(editions.left_out),
        left_out_href=linker.to(EDITIONS) + "#" + LEFT_OUT_ANCHOR,
    )
    description = label("edition_description", name=name, briefings=briefings_label(len(briefings)), dates=dates)
    meta = page_meta(linker, config, name, "editions", description, kind="edition",
                     feeds=((label("editions_feed"), EDITIONS_FEED),))
    return Page(path, "edition.html", page_context(config, meta, heading=name, edition=view))


def _email_groups(index: SiteIndex, config: SiteConfig, edition: Edition) -> tuple[EmailGroup, ...]:
    linker = Linker(EDITIONS, config)
    return tuple(EmailGroup(theme, tuple(EmailItem(
        title=b.title,
        url=linker.url(briefing_path(b.slug)),
        date_display=date_display(b.date),
        city=", ".join(b.cities),
        theme=b.theme,
        summary=b.summary,
        lang=text_language(b, config.language),
    ) for b in items)) for theme, items in _by_theme(_briefings(index, edition)))


def render_edition_email(index: SiteIndex, config: SiteConfig, edition: Edition) -> Page:
    """An edition as one self-contained HTML file for a mail client: styles inline, no script, no images."""
    path = edition_path(edition) + EMAIL
    linker = Linker(path, config)
    name, dates, web = edition_name(edition), days_display(edition.first_day, edition.last_day), \
        linker.url(edition_path(edition))
    description = label("edition_description", name=name, briefings=briefings_label(len(edition.briefings)),
                        dates=dates)
    view = {
        "name": name,
        "kind": label(f"edition_kind_{edition.length}"),
        "dates": dates,
        "count": len(edition.briefings),
        "description": description,
        # A link shared from the file previews as the edition's page, which is also its canonical address.
        "previews": preview_tags(name, description, web, config.title, config.language, None),
        "web": web,
        "editions": linker.url(EDITIONS),
        "home": linker.url(""),
        "groups": _email_groups(index, config, edition),
    }
    return Page(path, "edition-email.html", {"site": config, "edition": view})


def edition_html(groups: tuple[EmailGroup, ...]) -> str:
    """An edition's briefings by theme as HTML for a feed entry; every value is escaped."""
    return "".join(Markup("<h2>{}</h2><ul>{}</ul>").format(group.theme, Markup("").join(
        Markup('<li><a href="{}">{}</a> ({}, {}): {}</li>').format(
            item.url, item.title, item.date_display, item.city, item.summary) for item in group.items))
        for group in groups)


def render_editions_feeds(index: SiteIndex, config: SiteConfig) -> tuple[Page, Page]:
    """The newest editions as an Atom feed (RFC 4287) and as a JSON Feed; an entry lists an edition's briefings."""
    editions = build_editions(index.briefings, config.edition_length)
    linker = Linker(EDITIONS_FEED, config)
    entries = []
    for edition in editions.editions[:FEED_LIMIT]:
        groups = _email_groups(index, config, edition)
        # An edition is complete, and dated, at its last day.
        stamp = f"{edition.last_day.isoformat()}T00:00:00Z"
        themes = ", ".join(label("chart_count", label=g.theme, count=len(g.items)) for g in groups)
        entries.append({
            "title": f"{edition_name(edition)} ({days_display(edition.first_day, edition.last_day)})",
            "url": linker.url(edition_path(edition)),
            "updated": stamp,
            "published": stamp,
            "summary": label("edition_feed_summary", briefings=briefings_label(len(edition.briefings)),
                             themes=themes),
            "categories": tuple(g.theme for g in groups),
            "content_html": edition_html(groups),
        })
    items = tuple(FeedItem(id=e["url"], url=e["url"], title=e["title"], content_html=e["content_html"],
                           summary=e["summary"], date_published=e["published"], date_modified=e["updated"],
                           tags=e["categories"]) for e in entries)
    return feed_pages(config, EDITIONS_FEED, f"{config.title}: {label('editions_title')}", EDITIONS,
                      tuple(entries), items)
