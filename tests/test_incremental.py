"""Incremental builds: after any sequence of changes, the site built from the cache equals a clean full build.

Random but reproducible sequences (seeded) add, delete, rename, retitle, redate,
move and retag briefings, edit bodies, templates, settings and the vocabulary;
after every step the incremental build and a build without any cache must hold
the same files with the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator import cache
from generator.build import BuildResult, _gazetteer_tables, _parse_range, _render_range, build_project
from generator.config import BuildOptions
from generator.errors import DigestError
from generator.slugs import slugify
from tests.conftest import REPO, STATIC, TEMPLATES, write_briefing

CITIES = ["Chengdu", "Wuhan", "Nanjing", "Chongqing", "Shenzhen"]
THEMES = ["Talent", "Opening-up", "Industrial design", "Urban industry"]
TAGS = ["Talent", "Industrial design", "Opening-up", "Urban industry"]


class Project:
    """A digest project folder with its own templates, settings and vocabulary, built two ways."""

    def __init__(self, root: Path, rng: random.Random):
        self.root, self.rng = root, rng
        self.content = root / "content"
        self.templates = root / "templates"
        shutil.copytree(TEMPLATES, self.templates)
        self.static = root / "static"
        shutil.copytree(STATIC, self.static)
        shutil.copy(REPO / "vocabulary.yaml", root / "vocabulary.yaml")
        # Sitemap files of 30 URLs: the site's pages are split into several, which shift as pages come and go.
        self.settings = {"title": "Equal Digest", "per_page": 3, "base_url": "https://example.org/sub/",
                         "sitemap_size": 30}
        self.write_settings()
        self.serial = 0
        for _ in range(12):
            self.add()

    def options(self, out: str, cache_dir: Path | None) -> BuildOptions:
        return BuildOptions(content=self.content, out=self.root / out, templates=self.templates, static=self.static,
                            config=self.root / "digest.toml", vocabulary=self.root / "vocabulary.yaml",
                            search=False, cache=cache_dir)

    def write_settings(self) -> None:
        lines = [f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {v!r}" for k, v in self.settings.items()]
        (self.root / "digest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # ---- changes

    def stems(self) -> list[str]:
        return sorted(p.stem for p in self.content.glob("*.md"))

    def fields(self, stem: str) -> tuple[dict, str]:
        text = (self.content / f"{stem}.md").read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body

    def rewrite(self, stem: str, **changes) -> None:
        fields, body = self.fields(stem)
        body = changes.pop("body", body)
        fields.setdefault("date", None)  # an undated briefing stays undated (write_briefing would date it)
        fields.update(changes)
        write_briefing(self.content, stem, body=body, **fields)

    def random_date(self) -> str:
        # Few distinct years and months, so that dates collide and pages shift.
        rng = self.rng
        # None: an undated briefing, listed after every dated one and in no edition.
        return rng.choice([f"{rng.choice([2021, 2022, 2023])}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
                           f"{rng.choice([2021, 2022])}-{rng.randint(1, 3):02d}", "2020", None])

    def add(self) -> None:
        rng = self.rng
        self.serial += 1
        city = rng.choice(CITIES)
        write_briefing(self.content, f"b{self.serial:03d}", title=f"Briefing {self.serial}", date=self.random_date(),
                       city=city, cities=[city] + rng.sample(CITIES, rng.randint(0, 2)), theme=rng.choice(THEMES),
                       tags=rng.sample(TAGS, rng.randint(0, 3)), summary=f"Summary {self.serial}.",
                       body=f"Body of briefing {self.serial}.\n")

    def add_chinese(self) -> None:
        self.serial += 1
        write_briefing(self.content, f"zh{self.serial:03d}", title=f"成都发布第{self.serial}批新场景清单",
                       summary="成都发布了一批新场景。", date=self.random_date(), city="Chengdu",
                       theme=self.rng.choice(THEMES), body="新能源汽车产业。\n")

    def edit_static(self) -> None:
        path = self.static / "assets" / "style.css"
        path.write_text(path.read_text(encoding="utf-8") + f"/* {self.rng.randint(0, 999)} */\n", encoding="utf-8")

    def delete(self) -> None:
        (self.content / f"{self.rng.choice(self.stems())}.md").unlink()

    def rename(self) -> None:
        stem = self.rng.choice(self.stems())
        self.serial += 1
        (self.content / f"{stem}.md").rename(self.content / f"r{self.serial:03d}.md")

    def retitle(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), title=f"Retitled {self.rng.randint(0, 999)}")

    def redate(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), date=self.random_date())

    def move(self) -> None:
        city = self.rng.choice(CITIES)
        self.rewrite(self.rng.choice(self.stems()), city=city, cities=[city])

    def retag(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), tags=self.rng.sample(TAGS, self.rng.randint(0, 3)))

    def retheme(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), theme=self.rng.choice(THEMES))

    def resummarise(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), summary=f"New summary {self.rng.randint(0, 999)}.")

    def edit_body(self) -> None:
        stem = self.rng.choice(self.stems())
        _, body = self.fields(stem)
        self.rewrite(stem, body=body + f"\nAnother paragraph {self.rng.randint(0, 999)}.\n")

    def edit_newest_body(self) -> None:
        """A body edit of the newest briefing: every feed that lists it carries the new text."""
        dated = [(self.fields(stem)[0].get("date"), stem) for stem in self.stems()]
        stem = max(dated, key=lambda pair: (str(pair[0]) if pair[0] else "", pair[1]))[1]
        _, body = self.fields(stem)
        self.rewrite(stem, body=body + f"\nNewest news {self.rng.randint(0, 999)}.\n")

    def edit_bodies(self) -> None:
        """Several bodies at once, one of them in Chinese characters (which puts its page in the Chinese index)."""
        for stem in self.rng.sample(self.stems(), 3):
            _, body = self.fields(stem)
            self.rewrite(stem, body=body + self.rng.choice(["\n更多内容。\n", "\nMore text.\n"]))

    def edit_body_and_title(self) -> None:
        """A body edit beside a field edit: the quick rebuild of bodies alone must not take it."""
        self.edit_body()
        self.retitle()

    def touch(self) -> None:
        path = self.content / f"{self.rng.choice(self.stems())}.md"
        path.write_bytes(path.read_bytes())

    def mark_for_review(self) -> None:
        fields = self.rng.sample(["title", "date", "city", "theme"], self.rng.randint(0, 2))
        self.rewrite(self.rng.choice(self.stems()), review=fields or None)

    def add_source_url(self) -> None:
        self.rewrite(self.rng.choice(self.stems()), source_url=f"https://news.example.com/{self.rng.randint(0, 999)}")

    def edit_template(self) -> None:
        name = self.rng.choice(["base.html", "term.html", "briefing.html", "_macros.html", "atom.xml", "city.html",
                                "compare.html", "edition.html", "edition-email.html", "timeline.html",
                                "timeline-year.html", "sitemap.xml", "sitemap-index.xml"])
        path = self.templates / name
        path.write_text(path.read_text(encoding="utf-8") + f"{{# edit {self.rng.randint(0, 999)} #}}\n",
                        encoding="utf-8")
        if name == "_macros.html":
            text = path.read_text(encoding="utf-8").replace('class="summary"', 'class="summary card-summary"', 1)
            path.write_text(text, encoding="utf-8")

    def edit_settings(self) -> None:
        choice = self.rng.randrange(6)
        if choice == 5:
            # From one sitemap file to several and back.
            self.settings["sitemap_size"] = self.rng.choice([20, 30, 50_000])
        elif choice == 4:
            # Every page's interface text, date forms and city names change with the language.
            self.settings["language"] = self.rng.choice(["en", "zh-CN"])
        elif choice == 0:
            self.settings["per_page"] = self.rng.randint(2, 5)
        elif choice == 1:
            self.settings["title"] = f"Equal Digest {self.rng.randint(0, 99)}"
        elif choice == 2:
            self.settings["edition_length"] = self.rng.choice(["week", "month"])
        else:
            self.settings["exports"] = self.rng.sample(["json", "csv"], self.rng.randint(0, 2))
        self.write_settings()

    def edit_vocabulary(self) -> None:
        path = self.root / "vocabulary.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = self.rng.choice(data["themes"] + data["tags"])
        entry["description"] = f"Described anew, {self.rng.randint(0, 999)}."
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    CHANGES = ("add", "add", "add_chinese", "edit_static", "delete", "rename", "retitle", "redate", "redate",
               "move", "retag", "retheme", "resummarise", "edit_body", "add_source_url", "mark_for_review", "touch",
               "edit_template", "edit_settings", "edit_vocabulary")


def run_build(options: BuildOptions) -> str:
    """What `digest build` does: the no-change check, else a build; returns the report line."""
    return cache.unchanged_summary(options) or build_project(options).summary()


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_site(incremental: Path, full: Path, step: str) -> None:
    got, expected = files_of(incremental), files_of(full)
    assert sorted(got) == sorted(expected), f"after {step}: files differ: " \
        f"extra {sorted(set(got) - set(expected))[:5]}, missing {sorted(set(expected) - set(got))[:5]}"
    wrong = [path for path in expected if got[path] != expected[path]]
    assert not wrong, f"after {step}: {len(wrong)} files differ from a full build, e.g. {wrong[:5]}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_builds_equal_full_builds_after_random_changes(tmp_path, seed):
    rng = random.Random(seed)
    project = Project(tmp_path, rng)
    incremental = project.options("site", tmp_path / ".digest-cache")
    run_build(incremental)
    for step in range(14):
        change = rng.choice(Project.CHANGES)
        getattr(project, change)()
        run_build(incremental)
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        build_project(project.options("full", None))
        assert_same_site(tmp_path / "site", tmp_path / "full", f"step {step} ({change}, seed {seed})")


BODY_CHANGES = ("edit_body", "edit_newest_body", "edit_bodies", "touch", "edit_body_and_title", "retitle", "redate",
                "add", "delete", "rename", "edit_template", "edit_static")


@pytest.mark.parametrize("seed", [4, 5])
def test_rebuilds_after_body_edits_mixed_with_other_changes_equal_full_builds(tmp_path, seed, monkeypatch):
    import time

    from generator import build

    # Inputs saved within the last 0.2 s are racy: the templates copied just now are not, after a build.
    monkeypatch.setattr(cache, "RACY_NS", 200_000_000)
    rng = random.Random(seed)
    project = Project(tmp_path, rng)
    incremental = project.options("site", tmp_path / ".digest-cache")
    time.sleep(0.25)
    run_build(incremental)
    quick = []
    rebuild_bodies = build._rebuild_bodies

    def counted(*args):
        result = rebuild_bodies(*args)
        quick.append(result is not None)
        return result

    monkeypatch.setattr(build, "_rebuild_bodies", counted)
    for step in range(16):
        # Mostly edits of bodies alone, which the quick rebuild takes; now and then anything else.
        change = rng.choice(BODY_CHANGES[:3] if rng.random() < 0.6 else BODY_CHANGES)
        getattr(project, change)()
        if change in ("edit_template", "edit_static") or rng.random() < 0.5:
            # Else the edited files are racy: read again whatever their status says (and a racy
            # template or static file leaves no stamp of the settings, so the next build lists every page).
            time.sleep(0.25)
        quick.clear()
        run_build(incremental)
        if change in BODY_CHANGES[:4]:
            assert quick == [True], f"step {step} ({change}) was not rebuilt from its bodies alone"
        elif change in ("edit_body_and_title", "retitle", "redate", "add", "delete", "rename"):
            assert True not in quick, f"step {step} ({change}) was taken as an edit of bodies alone"
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        build_project(project.options("full", None))
        assert_same_site(tmp_path / "site", tmp_path / "full", f"step {step} ({change}, seed {seed})")


def test_an_edit_of_the_newest_body_rewrites_its_page_and_the_feeds_that_carry_it(tmp_path):
    project = Project(tmp_path, random.Random(17))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    before = files_of(options.out)
    project.edit_newest_body()
    result = build_project(options)
    after = files_of(options.out)
    changed = sorted(p for p in after if before.get(p) != after[p] and p != ".digest-site")
    assert "feed.xml" in changed and "feed.json" in changed, changed
    assert result.report.changed == len(changed)
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "the newest body edited")


def test_a_quick_rebuild_then_a_damaged_state_still_builds_right(tmp_path):
    project = Project(tmp_path, random.Random(18))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    project.edit_body()
    build_project(options)
    state, _ = cache.state_files(options.cache, options.out)
    import sqlite3

    with sqlite3.connect(state) as db:
        db.execute("DELETE FROM blobs")  # as if the parsed briefings were lost
    project.edit_body()
    result = build_project(options)
    assert result.notes == ()
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "a state without its briefings")


def test_a_rebuild_renders_only_what_changed_and_nothing_when_nothing_did(tmp_path):
    project = Project(tmp_path, random.Random(7))
    options = project.options("site", tmp_path / ".digest-cache")
    first = build_project(options)
    assert first.report.changed == first.pages
    again = build_project(options)
    assert (again.report.changed, again.report.removed) == (0, 0)
    before = files_of(options.out)
    project.edit_body()
    edited = build_project(options)
    after = files_of(options.out)
    changed = sorted(path for path in after if before.get(path) != after[path] and path != ".digest-site")
    # The briefing's page, and the feeds (Atom and JSON) that carry its body when it is among their newest.
    assert edited.report.changed == len(changed)
    assert len([p for p in changed if p.startswith("briefings/")]) == 1
    assert all(p.startswith("briefings/") or p.endswith(("feed.xml", "feed.json")) for p in changed), changed


def test_a_changed_briefing_updates_every_view_that_shows_it(tmp_path):
    project = Project(tmp_path, random.Random(14))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    before = files_of(options.out)
    stem = project.stems()[0]
    fields, _ = project.fields(stem)
    project.rewrite(stem, title="Moved and retitled", city="Shenzhen", cities=["Shenzhen"], theme="Talent",
                    date="2023-03-15")
    build_project(options)
    after = files_of(options.out)
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "one briefing moved")
    changed = {path for path in after if before.get(path) != after[path]}
    old_city, old_theme = slugify(fields["city"]), slugify(fields["theme"])
    expected = {
        "cities/shenzhen/index.html",  # the new city's profile
        f"cities/{old_city}/index.html",  # the old city's profile
        "cities/index.html", "cities-by-count/index.html", "compare/index.html",
        "compare/shenzhen/talent/index.html",  # the cell it joins
        "editions/2023-w11/index.html", "editions/2023-w11/email.html", "editions/feed.xml", "editions/feed.json",
        "feed.xml", "feed.json", "cities/shenzhen/feed.json", "themes/talent/feed.json",
        "briefings.json", "briefings.csv",
    }
    assert expected <= changed, sorted(expected - changed)
    # The cell it left is gone, or lists one briefing fewer.
    cell = f"compare/{old_city}/{old_theme}/index.html"
    assert cell not in after or after[cell] != before[cell]


def test_switching_the_interface_language_rebuilds_to_equal_full_builds(tmp_path):
    project = Project(tmp_path, random.Random(16))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    for step, change in enumerate(("zh-CN", "move", "redate", "en")):
        if change in ("zh-CN", "en"):
            project.settings["language"] = change
            project.write_settings()
        else:
            getattr(project, change)()
        run_build(options)
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        build_project(project.options("full", None))
        assert_same_site(options.out, tmp_path / "full", f"step {step} ({change})")
    assert 'lang="en"' in (options.out / "index.html").read_text(encoding="utf-8")


def test_a_changed_language_file_rebuilds_the_pages_that_show_its_text(tmp_path, monkeypatch):
    from generator import build, interface

    project = Project(tmp_path, random.Random(15))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    english = interface.load_interface_text("en")

    def edited(language, folder=interface.LOCALES, city_names=None):
        # As if en.yaml said something else for the navigation's first entry and the dates' month form.
        text = interface.load_interface_text(language, folder, city_names)
        phrases = {**text.phrases, "nav.home": "Newest", "dates.month": "{month_name}, {year}"}
        return dataclasses.replace(text, phrases=phrases, groups={**text.groups, "nav": {**text.groups["nav"],
                                                                                          "home": "Newest"}})

    monkeypatch.setattr(build, "load_interface_text", edited)
    result = build_project(options)
    assert result.report.changed > 0 and "Newest" in (options.out / "index.html").read_text(encoding="utf-8")
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "an edited language file")
    assert english.phrases["nav.home"] != "Newest"


def test_a_damaged_cache_means_a_full_build_with_a_note(tmp_path):
    project = Project(tmp_path, random.Random(8))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    state, _ = cache.state_files(options.cache, options.out)
    data = state.read_bytes()
    for damaged in (b"", data[: len(data) // 2], b"not a pickle" + data):
        state.write_bytes(damaged)
        project.retitle()
        result = build_project(options)
        expected = "not one this version of digest reads" if damaged.startswith(b"not") else "could not be read"
        assert damaged == b"" or any(expected in note for note in result.notes), result.notes
        build_project(project.options("full", None))
        assert_same_site(tmp_path / "site", tmp_path / "full", "a damaged cache")


def test_a_cache_another_version_wrote_with_other_tables_is_made_afresh(tmp_path):
    import pickle
    import sqlite3

    project = Project(tmp_path, random.Random(17))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    path, _ = cache.state_files(options.cache, options.out)
    # As an older digest left it: its own format number, and a pages table with a column fewer.
    db = sqlite3.connect(path)
    db.execute("DROP TABLE pages")
    db.execute("CREATE TABLE pages (path TEXT PRIMARY KEY, fingerprint TEXT)")
    db.execute("UPDATE settings SET value = ? WHERE name = 'header'",
               (pickle.dumps(("digest-build-state", cache.FORMAT - 1, cache.program_version())),))
    db.commit()
    db.close()
    project.retitle()
    result = build_project(options)
    assert any("from another version of digest" in note for note in result.notes), result.notes
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "a cache from another version")
    again = build_project(options)
    assert again.notes == () and again.report.changed == 0


def test_a_site_changed_behind_the_cache_is_rebuilt_whole(tmp_path):
    project = Project(tmp_path, random.Random(9))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    # As an update interrupted while moving files in leaves it: the marker cleared, a page half-written.
    (options.out / ".digest-site").write_text("updating")
    page = next(options.out.glob("briefings/*/index.html"))
    page.write_bytes(page.read_bytes()[:100])
    result = run_build(options)
    assert "building it whole" not in result  # the note goes to the notes, the summary stays plain
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "a damaged site")


def test_a_failed_incremental_build_writes_nothing(tmp_path):
    project = Project(tmp_path, random.Random(10))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    before = files_of(options.out)
    project.retitle()
    (project.templates / "term.html").write_text("{{ no_such_value }}", encoding="utf-8")
    with pytest.raises(DigestError, match="uses an unknown value"):
        build_project(options)
    assert files_of(options.out) == before
    assert sorted(os.listdir(tmp_path)) == [".digest-cache", "content", "digest.toml", "site", "static", "templates",
                                            "vocabulary.yaml"]


def test_a_whole_build_that_fails_leaves_the_cache_as_the_last_finished_build_left_it(tmp_path):
    project = Project(tmp_path, random.Random(12))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)

    def saved_state():
        store = cache.Store(cache.state_files(options.cache, options.out)[0])
        try:
            state = store.state()
            return state.site_id, state.files, state.settings, store.pages()
        finally:
            store.close()

    before = saved_state()
    # No site to trust: the next build is a whole one, which writes its state while it renders.
    shutil.rmtree(options.out)
    project.retitle()
    template = project.templates / "term.html"
    kept = template.read_text(encoding="utf-8")
    template.write_text("{{ no_such_value }}", encoding="utf-8")
    with pytest.raises(DigestError, match="uses an unknown value"):
        build_project(options)
    assert saved_state() == before
    template.write_text(kept, encoding="utf-8")
    build_project(options)
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "a whole build after a failed one")


def test_clean_ignores_the_cache(tmp_path):
    project = Project(tmp_path, random.Random(11))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    state, _ = cache.state_files(options.cache, options.out)
    state.write_bytes(b"garbage")
    from dataclasses import replace

    result: BuildResult = build_project(replace(options, clean=True))
    assert result.notes == () and result.report.changed == 0
    store, state, _ = cache.open_state(options.cache, options.out, cache.program_version())
    store.close()
    assert state is not None


def sharded_search_project(tmp_path: Path, seed: int) -> tuple[Project, BuildOptions]:
    """A project whose search index has shards of at most 4 pages, and the options of a build with search."""
    from dataclasses import replace

    project = Project(tmp_path, random.Random(seed))
    project.settings["search_shard_size"] = 4
    project.write_settings()
    return project, replace(project.options("site", tmp_path / ".digest-cache"), search=True)


def index_files(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every search index file (of every shard) with its inode and bytes."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.read_bytes())
            for folder in index_folders(out) for p in sorted((out / folder).rglob("*")) if p.is_file()}


def index_folders(out: Path) -> list[str]:
    """The search index folders of a built site, one per shard."""
    from generator.search import is_index_folder

    return sorted(p.name for p in out.iterdir() if p.is_dir() and is_index_folder(p.name))


def changed_folders(before: dict[str, tuple[int, bytes]], after: dict[str, tuple[int, bytes]]) -> set[str]:
    """The index folders in which a file was added, removed, rewritten or replaced."""
    paths = set(before) | set(after)
    return {path.split("/")[0] for path in paths if before.get(path) != after.get(path)}


def pages_indexed(bundle: Path) -> int:
    """How many pages a Pagefind bundle holds, from its entry file."""
    import json

    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_the_search_index_is_kept_as_it_is_until_indexed_text_changes(tmp_path):
    from dataclasses import replace

    project = Project(tmp_path, random.Random(12))
    options = replace(project.options("site", tmp_path / ".digest-cache"), search=True)
    build_project(options)
    first = index_files(options.out)
    assert any(name.startswith("pagefind/") for name in first) and any(n.startswith("pagefind-zh/") for n in first)
    # Every briefing in the site's language index; in the Chinese one only what has Chinese text (here
    # none, so the one page Pagefind needs to write an index at all).
    assert pages_indexed(options.out / "pagefind") == len(project.stems())
    assert pages_indexed(options.out / "pagefind-zh") == 1
    write_briefing(project.content, "zh", title="成都发布新能源汽车政策", summary="成都支持新能源汽车。",
                   city="Chengdu", body="新能源汽车产业。\n")
    write_briefing(project.content, "mixed", title="Wuhan names its 光谷 design district", city="Wuhan")
    build_project(options)
    assert pages_indexed(options.out / "pagefind-zh") == 2
    assert pages_indexed(options.out / "pagefind") == len(project.stems())
    first = index_files(options.out)
    project.touch()  # a file saved again with the same text
    build_project(options)
    assert index_files(options.out) == first
    project.edit_body()
    build_project(options)
    assert {k: v[1] for k, v in index_files(options.out).items()} != {k: v[1] for k, v in first.items()}
    build_project(replace(options, search=False))
    assert not (options.out / "pagefind").exists() and not (options.out / "pagefind-zh").exists()


def test_an_edit_reindexes_only_the_shard_of_its_page_and_shards_follow_the_briefings(tmp_path):
    from dataclasses import replace

    from generator.search import plan_search

    project, options = sharded_search_project(tmp_path, 14)
    build_project(options)

    def plan():  # the content files' names are their slugs
        return plan_search("en", project.stems(), (), 4)

    # 12 briefings, at most 4 to a shard: 4 shards (a power of two), each its own bundle.
    words = plan().words
    assert [s.folder for s in words] == ["pagefind", "pagefind-2", "pagefind-3", "pagefind-4"]
    assert index_folders(options.out) == sorted([s.folder for s in words] + ["pagefind-zh"])
    assert [pages_indexed(options.out / s.folder) for s in words] == [len(s.pages) for s in words]
    assert sum(len(s.pages) for s in words) == len(project.stems())

    # An edited body re-indexes its own shard; every other shard keeps its files, inodes included.
    first = index_files(options.out)
    stem = project.stems()[-1]  # not the first: that one also stands in the (otherwise empty) Chinese index
    _, body = project.fields(stem)
    project.rewrite(stem, body=body + "\nOne more paragraph.\n")
    build_project(options)
    holder = next(s.folder for s in words if f"briefings/{stem}/index.html" in s.pages)
    assert changed_folders(first, index_files(options.out)) == {holder}

    # Nothing changed: nothing is re-indexed.
    first = index_files(options.out)
    build_project(options)
    assert index_files(options.out) == first

    # Twice the briefings: twice the shards. Half of them again: the shards of the numbers gone are removed.
    for _ in range(12):
        project.add()
    build_project(options)
    assert 4 < len(plan().words) <= 8  # a shard the hashes leave empty is left out
    assert index_folders(options.out) == sorted([s.folder for s in plan().words] + ["pagefind-zh"])
    for stem in project.stems()[:12]:
        (project.content / f"{stem}.md").unlink()
    build_project(options)
    assert index_folders(options.out) == sorted([s.folder for s in plan().words] + ["pagefind-zh"])
    assert sum(pages_indexed(options.out / s.folder) for s in plan().words) == 12

    # A full build without the cache gives the same shards, each with the same pages.
    build_project(replace(project.options("full", None), search=True))
    assert index_folders(tmp_path / "full") == index_folders(options.out)
    for folder in index_folders(options.out):
        assert pages_indexed(tmp_path / "full" / folder) == pages_indexed(options.out / folder)


def indexed_texts(out: Path, folder: str) -> dict[str, str]:
    """What a shard's fragments hold, by page URL: the text Pagefind indexed of each page."""
    import gzip
    import json

    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in sorted((out / folder / "fragment").iterdir())]
    return {fragment["url"]: fragment["content"] for fragment in fragments}


def test_a_change_outside_what_pagefind_reads_renders_the_pages_again_but_keeps_the_search_index(tmp_path):
    from dataclasses import replace

    project, options = sharded_search_project(tmp_path, 15)
    build_project(options)
    first = index_files(options.out)
    assert len(index_folders(options.out)) > 2

    # The site's title is in every page's head and header, outside the part Pagefind indexes: every
    # page is rendered again, and every index file stays as it was, inodes included.
    project.settings["title"] = "A Digest Renamed"
    project.write_settings()
    result = build_project(options)
    assert result.report.changed >= len(project.stems())
    stem = project.stems()[0]
    assert "A Digest Renamed" in (options.out / "briefings" / stem / "index.html").read_text(encoding="utf-8")
    assert index_files(options.out) == first

    # A sentence added to the indexed part of every briefing page re-indexes every shard of both indexes.
    template = project.templates / "briefing.html"
    text = template.read_text(encoding="utf-8")
    assert text.count("data-pagefind-body>") == 1
    template.write_text(text.replace("data-pagefind-body>", "data-pagefind-body><p>Indexed anew.</p>"),
                        encoding="utf-8")
    build_project(options)
    assert changed_folders(first, index_files(options.out)) == set(index_folders(options.out))
    texts = indexed_texts(options.out, "pagefind")
    assert texts and all(content.startswith("Indexed anew.") for content in texts.values())

    # A build without the cache indexes the same text.
    build_project(replace(project.options("full", None), search=True))
    assert index_folders(tmp_path / "full") == index_folders(options.out)
    for folder in index_folders(options.out):
        assert indexed_texts(tmp_path / "full", folder) == indexed_texts(options.out, folder)


@pytest.mark.parametrize("ahead", [True, False])
def test_pagefind_reads_each_page_s_search_document_written_by_the_renderers_or_read_back(tmp_path, monkeypatch,
                                                                                          ahead):
    from dataclasses import replace

    from generator import build, search

    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    if not ahead:
        monkeypatch.setattr(build, "DOCUMENTS_AHEAD", 0)
    seen: dict[str, dict[str, bytes]] = {}
    index_shards = search.index_shards

    def noting_documents(site, shards, meanwhile=None, written=None):
        assert (written is not None) == ahead
        if written is not None:
            seen.update({shard.folder: {p.relative_to(written / shard.folder).as_posix(): p.read_bytes()
                                        for p in (written / shard.folder).rglob("*") if p.is_file()}
                         for shard in shards})
            expected = {shard.folder: {page: search.search_document((site / page).read_bytes())
                                       for page in shard.pages} for shard in shards}
            assert seen == expected
        return index_shards(site, shards, meanwhile, written)

    monkeypatch.setattr(search, "index_shards", noting_documents)
    project, options = sharded_search_project(tmp_path, 18)
    project.add_chinese()  # in a shard of each index
    build_project(options)
    assert len(seen) == (len(index_folders(options.out)) if ahead else 0)
    assert not any(memory.iterdir()), "the documents given to Pagefind were left behind"
    texts = {folder: indexed_texts(options.out, folder) for folder in index_folders(options.out)}
    assert sum(len(t) for t in texts.values()) == len(project.stems()) + 1
    # The same index either way, and as a build that never wrote the documents ahead.
    monkeypatch.setattr(search, "index_shards", index_shards)
    monkeypatch.setattr(build, "DOCUMENTS_AHEAD", 0)
    build_project(replace(project.options("full", None), search=True))
    assert {folder: indexed_texts(tmp_path / "full", folder) for folder in index_folders(options.out)} == texts


def test_a_memory_folder_that_fills_up_leaves_pagefind_reading_the_site_s_pages(tmp_path, monkeypatch):
    import errno
    from dataclasses import replace

    from generator import search, write

    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY_FOLDER", str(memory))
    project, options = sharded_search_project(tmp_path, 19)
    build_project(replace(project.options("expected", None), search=True))
    expected = {folder: indexed_texts(tmp_path / "expected", folder) for folder in index_folders(tmp_path / "expected")}

    # The folder fills up after a few documents, while the pages render and again when a shard's are written.
    write_file, written = write.write_file, []

    def filling_up(path, data):
        if path.startswith(str(memory)):
            if len(written) >= 3:
                raise OSError(errno.ENOSPC, "No space left on device", path)
            written.append(path)
        write_file(path, data)

    monkeypatch.setattr(write, "write_file", filling_up)
    build_project(options)
    assert len(written) == 3
    assert {folder: indexed_texts(options.out, folder) for folder in index_folders(options.out)} == expected
    assert not any(memory.iterdir()), "the documents given to Pagefind were left behind"


def test_a_build_with_search_after_one_without_indexes_pages_it_did_not_render_again(tmp_path):
    from dataclasses import replace

    project = Project(tmp_path, random.Random(16))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    assert index_folders(options.out) == []
    # Nothing the pages show changed, so none is rendered: what Pagefind reads comes from the site.
    result = build_project(replace(options, search=True))
    assert result.report.changed == 0
    assert pages_indexed(options.out / "pagefind") == len(project.stems())
    first = index_files(options.out)
    assert build_project(replace(options, search=True)).report.changed == 0
    assert index_files(options.out) == first
    project.edit_body()
    build_project(replace(options, search=True))
    assert changed_folders(first, index_files(options.out)) == {"pagefind"}


def test_two_builds_at_once_leave_a_whole_site_and_a_sound_cache(tmp_path):
    import multiprocessing

    project = Project(tmp_path, random.Random(13))
    options = project.options("site", tmp_path / ".digest-cache")
    build_project(options)
    project.retitle()
    project.add()
    context = multiprocessing.get_context("fork")
    builds = [context.Process(target=build_project, args=(options,)) for _ in range(2)]
    for process in builds:
        process.start()
    for process in builds:
        process.join()
    assert [p.exitcode for p in builds] == [0, 0]
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "two builds at once")
    assert build_project(options).report.changed == 0  # the cache describes the site it left


def test_a_page_kind_keyed_by_its_view_data_is_rebuilt_exactly_when_that_data_changes(vocabulary):
    from generator.config import SiteConfig
    from generator.indexes import build_index
    from generator.interface import load_interface_text
    from generator.model import Briefing, PartialDate
    from generator.pages.timeline import render_year_page
    from generator.views import page_specs

    def timeline_key(title: str) -> tuple:
        briefing = Briefing(slug="a", title=title, date=PartialDate(2023, 5), city="Chengdu", cities=("Chengdu",),
                            theme="Talent", tags=(), summary="", body="")
        index = build_index([briefing], vocabulary)
        (spec,) = page_specs([render_year_page(index, SiteConfig(), load_interface_text("en"), 0)])
        assert spec.build().path == spec.path == "timeline/2023/index.html"
        return spec.key

    assert timeline_key("A title") == timeline_key("A title")
    assert timeline_key("A title") != timeline_key("Another title")


def test_a_problem_found_in_a_worker_process_reaches_the_report_whole():
    import pickle

    from generator.errors import Problem

    error = DigestError([Problem("content/a.md", "is bad.", line=3, field="date", hint="fix it.")])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems and again.report() == error.report()


def test_digest_build_keeps_its_cache_beside_the_content_and_says_when_it_cannot_use_it(tmp_path):
    import subprocess
    import sys

    Project(tmp_path, random.Random(14))

    def digest_build(*extra):
        return subprocess.run([sys.executable, "-m", "generator", "build", "--no-search", "--templates", "templates",
                               "--static", "static", *extra], cwd=tmp_path, capture_output=True, text=True)

    first = digest_build()
    assert first.returncode == 0 and first.stderr == "", first.stderr
    states = list((tmp_path / ".digest-cache").glob("*.state"))
    assert len(states) == 1 and (tmp_path / ".digest-cache/.gitignore").read_text() == "*\n"
    again = digest_build()
    assert "(0 new or changed" in again.stdout and again.stderr == ""
    states[0].write_bytes(states[0].read_bytes()[:100] + b"damaged")
    damaged = digest_build()
    assert damaged.returncode == 0 and "could not be read" in damaged.stderr and "building everything" in damaged.stderr
    assert "(0 new or changed" in damaged.stdout  # everything rendered, nothing different written
    # Not a database at all, as the file an older digest kept its state in.
    states[0].write_bytes(b"\x80\x05an older cache")
    older = digest_build()
    assert older.returncode == 0 and "not one this version of digest reads" in older.stderr
    assert "(0 new or changed" in older.stdout
    clean = digest_build("--clean", "--cache", "elsewhere")
    assert clean.returncode == 0 and clean.stderr == "" and (tmp_path / "elsewhere").is_dir()


def test_a_rebuild_of_bodies_alone_renders_in_worker_processes_alike(tmp_path, monkeypatch):
    import time

    from generator import workers

    # Worker processes read the briefings the pages show from the cache on connections of their own.
    monkeypatch.setattr(cache, "RACY_NS", 200_000_000)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "CHUNK", 1)
    project = Project(tmp_path, random.Random(19))
    options = project.options("site", tmp_path / ".digest-cache")
    time.sleep(0.25)
    build_project(options)
    project.edit_bodies()
    project.edit_newest_body()
    from generator import build

    quick = []
    rebuild_bodies = build._rebuild_bodies
    monkeypatch.setattr(build, "_rebuild_bodies", lambda *args: quick.append(rebuild_bodies(*args)) or quick[-1])
    monkeypatch.setenv("DIGEST_TEST_PIDS", str(tmp_path / "pids"))
    monkeypatch.setattr(build, "_render_range", _render_range_noting_pid)
    result = build_project(options)
    assert quick and quick[0] is not None and result.report.changed >= 4
    assert worker_pids(tmp_path / "pids"), "the pages were not rendered in worker processes"
    build_project(project.options("full", None))
    assert_same_site(options.out, tmp_path / "full", "bodies edited, pages rendered in workers")


def test_content_parsed_in_worker_processes_gives_the_same_site_and_problems(tmp_path, monkeypatch):
    from generator import build, workers
    from generator.gazetteer import load_gazetteer

    project = Project(tmp_path, random.Random(20))
    # Names that are not the city's usual one: parsed on the assumption that they are, then parsed again.
    for stem, city, cities in zip(project.stems()[:3], ["chengdu", "成都市", "Wuhan"],
                                  [["Wuhan City"], ["chengdu"], ["南京", "Nanjing"]]):
        project.rewrite(stem, city=city, cities=cities)
    build_project(project.options("here", None))
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "CHUNK", 3)
    monkeypatch.setattr(build, "GAZETTEER_ALONGSIDE_FROM", 2)
    # As in a fresh process, the gazetteer is not loaded yet: it loads in a process of its own.
    load_gazetteer.cache_clear()
    monkeypatch.setenv("DIGEST_TEST_PIDS", str(tmp_path / "pids"))
    monkeypatch.setattr(build, "_parse_range", _parse_range_noting_pid)
    monkeypatch.setenv("DIGEST_TEST_GAZETTEER_PIDS", str(tmp_path / "gazetteer-pids"))
    monkeypatch.setattr(build, "_gazetteer_tables", _gazetteer_tables_noting_pid)
    build_project(project.options("workers", None))
    assert worker_pids(tmp_path / "pids"), "the files were not parsed in worker processes"
    assert worker_pids(tmp_path / "gazetteer-pids"), "the gazetteer was not loaded in a process of its own"
    assert_same_site(tmp_path / "workers", tmp_path / "here", "content parsed in workers")
    # A problem found in a worker names its file, as one found here does; so does a city the gazetteer
    # does not know, found only once the gazetteer has loaded.
    stems = project.stems()
    text = (project.content / f"{stems[5]}.md").read_text(encoding="utf-8")
    (project.content / f"{stems[5]}.md").write_text(text.replace("date:", "date: not a date\nold_date:", 1),
                                                    encoding="utf-8")
    project.rewrite(stems[6], city="Atlantis", cities=["Atlantis", "chengdu"])
    project.rewrite(stems[7], cities=["Gotham"])
    # A file with another problem as well: the city is found unknown only when the file is parsed again.
    project.rewrite(stems[8], cities=["Narnia"], date="the day before yesterday")
    with pytest.raises(DigestError) as raised:
        build_project(project.options("workers", None))
    found = [str(problem) for problem in raised.value.problems]
    assert any(stems[8] in p and "'Narnia' is not a Chinese city" in p for p in found)
    assert any(stems[5] in problem and "date" in problem for problem in found)
    assert sum(stems[6] in p and "'Atlantis' is not a Chinese city the gazetteer knows" in p for p in found) == 2
    assert any(stems[7] in p and "'Gotham' is not a Chinese city" in p for p in found)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**6)
    monkeypatch.setattr(build, "GAZETTEER_ALONGSIDE_FROM", 10**6)
    with pytest.raises(DigestError) as raised_here:
        build_project(project.options("here", None))
    assert found == [str(problem) for problem in raised_here.value.problems]


def worker_pids(path: Path) -> set[int]:
    """The processes other than this one that noted their pid in `path`."""
    return {int(line) for line in path.read_text().split()} - {os.getpid()} if path.exists() else set()


def _noting_pid() -> None:
    with open(os.environ["DIGEST_TEST_PIDS"], "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")


def _render_range_noting_pid(indices):
    # At the test module's top level: worker processes find a job's function by its name.
    _noting_pid()
    return _render_range(indices)


def _parse_range_noting_pid(indices):
    _noting_pid()
    return _parse_range(indices)


def _gazetteer_tables_noting_pid():
    with open(os.environ["DIGEST_TEST_GAZETTEER_PIDS"], "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return _gazetteer_tables()



def test_a_digest_without_briefings_builds_with_search_and_its_search_page_loads_no_index(tmp_path):
    from dataclasses import replace

    project = Project(tmp_path, random.Random(15))
    options = replace(project.options("site", tmp_path / ".digest-cache"), search=True)
    build_project(options)
    assert index_folders(options.out) == ["pagefind", "pagefind-zh"]

    # Every briefing removed: the rebuild removes the index folders, as a clean build has none.
    for stem in project.stems():
        (project.content / f"{stem}.md").unlink()
    for target, cache_dir in (("site", tmp_path / ".digest-cache"), ("full", None)):
        result = build_project(replace(project.options(target, cache_dir), search=True))
        assert result.briefings == 0
        assert index_folders(tmp_path / target) == []
        search_page = (tmp_path / target / "search" / "index.html").read_text(encoding="utf-8")
        assert 'data-index="" data-cjk-index=""' in search_page


def test_the_pages_a_rebuild_asks_for_are_the_site_s_own_specs(vocabulary):
    from generator.config import SiteConfig
    from generator.indexes import build_index
    from generator.interface import load_interface_text
    from generator.model import Briefing, PartialDate
    from generator.pages import kind_specs, some_specs
    from generator.views import Facets

    briefings = [Briefing(slug=f"b{i}", title=f"Briefing {i}", date=PartialDate(2020 + i % 3, 1 + i % 12),
                          city="Chengdu" if i % 2 else "Nanjing", cities=("Chengdu",), theme="Talent", tags=(),
                          summary="", body="") for i in range(9)]
    index = build_index(briefings, vocabulary)
    config, text = SiteConfig(), load_interface_text("en")
    facets = Facets.of(index.briefings, {b.slug: str(i) for i, b in enumerate(briefings)})
    every = {spec.path: (kind, spec.key) for kind, spec in kind_specs(index, config, text, facets)}
    # Briefing pages (made one by one), a feed and a term page (listed), and a path no page has.
    wanted = {path: kind for path, (kind, _) in every.items()
              if kind == "briefing_specs" and path.split("/")[1] in ("b0", "b4", "b8")
              or path in ("feed.xml", "cities/chengdu/index.html")}
    assert len(wanted) == 5
    found = {spec.path: spec.key for spec in some_specs(
        {**wanted, "briefings/nothing/index.html": "briefing_specs"}, index, config, text, facets)}
    assert found == {path: every[path][1] for path in wanted}
