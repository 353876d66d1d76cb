"""Theme and tag pages, and the index page of each kind (cities have pages of their own, cities.py)."""

from __future__ import annotations

import functools
from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermEntry, TermIndex
from generator.interface import InterfaceText
from generator.pages.compare import cell_link, theme_leader_cells
from generator.urls import Linker, file_path, term_path
from generator.views import Facets, Link, Page, PageSpec, listing_specs, page_context, page_meta, term_label, \
    term_link

# Each kind with the key of its singular name in the interface text; its plural is terms.<kind>.
TERM_KINDS = {"themes": "term.theme", "tags": "term.tag", "cities": "term.city"}
# Kinds listed by this module; cities have a profile and two orders of their index (pages/cities.py).
LISTED_KINDS = ("themes", "tags")
# Kinds whose pages have an Atom feed of their own.
FEED_KINDS = ("themes", "cities")


def term_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """Each kind's index page, then each term's paginated listing."""
    for kind in LISTED_KINDS:
        entries = getattr(index, kind).entries
        yield PageSpec(file_path(f"{kind}/"),
                       ("terms", kind, tuple((e.name, e.slug, e.description, len(e.briefings), e.themes)
                                             for e in entries)),
                       functools.partial(render_term_index_page, index, config, text, kind))
        for entry in entries:
            yield from term_page_specs(index, config, text, facets, kind, entry)


def render_term_index_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, kind: str) -> Page:
    """/themes/ or /tags/: every term with its count."""
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
    return Page(path, "terms.html", page_context(config, meta, text, heading=plural, entries=entries))


def term_page_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets, kind: str,
                    entry: TermEntry) -> Iterator[PageSpec]:
    """One theme or tag: its briefings newest first, paginated; a theme also has a feed and the cities
    leading on it, each with its count."""
    base = term_path(kind, entry.slug)
    name = term_label(text, kind, entry.name)
    feeds = ((text.label("feeds.term", name=name), base + "feed.xml"),) if kind in FEED_KINDS else ()
    description = entry.description or text.label(f"term.description.{kind}", name=name)
    leaders = theme_leader_cells(index, entry.name) if kind == "themes" else ()

    def themes(linker: Linker) -> tuple[Link, ...]:
        return tuple(term_link(linker, text, "themes", index.themes, t) for t in entry.themes)

    def leader_links(linker: Linker) -> tuple[Link, ...]:
        return tuple(cell_link(linker, index, cell, text.city(cell.city)) for cell in leaders)

    # A term named in the site's language keeps its usual English name beside the heading.
    yield from listing_specs(index, config, text, facets, base, entry.briefings, "term.html", title=name,
                             section=kind, description=description, feeds=feeds,
                             key=(kind, entry.themes, tuple((c.city, c.count) for c in leaders)),
                             heading=name, singular=text.label(TERM_KINDS[kind]),
                             term_description=entry.description, themes=themes, leaders=leader_links,
                             other_name=entry.name if name != entry.name else "")
