"""Page kinds: one module per kind, each with a function that builds that kind's view data.

`plan_site` lists every page of the site; a new page kind adds its module here.
"""

from __future__ import annotations

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.pages.briefing import render_briefing_page
from generator.pages.cities import render_cities_index_pages, render_city_pages
from generator.pages.compare import render_city_theme_pages, render_compare_page
from generator.pages.editions import render_edition_pages, render_editions_feeds, render_editions_index_page
from generator.pages.exports import render_exports
from generator.pages.feeds import render_feeds
from generator.pages.home import render_home_pages
from generator.pages.not_found import render_not_found_page
from generator.pages.search import render_search_page
from generator.pages.sitemap import render_robots, render_sitemap
from generator.pages.terms import render_term_index_page, render_term_pages
from generator.pages.timeline import render_timeline_page
from generator.views import Page


def plan_site(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> list[Page]:
    """Every page of the site, in a stable order, with the interface text of the site's language."""
    pages: list[Page] = []
    pages.extend(render_home_pages(index, config, text))
    pages.extend(render_briefing_page(index, config, text, b) for b in index.briefings)
    for kind in ("themes", "tags"):
        pages.append(render_term_index_page(index, config, text, kind))
        for entry in getattr(index, kind).entries:
            pages.extend(render_term_pages(index, config, text, kind, entry))
    # Cities have an index in two orders and a profile on each city's page.
    pages.extend(render_cities_index_pages(index, config, text))
    for entry in index.cities.entries:
        pages.extend(render_city_pages(index, config, text, entry))
    pages.append(render_compare_page(index, config, text))
    pages.extend(render_city_theme_pages(index, config, text))
    pages.append(render_timeline_page(index, config, text))
    pages.append(render_editions_index_page(index, config, text))
    pages.extend(render_edition_pages(index, config, text))
    pages.append(render_search_page(index, config, text))
    pages.append(render_not_found_page(index, config, text))
    pages.extend(render_feeds(index, config, text))
    pages.extend(render_editions_feeds(index, config, text))
    pages.extend(render_exports(index, config))
    pages.append(render_sitemap(pages, config, index))
    pages.append(render_robots(config))
    return pages
