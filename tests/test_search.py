"""Search shards: which pages each Pagefind run indexes, and the glob that names them."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator import search
from generator.errors import DigestError
from generator.search import GLOB_CHARS, UNUSED_FILES, Shard, index_shards, page_glob, pagefind_executable, plan_search, \
    shard_count


def test_a_page_glob_names_each_briefing_page_once():
    assert page_glob(["briefings/a/index.html", "briefings/b-2/index.html"]) == "briefings/{a,b-2}/index.html"


def test_shards_of_pages_with_long_names_are_split_until_each_glob_fits():
    slugs = [f"{i:05d}-" + "long-name-" * 7 for i in range(6000)]  # 76 characters each
    shards = plan_search("en", slugs, (), 6000).words
    # One shard by count, but its glob would be about 460,000 characters long.
    assert shard_count(len(slugs), 6000) == 1
    assert len(shards) in (4, 8) and all(len(page_glob(s.pages)) <= GLOB_CHARS for s in shards)
    assert sorted(p for s in shards for p in s.pages) == sorted(f"briefings/{slug}/index.html" for slug in slugs)
    # Short names: the count follows the pages alone.
    assert len(plan_search("en", [f"b{i}" for i in range(6000)], (), 6000).words) == 1


def test_pagefind_takes_a_glob_as_long_as_the_longest_a_shard_is_given(tmp_path):
    site = tmp_path / "site"
    for slug in ("a", "b"):
        page = site / "briefings" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="en"><body><main data-pagefind-body><h1>Briefing {slug}</h1>'
                        "<p>Chengdu opens a design week.</p></main></body></html>", encoding="utf-8")
    # The two pages among names of pages that do not exist, up to the longest glob a shard gets.
    others = [f"{i:06d}-" + "x" * 73 for i in range(GLOB_CHARS // 81)]
    glob = page_glob([f"briefings/{slug}/index.html" for slug in ("a", *others, "b")])
    assert GLOB_CHARS - 100 < len(glob) <= GLOB_CHARS
    run = tmp_path / "run"
    run.mkdir()
    (run / "pagefind.json").write_text(json.dumps({"site": str(site), "output_path": str(run / "bundle"),
                                                   "glob": glob, "quiet": True}), encoding="utf-8")
    done = subprocess.run([str(pagefind_executable())], cwd=run, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    entry = json.loads((run / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2


def test_each_shard_keeps_what_the_search_page_loads_and_none_of_pagefinds_own_interfaces(
        built_sharded_site_with_search):
    out = built_sharded_site_with_search.out
    folders = [p for p in out.iterdir() if p.is_dir() and p.name.startswith("pagefind")]
    assert len(folders) >= 3
    for folder in folders:
        names = {p.name for p in folder.iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "fragment", "index"} <= names
        assert any(name.endswith(".pf_meta") for name in names)
        assert not names & set(UNUSED_FILES), folder


def test_a_failed_pagefind_run_fails_the_build_with_what_pagefind_said_and_leaves_nothing_behind(tmp_path,
                                                                                               monkeypatch):
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    site = tmp_path / "site"
    (site / "briefings" / "a").mkdir(parents=True)
    (site / "briefings" / "a" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>A</h1><p>Words to find.</p></main></body></html>',
        encoding="utf-8")
    # The first shard indexes its page; the second names a page that is not there, and Pagefind refuses it.
    shards = [Shard("pagefind", ("briefings/a/index.html",), None),
              Shard("pagefind-2", ("briefings/missing/index.html",), None)]
    with pytest.raises(DigestError) as failed:
        index_shards(site, shards)
    message = str(failed.value.problems[0])
    assert "the search index could not be built" in message and "Pagefind was not able to build an index" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory", "site"]
    assert not any(memory.iterdir())
    assert not (site / "pagefind-2").exists()


PAGE = b'<!DOCTYPE html>\n<html lang="en">\n<head><title>T</title></head>\n<body><nav><a href="/">Home</a></nav>'
ARTICLE = b'<article data-pagefind-body><h1 data-pagefind-meta="title">T</h1><p>Words.</p></article>'


@pytest.mark.parametrize("page, expected", [
    (PAGE + ARTICLE + b"<aside>Related</aside></body></html>",
     b'<!DOCTYPE html>\n<html lang="en"><body>' + ARTICLE + b"</body></html>"),
    # Nested elements of the marked element's kind stay inside it.
    (PAGE + b"<div data-pagefind-body><div><p>a</p></div><p>b</p></div><div>after</div></body></html>",
     b'<!DOCTYPE html>\n<html lang="en"><body><div data-pagefind-body><div><p>a</p></div><p>b</p></div>'
     b"</body></html>"),
    (PAGE + b"<section data-pagefind-body><sections>a</sections></section></body></html>",
     b'<!DOCTYPE html>\n<html lang="en"><body><section data-pagefind-body><sections>a</sections></section>'
     b"</body></html>"),
    # What Pagefind would read outside the marked element: the page goes whole.
    (PAGE.replace(b"<title>", b'<meta data-pagefind-meta="image[content]" content="/a.png"><title>')
     + ARTICLE + b"</body></html>", None),
    (PAGE + b"<h1>Site</h1>" + ARTICLE.replace(b"<h1", b"<h2").replace(b"</h1>", b"</h2>") + b"</body></html>",
     None),
    (PAGE + ARTICLE + b'<img src="/a.png" alt=""></body></html>', None),
    (PAGE + ARTICLE + b'<p data-pagefind-filter="city">Chengdu</p></body></html>', None),
    # No marked element, two of them, or one never closed.
    (PAGE + b"<article><p>Words.</p></article></body></html>", None),
    (PAGE + ARTICLE + ARTICLE + b"</body></html>", None),
    (PAGE + ARTICLE.replace(b"</article>", b"") + b"</body></html>", None),
])
def test_pagefind_is_given_the_marked_part_of_a_page_alone_only_where_that_changes_nothing(page, expected):
    assert search.indexed_part(page) == expected


def test_an_index_of_the_marked_parts_holds_the_same_pages_as_one_of_whole_pages(
        built_sharded_site_with_search, tmp_path, monkeypatch):
    built = built_sharded_site_with_search.out
    slugs = sorted(p.name for p in (built / "briefings").iterdir() if p.is_dir())
    shards = plan_search("en", slugs, set(), 2).shards
    assert len(shards) >= 2
    memory = tmp_path / "memory"
    memory.mkdir()
    bundles = {}
    for folder in (None, str(memory)):
        site = tmp_path / ("parts" if folder else "whole")
        shutil.copytree(built, site)
        monkeypatch.setattr(search, "MEMORY_FOLDER", folder)
        index_shards(site, shards)
        bundles[folder] = site
    assert not any(memory.iterdir()), "the documents given to Pagefind were left behind"
    for shard in shards:
        whole, parts = bundles[None] / shard.folder, bundles[str(memory)] / shard.folder
        fragments = sorted(p.name for p in (whole / "fragment").iterdir())
        assert fragments and fragments == sorted(p.name for p in (parts / "fragment").iterdir())
        for name in fragments:
            assert (whole / "fragment" / name).read_bytes() == (parts / "fragment" / name).read_bytes()
        entry = json.loads((whole / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert [language["page_count"] for language in entry["languages"].values()] == [
            language["page_count"] for language in
            json.loads((parts / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].values()]
    # Every briefing page of the built site is cut down (none goes whole).
    assert all(search.indexed_part(page.read_bytes()) for page in (built / "briefings").glob("*/index.html"))


def test_the_memory_folder_is_used_for_documents_only_with_room_for_them(tmp_path, monkeypatch):
    from generator import search

    monkeypatch.setattr(search, "MEMORY_FOLDER", str(tmp_path))
    folder = search.documents_folder(tmp_path / "site")
    assert folder is not None and folder.parent == tmp_path
    assert search.documents_folder(tmp_path / "site", room=1024) == folder
    assert search.documents_folder(tmp_path / "site", room=10 ** 18) is None
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(tmp_path / "absent"))
    assert search.documents_folder(tmp_path / "site") is None
