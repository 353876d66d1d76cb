"""404.html, the page hosts serve at any missing URL."""

from __future__ import annotations

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.urls import Linker
from generator.views import Page, make_card, page_context, page_meta

# How many of the latest briefings the page offers instead.
LATEST = 5


def render_not_found_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """404.html: hosts serve it at any missing URL, so its links start from the base path."""
    linker = Linker("404.html", config, absolute=True)
    title = text.label("not_found.title")
    meta = page_meta(linker, config, text, title, "", text.label("not_found.description"), kind="404")
    latest = tuple(make_card(linker, text, index, b) for b in index.briefings[:LATEST])
    return Page("404.html", "404.html", page_context(config, meta, text, heading=title, cards=latest))
