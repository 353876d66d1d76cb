"""Interface text: the language files, their checks, and the keys the templates and page kinds use."""

from __future__ import annotations

import ast
import shutil

import jinja2
import jinja2.nodes as nodes
import pytest
import yaml
from markupsafe import Markup

from generator.config import EXPORT_FORMATS, load_config
from generator.editions import EDITION_LENGTHS, UNDATED, YEAR_ONLY
from generator.errors import DigestError
from generator.interface import LOCALES, REFERENCE, available_languages, load_interface_text, locale_path
from generator.model import PartialDate
from generator.pages.cities import CITY_ORDERS
from generator.pages.terms import TERM_KINDS
from generator.search import SORTS
from generator.urls import SECTIONS
from tests.conftest import REPO, TEMPLATES

LANGUAGES = available_languages()


def test_english_and_chinese_ship_with_the_package():
    assert {"en", "zh-CN"} <= set(LANGUAGES)


@pytest.mark.parametrize("tag, file", [("en", "en"), ("en-GB", "en"), ("zh-CN", "zh-CN"), ("zh", "zh-CN"),
                                       ("zh-Hans-CN", "zh-CN"), ("fr", None)])
def test_a_tag_finds_the_file_of_its_language(tag, file):
    path = locale_path(tag)
    assert (path.stem if path else None) == file


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_file_has_exactly_the_reference_keys(language):
    text = load_interface_text(language)
    reference = load_interface_text(REFERENCE)
    assert sorted(text.phrases) == sorted(reference.phrases)


@pytest.mark.parametrize("language, day, month, year", [
    ("en", "28 June 2023", "June 2023", "2023"),
    ("zh-CN", "2023年6月28日", "2023年6月", "2023年"),
])
def test_dates_are_written_as_the_language_writes_them(language, day, month, year):
    text = load_interface_text(language)
    assert [text.date(PartialDate(2023, 6, 28)), text.date(PartialDate(2023, 6)), text.date(PartialDate(2023))] \
        == [day, month, year]


def test_counts_take_the_form_for_one_or_for_any_other_number():
    text = load_interface_text("en")
    assert [text.plural("count.briefings", n) for n in (0, 1, 2)] == ["0 briefings", "1 briefing", "2 briefings"]
    assert load_interface_text("zh-CN").plural("count.briefings", 1) == "1篇简报"


def test_a_sentence_may_hold_links_in_the_order_its_language_puts_them():
    links = {"theme": Markup('<a href="t/">Talent</a>'), "city": Markup('<a href="c/">成都</a>')}
    english = load_interface_text("en").plural("city_theme.count", 2, **links)
    chinese = load_interface_text("zh-CN").plural("city_theme.count", 2, **links)
    assert english == '2 briefings on <a href="t/">Talent</a> involving <a href="c/">成都</a>.'
    assert chinese == '涉及<a href="c/">成都</a>的<a href="t/">Talent</a>主题简报共2篇。'
    # Fields that are not markup are escaped, as everything else a template shows.
    mixed = load_interface_text("en").plural("city_theme.count", 1, theme=links["theme"], city="<b>Chengdu</b>")
    assert mixed == '1 briefing on <a href="t/">Talent</a> involving &lt;b&gt;Chengdu&lt;/b&gt;.'
    assert isinstance(mixed, Markup)


@pytest.fixture
def locales(tmp_path):
    """A copy of the language files to break."""
    folder = tmp_path / "locales"
    shutil.copytree(LOCALES, folder)
    return folder


def rewrite(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_missing_key_is_an_error_naming_the_key_and_the_file(locales):
    rewrite(locales / "zh-CN.yaml", lambda data: data["nav"].pop("timeline"))
    with pytest.raises(DigestError) as caught:
        load_interface_text("zh-CN", locales)
    assert caught.value.report().splitlines()[0] == (
        f"{locales / 'zh-CN.yaml'}: 'nav.timeline' is missing. Hint: translate the text 'Timeline'.")


def test_unknown_keys_wrong_values_and_unknown_fields_are_named_together(locales):
    def change(data):
        data["nav"]["archive"] = "归档"
        data["home"]["heading_page"] = "第{number}页"
        data["search"]["status"]["searching"] = ["正在搜索"]

    rewrite(locales / "zh-CN.yaml", change)
    with pytest.raises(DigestError) as caught:
        load_interface_text("zh-CN", locales)
    report = caught.value.report()
    assert f"{locales / 'zh-CN.yaml'}: 'search.status.searching' must be text, not ['正在搜索']." in report
    # The file stops at the first wrong value, so fix that one and look again.
    rewrite(locales / "zh-CN.yaml", lambda data: data["search"]["status"].update(searching="正在搜索…"))
    with pytest.raises(DigestError) as caught:
        load_interface_text("zh-CN", locales)
    report = caught.value.report()
    assert f"{locales / 'zh-CN.yaml'}: 'nav.archive' is not a key of the interface text." in report
    assert (f"{locales / 'zh-CN.yaml'}: 'home.heading_page' uses {{number}}, which the build does not fill "
            "in here. Hint: fields here: {page}.") in report
    assert len(caught.value.problems) == 2


def test_a_key_missing_from_the_reference_file_is_named_in_that_file(locales):
    rewrite(locales / "en.yaml", lambda data: data["layout"].pop("skip_link"))
    with pytest.raises(DigestError) as caught:
        load_interface_text("zh-CN", locales)
    assert f"{locales / 'zh-CN.yaml'}: 'layout.skip_link' is not a key of the interface text." \
        in caught.value.report()
    # An English site cannot miss a text the templates use: the template test below guards en.yaml itself.


def test_a_language_without_a_file_is_a_settings_error(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text('language = "fr"\n')
    with pytest.raises(DigestError) as caught:
        load_config(path)
    assert caught.value.report().startswith(
        f"{path}: 'language' names a language the interface has no text for ('fr'). Hint: use one of en, zh-CN,")


# ---------------------------------------------------------------- the keys in use

def template_keys() -> set[str]:
    """Every interface text key the templates read: text.group.name, text.label("key") and text.plural("key", n)."""
    env = jinja2.Environment()
    keys: set[str] = set()
    for path in sorted(TEMPLATES.iterdir()):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for node in tree.find_all(nodes.Getattr):
            chain = []
            while isinstance(node, nodes.Getattr):
                chain.append(node.attr)
                node = node.node
            if isinstance(node, nodes.Name) and node.name == "text" and chain[-1] not in ("label", "plural"):
                keys.add(".".join(reversed(chain)))
        for call in tree.find_all(nodes.Call):
            method = call.node
            if isinstance(method, nodes.Getattr) and isinstance(method.node, nodes.Name) and method.node.name == "text":
                keys |= {k for key in constants(call.args[0]) for k in expand(method.attr, key)}
    # A chain's inner links (text.layout of text.layout.skip_link) are groups, not texts.
    return {k for k in keys if not any(other.startswith(k + ".") for other in keys)}


def code_keys() -> set[str]:
    """Every key the Python code names as a constant: text.label("key"), text.plural("key", n), self.label(...)."""
    keys: set[str] = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("label", "plural") and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("text", "self") and node.args):
                keys |= {k for key in constants(node.args[0]) for k in expand(node.func.attr, key)}
    return keys


def constants(node) -> set[str]:
    """The keys an argument can be: a constant, or either branch of a conditional (in a template or in Python)."""
    if isinstance(node, (nodes.Const, ast.Constant)) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, nodes.CondExpr):
        return constants(node.expr1) | constants(node.expr2)
    if isinstance(node, ast.IfExp):
        return constants(node.body) | constants(node.orelse)
    return set()


def composed_keys() -> set[str]:
    """Keys the code puts together from names (f"nav.{name}"), from the names it puts them together from."""
    keys = {f"nav.{name}" for name, _ in SECTIONS}
    keys |= {f"home.export_{name}" for name in EXPORT_FORMATS}
    keys |= {f"terms.{kind}" for kind in TERM_KINDS} | {f"term.description.{kind}" for kind in TERM_KINDS}
    keys |= set(TERM_KINDS.values()) | {key for _, key in SORTS}
    keys |= {f"dates.months.{month}" for month in range(1, 13)}
    keys |= {key for _, _, key in CITY_ORDERS} | {f"cities.order_{order}" for order, _, _ in CITY_ORDERS}
    keys |= {f"edition.kind_{length}" for length in EDITION_LENGTHS} | {f"editions.{r}" for r in (YEAR_ONLY, UNDATED)}
    # The search page hands the whole group to its script.
    keys |= {k for k in load_interface_text(REFERENCE).phrases if k.startswith("search.status.")}
    return keys


def expand(method: str, key: str) -> set[str]:
    return {f"{key}.one", f"{key}.other"} if method == "plural" else {key}


def test_the_key_scanners_see_keys_of_every_kind():
    assert {"layout.skip_link", "home.total.one", "editions.lede_month", "punctuation.comma"} <= template_keys()
    assert {"listing.page_title", "dates.day", "dates.span_days", "feeds.term_title"} <= code_keys()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_the_templates_and_pages_use_is_in_every_language_file(language):
    phrases = load_interface_text(language).phrases
    used = template_keys() | code_keys() | composed_keys()
    assert sorted(used - set(phrases)) == []


def test_every_key_of_the_reference_file_is_used():
    phrases = load_interface_text(REFERENCE).phrases
    # The preview's error page (generator/serve.py) takes its whole group.
    used = template_keys() | code_keys() | composed_keys() | {k for k in phrases if k.startswith("preview.")}
    assert sorted(set(phrases) - used) == []
