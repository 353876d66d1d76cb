"""Writing: whole-site swaps, unchanged files left alone, nothing outside the output folder."""

import os
import shutil

import pytest

from generator import write
from generator.errors import DigestError
from tests.conftest import TEMPLATES, build, write_briefing


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../b", "a//b", "a\\..\\b", "", "./a"])
def test_unsafe_paths_are_refused(path):
    with pytest.raises(DigestError):
        write.safe_relative(path)


def test_unchanged_files_keep_their_inode_and_stale_files_go(tmp_path):
    out = tmp_path / "site"
    staging, report = write.stage_site({"a.html": b"A", "b/index.html": b"B"}, out)
    write.swap_in(staging, out)
    assert report.changed == 2
    inode = (out / "a.html").stat().st_ino
    staging, report = write.stage_site({"a.html": b"A", "c.html": b"C"}, out)
    removed = write.count_removed(staging, out)
    write.swap_in(staging, out)
    assert (report.changed, report.unchanged, removed) == (1, 1, 1)
    assert (out / "a.html").stat().st_ino == inode
    assert not (out / "b").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or previous folder left


def test_a_folder_not_built_by_digest_is_left_alone(tmp_path, vocabulary):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("mine")
    write_briefing(tmp_path / "content", "x")
    with pytest.raises(DigestError, match="already exists and was not built by digest"):
        build(tmp_path / "content", mine, vocabulary)
    assert (mine / "todo.txt").read_text() == "mine"


def test_the_output_folder_may_not_hold_the_inputs(tmp_path, vocabulary):
    write_briefing(tmp_path / "content", "x")
    with pytest.raises(DigestError, match="is not a safe output folder"):
        build(tmp_path / "content", tmp_path, vocabulary)


def test_a_failed_build_leaves_the_previous_site_whole(tmp_path, vocabulary):
    content, out = tmp_path / "content", tmp_path / "site"
    write_briefing(content, "good")
    build(content, out, vocabulary)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_briefing(content, "bad", date="not a date")
    with pytest.raises(DigestError):
        build(content, out, vocabulary)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "base.html").write_text("{{ page.no_such_value }}")
    (content / "bad.md").unlink()
    with pytest.raises(DigestError, match="uses an unknown value"):
        build(content, out, vocabulary, templates=templates)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(os.listdir(tmp_path)) == ["content", "site", "templates"]


def test_a_template_that_fails_inside_jinja_is_reported_not_raised(tmp_path, vocabulary):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "terms.html").write_text("{{ entries | sum }}")
    write_briefing(tmp_path / "content", "x")
    with pytest.raises(DigestError, match=r"terms.html: could not be rendered for themes/index.html \(TypeError"):
        build(tmp_path / "content", tmp_path / "site", vocabulary, templates=templates)


def test_a_missing_templates_folder_is_named(tmp_path, vocabulary):
    write_briefing(tmp_path / "content", "x")
    with pytest.raises(DigestError, match="templates: is not a folder. Hint: run digest from the project folder"):
        build(tmp_path / "content", tmp_path / "site", vocabulary, templates=tmp_path / "templates")
    assert not (tmp_path / "site").exists()
