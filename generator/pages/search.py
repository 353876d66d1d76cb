"""The search page: a form with every city, theme and year to filter by."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator import search
from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.previews import json_script
from generator.urls import Linker, file_path
from generator.views import Facets, Page, PageSpec, page_context, page_meta, section_links, term_label


@dataclass(frozen=True)
class SearchFilter:
    """One menu of the form: its field name (a data-pagefind-filter key of briefing.html), label, the
    label of its empty choice, and the values to choose from."""

    name: str
    label: str
    any: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class SearchForm:
    """What the search page's script needs: where to send the form, the script itself, the shards of
    both indexes, the filters and orders, and what it says."""

    action: str
    script: str
    indexes: tuple[str, ...]
    """Links to the folders of the shards of the index for queries in Latin letters; the script
    imports the first one's pagefind.js and adds the others to it."""
    cjk_indexes: tuple[str, ...]
    """The same for queries with Chinese characters."""
    filters: tuple[SearchFilter, ...]
    sorts: tuple[tuple[str, str], ...]
    """(value, label) of each order; the script knows the values."""
    messages: str
    """What the script says, in the site's language: a JSON data block, read and never run."""


def search_spec(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> PageSpec:
    """The search page shows every city, theme and year as a filter, and links every shard of the indexes."""
    plan = search.plan_search(config.language, (b.slug for b in index.briefings), facets.chinese,
                              config.search_shard_size)
    key = (tuple(e.name for e in index.cities.entries), tuple(e.name for e in index.themes.entries),
           tuple(y.year for y in index.timeline), plan.folders)
    return PageSpec(file_path("search/"), ("search", key),
                    functools.partial(render_search_page, index, config, text, plan))


def render_search_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, plan: search.SearchPlan) -> Page:
    """The search page: a form with every city, theme and year to filter by, run by search.SCRIPT.

    It needs JavaScript and a web server, and says so with links to browse instead.
    Filter names are the data-pagefind-filter keys of briefing.html.
    """
    path = file_path("search/")
    linker = Linker(path, config)
    title = text.label("search.title")
    meta = page_meta(linker, config, text, title, "search", text.label("search.description"), kind="search")
    browse = section_links(linker, text)[1:]
    form = SearchForm(
        action=linker.to("search/"),
        script=linker.to(search.SCRIPT),
        indexes=tuple(f"{linker.prefix}{shard.folder}/" for shard in plan.words),
        cjk_indexes=tuple(f"{linker.prefix}{shard.folder}/" for shard in plan.chinese),
        # Options read as the briefing pages show the names, which are the values Pagefind filters by.
        filters=(
            SearchFilter("city", text.label("search.city"), text.label("search.any_city"),
                         tuple(term_label(text, "cities", e.name) for e in index.cities.entries)),
            SearchFilter("theme", text.label("search.theme"), text.label("search.any_theme"),
                         tuple(e.name for e in index.themes.entries)),
            SearchFilter("year", text.label("search.year"), text.label("search.any_year"),
                         tuple(str(y.year) for y in index.timeline)),
        ),
        sorts=tuple((value, text.label(key)) for value, key in search.SORTS),
        messages=json_script(text.group("search.status")),
    )
    return Page(path, "search.html", page_context(config, meta, text, heading=title, browse=browse, search=form))
