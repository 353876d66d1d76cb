"""Each page kind's view data and its template agree: every value the template uses is given,
and every value given is used, so a typo or a forgotten key fails here rather than on a page."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import jinja2
import jinja2.meta
import pytest
from jinja2 import nodes

from generator.config import SiteConfig
from generator.content import load_briefings
from generator.gazetteer import load_gazetteer
from generator.indexes import build_index
from generator.interface import load_interface_text
from generator.pages import plan_site
from generator.charts import Bar, Chart, Item
from generator.pages.cities import CityRow, ProfileView
from generator.pages.compare import MatrixCell, MatrixRow, MatrixView
from generator.pages.editions import EditionEntry, EditionView, EmailGroup, EmailItem, EmailView, ThemeGroup
from generator.pages.search import SearchFilter, SearchForm
from generator.pages.timeline import MonthGroup, YearEntry, YearView
from generator.views import Card, FeedLink, PageMeta
from tests.conftest import TEMPLATES, write_briefing

# Names Jinja2 itself provides to every template.
JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))


def _parse(env: jinja2.Environment, name: str) -> nodes.Template:
    return env.parse(env.loader.get_source(env, name)[0])


def used_names(env: jinja2.Environment, name: str) -> set[str]:
    """The context names a template (with the layout it extends) reads, without the macros it imports."""
    names, seen, queue = set(), set(), [name]
    while queue:
        current = queue.pop()
        if current in seen or current.startswith("_"):
            continue
        seen.add(current)
        tree = _parse(env, current)
        imported = {alias if isinstance(alias, str) else alias[1] for node in tree.find_all(nodes.FromImport)
                    for alias in node.names}
        names |= jinja2.meta.find_undeclared_variables(tree) - imported - JINJA_GLOBALS
        queue.extend(t for t in jinja2.meta.find_referenced_templates(tree) if t)
    return names


def attributes_read(env: jinja2.Environment, template: str, variable: str) -> set[str]:
    """Attributes a template reads from a variable, e.g. {'title', 'href'} for card.title and card.href;
    a dotted variable ('profile.by_theme') names an attribute of one."""
    return {node.attr for node in _parse(env, template).find_all(nodes.Getattr) if _dotted(node.node) == variable}


def _dotted(node: nodes.Node) -> str | None:
    """'a.b.c' for the expression a.b.c, None for anything else."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _dotted(node.node)
        return f"{inner}.{node.attr}" if inner else None
    return None


def test_every_template_gets_exactly_the_values_it_uses(tmp_path, vocabulary):
    content = tmp_path / "content"
    write_briefing(content, "a", date="2023-05-01", tags=["Talent"], theme="Talent")
    write_briefing(content, "b", title="武汉发布新场景清单", summary="武汉发布了一批新场景。", date="2022-05")
    write_briefing(content, "c", city="Chengdu", cities=["Chengdu", "Wuhan"], date="2021", published="2021-03-02")
    write_briefing(content, "d", city="Wuhan", date=None)  # the timeline's page of undated briefings
    index = build_index(load_briefings(content, vocabulary, load_gazetteer().canonical), vocabulary)
    keys_by_template: dict[str, set[frozenset]] = defaultdict(set)
    # A sitemap of at most 5 URLs a file: the sitemap index and its files are drawn too.
    for page in plan_site(index, SiteConfig(per_page=2, sitemap_size=5), load_interface_text("en")):
        if page.data is None:  # the JSON Feeds and exports are made without a template
            keys_by_template[page.template].add(frozenset(page.context))
    env = _environment()
    templates = sorted(p.name for p in TEMPLATES.iterdir() if not p.name.startswith(("_", "base.")))
    assert sorted(keys_by_template) == templates, "a template no page kind uses, or a page kind without one"
    for template, key_sets in keys_by_template.items():
        assert len(key_sets) == 1, f"{template}: pages of one kind give different values: {key_sets}"
        given, used = set(next(iter(key_sets))), used_names(env, template)
        assert not used - given, f"{template} uses values its page kind does not give: {sorted(used - given)}"
        assert not given - used, f"{template} is given values it never uses: {sorted(given - used)}"


def readable(record: type) -> set[str]:
    """A record's fields and properties: what a template may read from it."""
    return {f.name for f in dataclasses.fields(record)} | {
        name for name, value in vars(record).items() if isinstance(value, property)}


# Each record, with where templates read it: (template, the variable or dotted path naming it).
# Together they read every field the record has, and nothing else.
RECORDS = {
    PageMeta: (("base.html", "page"),),
    FeedLink: (("base.html", "feed"),),
    Card: (("_macros.html", "card"),),
    Chart: (("_macros.html", "chart"), ("city.html", "profile.by_theme"), ("city.html", "profile.by_year")),
    Bar: (("_macros.html", "bar"),),
    Item: (("_macros.html", "item"), ("_macros.html", "bar.item")),
    ProfileView: (("city.html", "profile"),),
    CityRow: (("cities.html", "row"),),
    MatrixView: (("compare.html", "matrix"),),
    MatrixRow: (("compare.html", "row"),),
    MatrixCell: (("compare.html", "cell"),),
    EditionEntry: (("editions.html", "entry"),),
    EditionView: (("edition.html", "edition"),),
    ThemeGroup: (("edition.html", "group"),),
    EmailView: (("edition-email.html", "edition"),),
    EmailGroup: (("edition-email.html", "group"),),
    EmailItem: (("edition-email.html", "item"),),
    SearchForm: (("search.html", "search"),),
    SearchFilter: (("search.html", "filter"),),
    YearEntry: (("timeline.html", "year"),),
    YearView: (("timeline-year.html", "period"),),
    MonthGroup: (("timeline-year.html", "group"),),
}


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_templates_read_exactly_the_fields_their_records_have(record):
    env = _environment()
    read = set().union(*(attributes_read(env, template, variable) for template, variable in RECORDS[record]))
    assert read == readable(record)
