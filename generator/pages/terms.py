"""Theme, tag and city pages, and the index page of each kind."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermEntry, TermIndex
from generator.interface import InterfaceText
from generator.pages.compare import theme_leader_links
from generator.urls import Linker, file_path, term_path
from generator.views import Link, Page, listing_pages, page_context, page_meta, term_label, term_link

# Each kind with the key of its singular name in the interface text; its plural is terms.<kind>.
TERM_KINDS = {"themes": "term.theme", "tags": "term.tag", "cities": "term.city"}
# Kinds whose pages have an Atom feed of their own.
FEED_KINDS = ("themes", "cities")


def render_term_index_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, kind: str) -> Page:
    """/themes/, /tags/ or /cities/: every term with its count (cities also with their themes)."""
    terms: TermIndex = getattr(index, kind)
    path = file_path(f"{kind}/")
    linker = Linker(path, config)
    plural = text.label(f"terms.{kind}")
    entries = tuple({
        "link": Link(term_label(text, kind, e.name), linker.to(term_path(kind, e.slug)), len(e.briefings)),
        "description": e.description,
        "themes": tuple(term_link(linker, text, "themes", index.themes, t) for t in e.themes),
    } for e in terms.entries)
    meta = page_meta(linker, config, text, plural, kind,
                     text.label("terms.description", kind=plural, site=config.title))
    return Page(path, "terms.html", page_context(config, meta, text, heading=plural, kind=kind,
                                                 singular=text.label(TERM_KINDS[kind]), entries=entries))


def render_term_pages(index: SiteIndex, config: SiteConfig, text: InterfaceText, kind: str,
                      entry: TermEntry) -> Iterator[Page]:
    """One theme, tag or city: its briefings newest first, paginated; a feed link for themes and cities."""
    base = term_path(kind, entry.slug)
    name = term_label(text, kind, entry.name)
    feeds = ((text.label("feeds.term", name=name), base + "feed.xml"),) if kind in FEED_KINDS else ()
    description = entry.description or text.label(f"term.description.{kind}", name=name)

    def themes(linker: Linker) -> tuple[Link, ...]:
        return tuple(term_link(linker, text, "themes", index.themes, t) for t in entry.themes)

    def leaders(linker: Linker) -> tuple[Link, ...]:
        return theme_leader_links(index, linker, text, entry.name) if kind == "themes" else ()

    # A city named in the site's language keeps its usual English name beside the heading.
    yield from listing_pages(index, config, text, base, entry.briefings, "term.html", title=name,
                             section=kind, description=description, feeds=feeds,
                             kind=kind, singular=text.label(TERM_KINDS[kind]), term_description=entry.description,
                             themes=themes, leaders=leaders, other_name=entry.name if name != entry.name else "")
