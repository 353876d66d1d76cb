"""The comparison of cities and themes: a table of counts, and a listing behind every non-empty cell."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.profiles import CityThemeCell, CityThemeMatrix, city_theme_matrix, leading
from generator.urls import Linker, file_path
from generator.views import Facets, Link, Page, PageSpec, listing_specs, page_context, page_meta, term_link

COMPARE = "compare/"
# Shades of a cell, from lightest (fewest briefings) to darkest; the stylesheet has one class for each.
SHADES = 4


def matrix_of(index: SiteIndex) -> CityThemeMatrix:
    """The comparison of the index's briefings, made once per index (the table, its cells' listings
    and the city pages all read it)."""
    matrix = index.memo.get("matrix")
    if matrix is None:
        matrix = index.memo["matrix"] = city_theme_matrix(index.briefings)
    return matrix


def city_theme_path(index: SiteIndex, city: str, theme: str) -> str:
    """The listing of one city's briefings on one theme, as a folder: 'compare/<city>/<theme>/'."""
    return f"{COMPARE}{index.cities.get(city).slug}/{index.themes.get(theme).slug}/"


def city_row_anchor(index: SiteIndex, city: str) -> str:
    """The id of a city's row in the comparison table."""
    return f"city-{index.cities.get(city).slug}"


def cell_link(linker: Linker, index: SiteIndex, cell: CityThemeCell, label: str) -> Link:
    """A link to a cell's listing, carrying the number of briefings that listing holds."""
    return Link(label, linker.to(city_theme_path(index, cell.city, cell.theme)), cell.count)


def shade(count: int, largest: int) -> int:
    """0 for an empty cell, else 1 to SHADES in proportion to the fullest cell."""
    return math.ceil(SHADES * count / largest) if count else 0


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the table: a link to its listing (None when empty) and how dark to shade it."""

    link: Link | None
    shade: int


@dataclass(frozen=True)
class MatrixRow:
    """A city: a link to its page with its total, its cells in column order and its row's id."""

    city: Link
    anchor: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class MatrixView:
    """The comparison table: theme columns (links to theme pages, with totals) and city rows."""

    themes: tuple[Link, ...]
    rows: tuple[MatrixRow, ...]
    briefings: int
    largest: int
    shades: tuple[int, ...]


def compare_spec(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> PageSpec:
    """/compare/ shows every city and theme with its total, every cell's count and the number of briefings."""
    matrix = matrix_of(index)
    key = ("compare", tuple((c.name, c.count) for c in matrix.cities), tuple((t.name, t.count) for t in matrix.themes),
           tuple((c.city, c.theme, c.count) for c in matrix.cells), len(index.briefings))
    return PageSpec(file_path(COMPARE), key, functools.partial(render_compare_page, index, config, text))


def render_compare_page(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> Page:
    """/compare/: every city against every theme, each cell the number of briefings, shaded by it."""
    path = file_path(COMPARE)
    linker = Linker(path, config)
    matrix = matrix_of(index)
    rows = []
    for city in matrix.cities:
        cells = []
        for theme in matrix.themes:
            cell = matrix.cell(city.name, theme.name)
            cells.append(MatrixCell(cell_link(linker, index, cell, str(cell.count)), shade(cell.count, matrix.largest))
                         if cell else MatrixCell(None, 0))
        rows.append(MatrixRow(term_link(linker, text, "cities", index.cities, city.name, counted=True),
                              city_row_anchor(index, city.name), tuple(cells)))
    view = MatrixView(
        themes=tuple(term_link(linker, text, "themes", index.themes, t.name, counted=True) for t in matrix.themes),
        rows=tuple(rows),
        briefings=len(index.briefings),
        largest=matrix.largest,
        shades=tuple(range(1, SHADES + 1)),
    )
    title = text.label("compare.title")
    meta = page_meta(linker, config, text, title, "compare", text.label("compare.description"), kind="compare")
    return Page(path, "compare.html", page_context(config, meta, text, heading=title, matrix=view))


def city_theme_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText,
                     facets: Facets) -> Iterator[PageSpec]:
    """One listing per non-empty cell of the comparison: a city's briefings on a theme, newest first;
    its links name the city and the theme only."""
    for cell in matrix_of(index).cells:
        city = text.city(cell.city)
        title = text.label("city_theme.title", city=city, theme=cell.theme)

        def links(linker: Linker, cell: CityThemeCell = cell) -> dict[str, Link]:
            return {"city": term_link(linker, text, "cities", index.cities, cell.city),
                    "theme": term_link(linker, text, "themes", index.themes, cell.theme),
                    "compare": Link(text.label("compare.title"),
                                    linker.to(COMPARE) + "#" + city_row_anchor(index, cell.city))}

        yield from listing_specs(index, config, text, facets, city_theme_path(index, cell.city, cell.theme),
                                 cell.briefings, "city-theme.html", title=title, section="compare",
                                 description=text.label("city_theme.description", city=city, theme=cell.theme),
                                 key=(cell.city, cell.theme), heading=title, links=links)


def theme_leader_cells(index: SiteIndex, theme: str) -> tuple[CityThemeCell, ...]:
    """The cities with most briefings on a theme: its column of the comparison, fullest cells first
    (as profiles.theme_leaders has them), taken once per index for every theme."""
    leaders = index.memo.get("leaders")
    if leaders is None:
        columns: dict[str, list[CityThemeCell]] = defaultdict(list)
        for cell in matrix_of(index).cells:
            columns[cell.theme].append(cell)
        leaders = index.memo["leaders"] = {name: leading(cells) for name, cells in columns.items()}
    return leaders.get(theme, ())
