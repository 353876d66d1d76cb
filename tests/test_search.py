"""Search shards: which pages each Pagefind run indexes, and the glob that names them."""

from __future__ import annotations

import json
import subprocess

import pytest

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


def test_a_failed_pagefind_run_fails_the_build_with_what_pagefind_said_and_leaves_nothing_behind(tmp_path):
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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert not (site / "pagefind-2").exists()
