"""The search page: a form with every city, theme and year to filter by."""

from __future__ import annotations

from generator import search
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.urls import SECTIONS, Linker, file_path
from generator.views import Link, Page, page_context, page_meta


def render_search_page(index: SiteIndex, config: SiteConfig) -> Page:
    """The search page: a form with every city, theme and year to filter by, run by search.SCRIPT.

    It needs JavaScript and a web server, and says so with links to browse instead.
    Filter names are the data-pagefind-filter keys of briefing.html.
    """
    path = file_path("search/")
    linker = Linker(path, config)
    meta = page_meta(linker, config, "Search", "search", "Search every briefing.", kind="search")
    browse = tuple(Link(label, linker.to(target)) for name, label, target in SECTIONS if name != "home")
    form = {
        "action": linker.to("search/"),
        "script": linker.to(search.SCRIPT),
        "index": linker.to(f"{search.INDEX_FOLDER}/{search.MODULE}"),
        "cjk_index": linker.to(f"{search.CJK_INDEX_FOLDER}/{search.MODULE}"),
        "filters": (
            {"name": "city", "label": "City", "any": "Any city",
             "options": tuple(e.name for e in index.cities.entries)},
            {"name": "theme", "label": "Theme", "any": "Any theme",
             "options": tuple(e.name for e in index.themes.entries)},
            {"name": "year", "label": "Year", "any": "Any year",
             "options": tuple(str(y.year) for y in index.timeline)},
        ),
        "sorts": search.SORTS,
    }
    return Page(path, "search.html", page_context(config, meta, heading="Search", browse=browse, search=form))
