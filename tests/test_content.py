"""Content loading: every field checked, every problem named with file, line, field and a hint."""

import pytest

from generator.content import load_briefings
from generator.errors import DigestError
from generator.gazetteer import load_gazetteer
from generator.model import PartialDate
from tests.conftest import write_briefing


def load(folder, vocabulary):
    return load_briefings(folder, vocabulary, load_gazetteer().canonical)


def problems_of(folder, vocabulary) -> list[str]:
    with pytest.raises(DigestError) as caught:
        load(folder, vocabulary)
    return [str(p) for p in caught.value.problems]


def test_fields_become_a_briefing(tmp_path, vocabulary):
    write_briefing(tmp_path, "2022-05-10-design-week", date="2022-05", cities=["Wuhan", "Shenzhen"],
                   tags=["industrial design", "Talent"], published="2022-06-01")
    (briefing,) = load(tmp_path, vocabulary)
    assert briefing.slug == "2022-05-10-design-week"
    assert briefing.date == PartialDate(2022, 5)
    assert briefing.published == PartialDate(2022, 6, 1)
    assert briefing.cities == ("Wuhan", "Shenzhen")
    assert briefing.tags == ("Industrial design", "Talent")
    assert briefing.body == "The article text.\n"


def test_yaml_dates_and_bare_years_are_read(tmp_path, vocabulary):
    (tmp_path / "a.md").write_text("---\ntitle: A\ndate: 2023-06-28\ncity: Chengdu\ntheme: Talent\n---\nText\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\ndate: 2023\ncity: Chengdu\ntheme: Talent\n---\nText\n")
    dates = {b.slug: b.date for b in load(tmp_path, vocabulary)}
    assert dates == {"a": PartialDate(2023, 6, 28), "b": PartialDate(2023)}


def test_city_is_put_first_in_cities(tmp_path, vocabulary):
    write_briefing(tmp_path, "x", city="Chongqing", cities=["Chengdu"])
    (briefing,) = load(tmp_path, vocabulary)
    assert briefing.cities == ("Chongqing", "Chengdu")


def test_missing_fields_are_named(tmp_path, vocabulary):
    path = write_briefing(tmp_path, "x", title=None, theme=None)
    assert problems_of(tmp_path, vocabulary) == [
        f"{path}: 'title' is missing. Hint: add a line such as: title: Chengdu hosts an urban industry conference",
        f"{path}: 'theme' is missing. Hint: add one theme from vocabulary.yaml, e.g. theme: Urban industry",
    ]


def test_unreadable_date_gives_line_and_hint(tmp_path, vocabulary):
    path = tmp_path / "2023-06-28-dazu-design.md"
    path.write_text("---\ntitle: Dazu\ndate: 2023-13-01\ncity: Chongqing\ntheme: Talent\n---\nText\n")
    assert problems_of(tmp_path, vocabulary) == [
        f"{path}:3: 'date' could not be read ('2023-13-01'): month 13 is out of range. "
        "Hint: use YYYY-MM-DD, YYYY-MM or YYYY."]


def test_unknown_theme_city_tag_and_field(tmp_path, vocabulary):
    path = write_briefing(tmp_path, "x", theme="Space tourism", city="Tokyo", cities=["Chengdu"], tags=["Moon"],
                          colour="red")
    found = problems_of(tmp_path, vocabulary)
    assert f"{path}:13: 'colour' is not a known field." in found[0]
    assert any(p.startswith(f"{path}:4: 'city' 'Tokyo' is not a Chinese city the gazetteer knows.") for p in found)
    assert any(p.startswith(f"{path}:7: 'theme' 'Space tourism' is not a theme in the vocabulary.") for p in found)
    assert any(p.startswith(f"{path}:8: 'tags' 'Moon' is not a theme or tag in the vocabulary.") for p in found)
    assert len(found) == 4


def test_broken_yaml_line_is_counted_in_the_file(tmp_path, vocabulary):
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: A\ndate: 2023\nsummary: \"unclosed\ncity: Chengdu\n---\nText\n")
    (problem,) = problems_of(tmp_path, vocabulary)
    assert problem.startswith(f"{path}:")
    line = int(problem.split(":")[1])
    assert line in (4, 5, 6)  # the quote opens on line 4; YAML notices at the end of the scalar
    assert "front matter is not valid YAML" in problem


def test_no_front_matter(tmp_path, vocabulary):
    path = tmp_path / "x.md"
    path.write_text("Just text\n")
    assert problems_of(tmp_path, vocabulary) == [
        f"{path}:1: has no front matter. Hint: start the file with a line '---', the fields, then another '---'."]


def test_not_utf8(tmp_path, vocabulary):
    path = tmp_path / "x.md"
    path.write_bytes("---\ntitle: 成都\n---\n".encode("gb18030"))
    assert problems_of(tmp_path, vocabulary)[0].startswith(f"{path}: is not UTF-8 text")


def test_two_files_with_one_url_are_both_named(tmp_path, vocabulary):
    first = write_briefing(tmp_path, "Design-Week")
    second = write_briefing(tmp_path, "design-week")
    (problem,) = problems_of(tmp_path, vocabulary)
    assert str(first) in problem and str(second) in problem
    assert "the same URL 'briefings/design-week/'" in problem


def test_every_file_is_reported_not_just_the_first(tmp_path, vocabulary):
    write_briefing(tmp_path, "a", city="Atlantis", cities=["Chengdu"])
    write_briefing(tmp_path, "b", date="someday")
    write_briefing(tmp_path, "c")
    found = problems_of(tmp_path, vocabulary)
    assert [p.split(":")[0].rsplit("/", 1)[1] for p in found] == ["a.md", "b.md"]


def test_a_file_name_that_is_a_slug_is_the_url_whole(tmp_path, vocabulary):
    long_stem = "2020-03-31-chengdu-will-release-1000-new-scenes-and-1000-new-products-to-the-world-in-2020"
    write_briefing(tmp_path, long_stem)
    write_briefing(tmp_path, "Notes From A Meeting")
    assert sorted(b.slug for b in load(tmp_path, vocabulary)) == [long_stem, "notes-from-a-meeting"]


def test_source_url_is_kept_when_it_is_a_web_address(tmp_path, vocabulary):
    write_briefing(tmp_path, "x", source_url="https://www.chinanews.com.cn/cj/2020/04-02/9144.shtml")
    write_briefing(tmp_path, "y", source_url=None)
    found = {b.slug: b.source_url for b in load(tmp_path, vocabulary)}
    assert found == {"x": "https://www.chinanews.com.cn/cj/2020/04-02/9144.shtml", "y": None}


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
                                     "www.example.com/a", "https://", "https://example.com/a b", "ftp://x.org/a"])
def test_a_source_url_that_is_not_http_is_named_with_file_line_and_field(tmp_path, vocabulary, address):
    path = write_briefing(tmp_path, "x", source_url=address)
    assert problems_of(tmp_path, vocabulary) == [
        f"{path}:13: 'source_url' must be an http or https address, not {address!r}. "
        "Hint: write the full address, e.g. source_url: https://www.example.com/news/1.html"]
