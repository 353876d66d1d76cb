"""The vocabulary data file: loading, lookups and the messages for a bad file."""

import pytest

from generator.errors import DigestError
from generator.vocabulary import load_vocabulary
from tests.conftest import REPO


def test_repository_vocabulary_loads_with_unique_slugs():
    vocabulary = load_vocabulary(REPO / "vocabulary.yaml")
    slugs = [t.slug for t in vocabulary.themes + vocabulary.tags]
    assert len(slugs) == len(set(slugs))
    assert vocabulary.theme("industrial design").name == "Industrial design"
    assert vocabulary.theme("33618 cluster system") is None
    assert vocabulary.term("33618 cluster system").slug == "33618-cluster-system"


def test_bad_entries_are_named(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("themes:\n  - name: Talent\n    colour: red\n  - description: no name\n"
                    "tags:\n  - name: talent\nextra: 1\n")
    with pytest.raises(DigestError) as caught:
        load_vocabulary(path)
    report = caught.value.report()
    assert "'themes[1]' has an unknown key 'colour'." in report
    assert "'themes[2]' needs a 'name' (text)." in report
    assert "'tags[1]' 'talent' has the same URL slug 'talent' as 'Talent'." in report
    assert "'extra' is not a known section." in report


def test_broken_yaml_gives_the_line(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("themes:\n  - name: [unclosed\n")
    with pytest.raises(DigestError, match=r"vocabulary.yaml:\d+: is not valid YAML"):
        load_vocabulary(path)


def test_a_name_with_the_export_list_separator_is_refused(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("themes:\n  - name: Talent; housing\n")
    with pytest.raises(DigestError) as caught:
        load_vocabulary(path)
    assert "'themes[1]' 'Talent; housing' has a ';', which the data export uses between tags." in \
        caught.value.report()
