"""Site settings: defaults, validation messages naming file and key, base URL overrides."""

import pytest

from generator.config import SiteConfig, load_config
from generator.errors import DigestError


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "digest.toml") == SiteConfig()


def test_values_are_read_and_base_url_gets_a_slash(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text('title = "T"\nbase_url = "https://user.github.io/repo"\nper_page = 5\nlanguage = "en-GB"\n'
                    'edition_length = "month"\nsitemap_size = 1000\n')
    config = load_config(path)
    assert config.sitemap_size == 1000
    assert (config.title, config.base_url, config.per_page, config.language, config.edition_length) == (
        "T", "https://user.github.io/repo/", 5, "en-GB", "month")
    assert config.base_path == "/repo/"


def test_every_bad_value_is_reported_at_once(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text('titel = "T"\nbase_url = "example.org"\nper_page = 0\nlanguage = "english!"\n'
                    'edition_length = "fortnight"\nsearch_shard_size = 0\nsitemap_size = 60000\n')
    with pytest.raises(DigestError) as caught:
        load_config(path)
    report = caught.value.report()
    assert f"{path}: 'titel' is not a known setting." in report
    assert f"{path}: 'base_url' must be an absolute http(s) URL, not 'example.org'." in report
    assert f"{path}: 'per_page' must be a whole number from 1 to 1000, not 0." in report
    assert "'language' is not a language tag ('english!')" in report
    assert f"{path}: 'edition_length' must be 'week' or 'month', not 'fortnight'." in report
    assert f"{path}: 'search_shard_size' must be a whole number of pages, 1 or more, not 0." in report
    assert f"{path}: 'sitemap_size' must be a whole number from 1 to 50000, not 60000." in report
    assert len(caught.value.problems) == 7


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text("title = unquoted text\n")
    with pytest.raises(DigestError, match="digest.toml: is not valid TOML"):
        load_config(path)


def test_base_url_override_is_validated():
    assert SiteConfig().with_base_url("https://a.example/b").base_url == "https://a.example/b/"
    with pytest.raises(DigestError, match="--base-url: 'base_url' must be an absolute"):
        SiteConfig().with_base_url("/relative/")


def test_exports_default_to_both_and_can_be_chosen_or_turned_off(tmp_path):
    path = tmp_path / "digest.toml"
    assert SiteConfig().exports == ("json", "csv")
    path.write_text('exports = ["csv"]\n')
    assert load_config(path).exports == ("csv",)
    path.write_text('exports = []\n')
    assert load_config(path).exports == ()


@pytest.mark.parametrize("value", ['"json"', '["json", "xlsx"]', "true"])
def test_an_unknown_export_format_is_named(tmp_path, value):
    path = tmp_path / "digest.toml"
    path.write_text(f"exports = {value}\n")
    with pytest.raises(DigestError) as caught:
        load_config(path)
    assert f"{path}: 'exports' must be a list of formats from ['json', 'csv']" in caught.value.report()
