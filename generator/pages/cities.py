"""The cities index, sortable by name or by count without scripts, and each city's page led by its profile."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

from generator.charts import Chart, Item, bar_chart, column_chart
from generator.config import SiteConfig
from generator.indexes import SiteIndex, TermEntry
from generator.interface import InterfaceText
from generator.pages.compare import COMPARE, cell_link, city_row_anchor
from generator.profiles import CityProfile, city_profile
from generator.urls import Linker, file_path, term_path
from generator.views import Facets, Link, Page, PageSpec, listing_specs, page_context, page_meta, term_link

# (order, site path, key of its title): the two orders of the cities index, each a page of its own.
CITY_ORDERS = (("name", "cities/", "cities.title"), ("count", "cities-by-count/", "cities.by_count_title"))


@dataclass(frozen=True)
class CityRow:
    """A city in the index: a link to its page (with its count) and to its leading theme's listing."""

    city: Link
    leading_theme: Link


@dataclass(frozen=True)
class ProfileView:
    """A city page's profile: charts with their tables, companion cities and frequent tags."""

    leading_theme: Link
    by_theme: Chart
    """Bars link to the city's listing for each theme."""
    by_year: Chart | None
    """None when none of the city's briefings is dated: an empty chart would say nothing."""
    undated: int
    """Briefings with no date, which no year's bar counts; the page says how many."""
    companions: tuple[Link, ...]
    """Other cities, each with the number of briefings it shares with this one (not its own total)."""
    tags: tuple[Link, ...]
    """Tags, each with the number of this city's briefings that carry it (not the tag's total)."""
    compare: str
    """The city's row in the comparison table."""


def profile_of(index: SiteIndex, entry: TermEntry) -> CityProfile:
    """The profile of a city of the index, made once per index (its key and its page both read it)."""
    key = ("profile", entry.name)
    profile = index.memo.get(key)
    if profile is None:
        profile = index.memo[key] = city_profile(entry.name, [index.by_slug[s] for s in entry.briefings])
    return profile


def profile_key(profile: CityProfile) -> tuple:
    """Everything a profile shows: counts by theme and year, companions and tags (names give the slugs)."""
    return (tuple((c.theme, c.count) for c in profile.by_theme), tuple((y.year, y.count) for y in profile.by_year),
            profile.undated, tuple((c.name, c.count) for c in profile.companions),
            tuple((c.name, c.count) for c in profile.tags))


def cities_index_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText,
                       facets: Facets) -> Iterator[PageSpec]:
    """Both orders of the cities index show each city with its count and its leading theme with its count."""
    profiles = [profile_of(index, e) for e in index.cities.entries]
    key = ("cities", tuple((p.city, p.total, p.leading_theme, p.by_theme[0].count) for p in profiles))
    for order, base, title_key in CITY_ORDERS:
        yield PageSpec(file_path(base), key + (order,),
                       functools.partial(render_cities_index_page, index, config, text, order, base, title_key))


def render_cities_index_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, order: str, base: str,
                             title_key: str) -> Page:
    """/cities/ by name or /cities-by-count/ by number of briefings: each city, its count and leading theme."""
    profiles = [profile_of(index, e) for e in index.cities.entries]
    path = file_path(base)
    linker = Linker(path, config)
    # sorted() is stable, so cities with as many briefings stay in name order.
    ordered = profiles if order == "name" else sorted(profiles, key=lambda p: -p.total)
    rows = tuple(CityRow(term_link(linker, text, "cities", index.cities, p.city, counted=True),
                         cell_link(linker, index, p.by_theme[0], p.leading_theme)) for p in ordered)
    sorts = tuple(Link(text.label(f"cities.order_{name}"), linker.to(target), current=(name == order))
                  for name, target, _ in CITY_ORDERS)
    title = text.label(title_key)
    meta = page_meta(linker, config, text, title, "cities", text.label("cities.description"))
    return Page(path, "cities.html", page_context(config, meta, text, heading=title, rows=rows, order=order,
                                                  sorts=sorts, compare=linker.to(COMPARE)))


def _summary(text: InterfaceText, title: str, items: tuple[Item, ...]) -> str:
    """A chart in one sentence, for screen readers: 'Briefings per year: 2023 4, 2024 1.'"""
    counts = text.label("punctuation.comma").join(text.label("chart.count", label=i.label, count=i.count)
                                                  for i in items if i.count)
    return text.label("chart.summary", title=title, counts=counts)


def profile_view(index: SiteIndex, linker: Linker, text: InterfaceText, profile: CityProfile) -> ProfileView:
    """The profile as the city's first page shows it, with links made from that page."""
    theme_items = tuple(Item(c.theme, c.count, cell_link(linker, index, c, c.theme).href) for c in profile.by_theme)
    year_items = tuple(Item(str(y.year), y.count) for y in profile.by_year)
    themes_title, years_title = text.label("city_page.by_theme"), text.label("city_page.by_year")
    return ProfileView(
        leading_theme=cell_link(linker, index, profile.by_theme[0], profile.leading_theme),
        by_theme=bar_chart(themes_title, _summary(text, themes_title, theme_items), theme_items),
        by_year=(column_chart(years_title, _summary(text, years_title, year_items), year_items)
                 if year_items else None),
        undated=profile.undated,
        companions=tuple(Link(text.city(c.name), linker.to(term_path("cities", index.cities.get(c.name).slug)),
                              c.count) for c in profile.companions),
        tags=tuple(Link(c.name, linker.to(term_path("tags", index.tags.get(c.name).slug)), c.count)
                   for c in profile.tags),
        compare=linker.to(COMPARE) + "#" + city_row_anchor(index, profile.city),
    )


def city_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """Each city: its profile on the first page, then its briefings newest first, paginated, with a feed."""
    for entry in index.cities.entries:
        base = term_path("cities", entry.slug)
        first = file_path(base)
        profile = profile_of(index, entry)
        name = text.city(entry.name)

        def profile_on_first_page(linker: Linker, first: str = first,
                                  profile: CityProfile = profile) -> ProfileView | None:
            return profile_view(index, linker, text, profile) if linker.from_path == first else None

        # A city named in the site's language keeps its usual English name beside the heading.
        yield from listing_specs(index, config, text, facets, base, entry.briefings, "city.html", title=name,
                                 section="cities", description=text.label("city_page.description", city=name),
                                 feeds=((text.label("feeds.term", name=name), base + "feed.xml"),),
                                 first_key=profile_key(profile), heading=name, profile=profile_on_first_page,
                                 other_name=entry.name if name != entry.name else "")
