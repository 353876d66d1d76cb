"""Theme, tag and city pages, and the index page of each kind."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermEntry, TermIndex
from generator.pages.compare import theme_leader_links
from generator.urls import Linker, file_path, term_path
from generator.views import Link, Page, listing_pages, page_context, page_meta, term_link

TERM_KINDS = {"themes": ("Theme", "Themes"), "tags": ("Tag", "Tags"), "cities": ("City", "Cities")}
# Kinds whose pages have an Atom feed of their own.
FEED_KINDS = ("themes", "cities")


def render_term_index_page(index: SiteIndex, config: SiteConfig, kind: str) -> Page:
    """/themes/, /tags/ or /cities/: every term with its count (cities also with their themes)."""
    terms: TermIndex = getattr(index, kind)
    path = file_path(f"{kind}/")
    linker = Linker(path, config)
    singular, plural = TERM_KINDS[kind]
    entries = tuple({
        "link": Link(e.name, linker.to(term_path(kind, e.slug)), len(e.briefings)),
        "description": e.description,
        "themes": tuple(term_link(linker, "themes", index.themes, t) for t in e.themes),
    } for e in terms.entries)
    meta = page_meta(linker, config, plural, kind, f"{plural} of {config.title}, with how many briefings each has.")
    return Page(path, "terms.html", page_context(config, meta, heading=plural, kind=kind, singular=singular,
                                                 entries=entries))


def render_term_pages(index: SiteIndex, config: SiteConfig, kind: str, entry: TermEntry) -> Iterator[Page]:
    """One theme, tag or city: its briefings newest first, paginated; a feed link for themes and cities."""
    singular, _ = TERM_KINDS[kind]
    base = term_path(kind, entry.slug)
    feeds = ((f"{entry.name} briefings", base + "feed.xml"),) if kind in FEED_KINDS else ()
    description = entry.description or f"Briefings filed under the {singular.lower()} {entry.name}."

    def themes(linker: Linker) -> tuple[Link, ...]:
        return tuple(term_link(linker, "themes", index.themes, t) for t in entry.themes)

    def leaders(linker: Linker) -> tuple[Link, ...]:
        return theme_leader_links(index, linker, entry.name) if kind == "themes" else ()

    yield from listing_pages(index, config, base, entry.briefings, "term.html", title=entry.name,
                             section=kind, description=description, feeds=feeds,
                             kind=kind, singular=singular, term_description=entry.description, themes=themes,
                             leaders=leaders)
