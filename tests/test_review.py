"""The `review:` list: fields ingest derived or left out, checked by the build and listed by `digest review`."""

from __future__ import annotations

from generator.content import load_briefings
from generator.errors import DigestError
from generator.gazetteer import load_gazetteer
from tests.conftest import write_briefing
from tests.project import digest, make_project


def load(folder, vocabulary):
    return load_briefings(folder, vocabulary, load_gazetteer().canonical)


def problems_of(folder, vocabulary) -> list[str]:
    try:
        load(folder, vocabulary)
    except DigestError as error:
        return [str(p) for p in error.problems]
    return []


def test_the_review_list_is_read_in_front_matter_order(tmp_path, vocabulary):
    write_briefing(tmp_path, "a", review=["theme", "title", "theme"], date=None)
    write_briefing(tmp_path, "b")
    briefings = {b.slug: b for b in load(tmp_path, vocabulary)}
    assert briefings["a"].review == ("title", "theme")
    assert briefings["b"].review == ()


def test_a_review_list_naming_no_field_or_not_a_list_is_a_problem(tmp_path, vocabulary):
    path = write_briefing(tmp_path, "a", review=["title", "headline"])
    other = write_briefing(tmp_path, "b", review="title")
    problems = problems_of(tmp_path, vocabulary)
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:13: 'review' 'headline' is not a field that can be checked. Hint: "
                                  "list the fields to check, from: title, date,")
    assert problems[1].startswith(f"{other}:13: 'review' must be a list of field names.")


def test_digest_review_groups_briefings_by_what_to_check_and_build_counts_them(tmp_path):
    root = make_project(tmp_path)
    content = root / "content"
    write_briefing(content, "ningbo-signs-projects", title="Ningbo signs projects", city="Ningbo", date=None,
                   review=["date"])
    write_briefing(content, "shenyang-robots", title="The city of Shenyang backs robot makers", city="Shenyang",
                   date=None, review=["title", "date"])
    result = digest(root, "review")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("title (1): no headline in the text")
    assert lines[1] == "  content/shenyang-robots.md: The city of Shenyang backs robot makers"
    assert lines[2].startswith("date (2): no date in the text")
    assert lines[3:5] == ["  content/ningbo-signs-projects.md: Ningbo signs projects",
                          "  content/shenyang-robots.md: The city of Shenyang backs robot makers"]
    assert lines[5].startswith("2 briefings list fields to check")

    built = digest(root, "build", "--no-search")
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-1] == "2 briefings have fields marked for review: run `digest review` to list them."


def test_with_nothing_to_review_both_say_so(tmp_path):
    root = make_project(tmp_path)
    assert digest(root, "review").stdout.splitlines() == ["No briefing has fields marked for review."]
    assert digest(root, "build", "--no-search").stdout.splitlines()[-1] == "No briefing has fields marked for review."


def test_each_rebuild_of_the_preview_ends_with_the_same_count_line(tmp_path):
    from generator.build import BuildOptions
    from generator.serve import ServeOptions, run_build

    root = make_project(tmp_path)
    write_briefing(root / "content", "ningbo-signs-projects", title="Ningbo signs projects", city="Ningbo",
                   date=None, review=["date"])
    options = BuildOptions(content=root / "content", out=root / "site", templates=root / "templates",
                           static=root / "static", config=root / "digest.toml", vocabulary=root / "vocabulary.yaml",
                           search=False)
    step = run_build(ServeOptions(build=options))
    assert not step.problems, step.problems
    assert step.output[0].startswith("Built ")
    assert step.output[1] == "1 briefing has fields marked for review: run `digest review` to list them."
