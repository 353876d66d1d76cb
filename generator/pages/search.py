"""The search page: a form with every city, theme and year to filter by."""

from __future__ import annotations

from generator import search
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.previews import json_script
from generator.urls import Linker, file_path
from generator.views import Page, page_context, page_meta, section_links, term_label


def render_search_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """The search page: a form with every city, theme and year to filter by, run by search.SCRIPT.

    It needs JavaScript and a web server, and says so with links to browse instead.
    Filter names are the data-pagefind-filter keys of briefing.html.
    """
    path = file_path("search/")
    linker = Linker(path, config)
    title = text.label("search.title")
    meta = page_meta(linker, config, text, title, "search", text.label("search.description"), kind="search")
    browse = section_links(linker, text)[1:]
    word_folder, cjk_folder = search.index_folders(config.language)
    form = {
        "action": linker.to("search/"),
        "script": linker.to(search.SCRIPT),
        "index": linker.to(f"{word_folder}/{search.MODULE}"),
        "cjk_index": linker.to(f"{cjk_folder}/{search.MODULE}"),
        # Options read as the briefing pages show the names, which are the values Pagefind filters by.
        "filters": (
            {"name": "city", "label": text.label("search.city"), "any": text.label("search.any_city"),
             "options": tuple(term_label(text, "cities", e.name) for e in index.cities.entries)},
            {"name": "theme", "label": text.label("search.theme"), "any": text.label("search.any_theme"),
             "options": tuple(e.name for e in index.themes.entries)},
            {"name": "year", "label": text.label("search.year"), "any": text.label("search.any_year"),
             "options": tuple(str(y.year) for y in index.timeline)},
        ),
        "sorts": tuple((value, text.label(key)) for value, key in search.SORTS),
        # What the script says, in the site's language; read from a JSON data block, never run.
        "messages": json_script(text.group("search.status")),
    }
    return Page(path, "search.html", page_context(config, meta, text, heading=title, browse=browse, search=form))
