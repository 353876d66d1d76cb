"""Benchmark the build on a synthetic digest: time per stage, rebuilds from the cache, Pagefind, peak memory.

    .venv/bin/python benchmarks/bench_build.py --briefings 10000 [--search]

Figures depend on the machine; run it before and after a change to the build.
For the comparison with Hugo, see the README's performance section.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from generator import build, cache, write
from generator.config import BuildOptions, SiteConfig
from generator.indexes import build_index
from generator.interface import load_interface_text
from generator.pages import site_specs, some_specs
from generator.templating import make_environment, render_page
from generator.views import Facets, FullKeys
from generator.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
CITIES = ["Chengdu", "Chongqing", "Nanjing", "Wuhan", "Shenzhen", "Hangzhou", "Suzhou", "Xiamen", "Hefei", "Tianjin"]
PARAGRAPH = ("The municipal government announced measures to support advanced manufacturing, "
             "industrial design and talent, with funds for new application scenarios. ") * 4


def make_content(folder: Path, count: int, vocabulary) -> None:
    """`count` plausible briefings with varied cities, themes, tags and dates."""
    rng = random.Random(42)
    themes = [t.name for t in vocabulary.themes]
    tags = [t.name for t in vocabulary.tags]
    folder.mkdir(parents=True)
    for i in range(count):
        city = rng.choice(CITIES)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        chosen = rng.sample(tags, 3)
        (folder / f"{date}-briefing-{i:06d}.md").write_text(
            f"---\ntitle: Briefing {i} on {city} policy\ndate: {date}\ncity: {city}\n"
            f"cities: [{city}, {rng.choice(CITIES)}]\ntheme: {rng.choice(themes)}\n"
            f"tags: [{', '.join(chosen)}]\nsource: Example News\nsummary: Briefing {i} summary.\n---\n"
            + "\n\n## Measures\n\n".join([PARAGRAPH] * 3) + "\n", encoding="utf-8")
    # As if written an hour ago: files saved moments before a build are read in full, not trusted by their time.
    an_hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<36} {time.perf_counter() - start:8.2f} s")
    return result


def stages(content: Path, out: Path, vocabulary, config: SiteConfig) -> None:
    """A full build without cache, stage by stage (parsing, related lists and rendering use every core)."""
    records = timed("  load and validate", lambda: build.load_content(content, vocabulary, {}))
    index = timed("  index (related on every core)", lambda: build_index([r.briefing for r in records.values()],
                                                                        vocabulary))
    facets = Facets.of(index.briefings, {r.briefing.slug: r.content_hash for r in records.values()})
    text = load_interface_text(config.language)
    specs = timed("  list pages with their keys", lambda: [*site_specs(index, config, text, facets),
                                                           *build.static_specs(REPO / "static")])
    timed("  fingerprints", lambda: {s.path: build._fingerprint("", s.key) for s in specs})
    env = make_environment(REPO / "templates")
    staging = write.staging_dir(out)
    staging.mkdir(parents=True)
    timed("  render and write (every core)", lambda: build._render(specs, env, REPO / "templates", staging, out,
                                                                   link_unchanged=True))
    timed("  swap in", lambda: write.swap_in(staging, out))
    print(f"  {len(specs)} files")


def rebuild_stages(options: BuildOptions, vocabulary, config: SiteConfig) -> None:
    """What a rebuild after an edit of bodies alone reads, stage by stage (build._rebuild_bodies)."""
    scan = timed("  scan the inputs (one stat each)", lambda: cache.scan_inputs(options))
    program = cache.program_version()
    store, state, _ = timed("  open the state (files, settings)", lambda: cache.open_state(options.cache,
                                                                                             options.out, program))
    light = timed("  load the indexes (not the briefings)", lambda: store.blob("index"))
    index, facets = build._stored_index(light, build._BriefingReader(store.path))
    changed = [n for n, status in scan.content.items() if n in scan.racy or state.files[n].status != status]
    wanted = store.readers(state.files[n].slug for n in changed)
    facets = dataclasses.replace(facets, full=FullKeys({row.slug: row.content_hash for row in state.files.values()}))
    text = load_interface_text(config.language)
    specs = timed(f"  list the {len(wanted)} pages showing it", lambda: list(some_specs(wanted, index, config, text,
                                                                                       facets)))
    env = make_environment(REPO / "templates")
    timed("  render them", lambda: [render_page(env, p) if not isinstance(p := s.build(), bytes) else p
                                    for s in specs])
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefings", type=int, default=2000)
    parser.add_argument("--search", action="store_true", help="also time Pagefind on the built site")
    args = parser.parse_args()
    vocabulary = load_vocabulary(REPO / "vocabulary.yaml")
    config = SiteConfig()
    with tempfile.TemporaryDirectory() as tmp:
        content, out, cache_dir = Path(tmp) / "content", Path(tmp) / "site", Path(tmp) / "cache"
        make_content(content, args.briefings, vocabulary)
        print(f"{args.briefings} briefings")
        timed("full build, stage by stage", lambda: stages(content, out, vocabulary, config))
        shutil.rmtree(out)

        (Path(tmp) / "digest.toml").write_text("", encoding="utf-8")
        options = BuildOptions(content=content, out=out, templates=REPO / "templates", static=REPO / "static",
                               config=Path(tmp) / "digest.toml", vocabulary=REPO / "vocabulary.yaml",
                               search=False, cache=cache_dir)

        def cached_build():
            # As `digest build` does: one scan of the inputs, the no-change check, else a build.
            scan = cache.scan_inputs(options)
            return cache.unchanged_summary(options, scan) or build.build_project(options, scan)

        timed("cold build, writing the cache", cached_build)
        timed("rebuild, nothing changed", cached_build)
        edited = sorted(content.glob("*.md"))[args.briefings // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        result = timed("rebuild after a body edit", cached_build)
        print(f"  {result.report.changed} files rewritten")
        edited.write_text(edited.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
        timed("another body edit, stage by stage", lambda: rebuild_stages(options, vocabulary, config))
        cached_build()
        edited.write_text(edited.read_text(encoding="utf-8").replace("title: Briefing", "title: Retitled", 1),
                          encoding="utf-8")
        result = timed("rebuild after a retitle", cached_build)
        print(f"  {result.report.changed} files rewritten (its page and every listing showing its card)")
        if args.search:
            from generator.search import index_shards, plan_search

            # Every page in both indexes (the most Pagefind can be asked to do), one shard after the other.
            slugs = [r.briefing.slug for r in build.load_content(content, vocabulary, {}).values()]
            plan = plan_search(config.language, slugs, slugs, config.search_shard_size)
            timed(f"Pagefind, both indexes, {len(plan.shards)} shards", lambda: index_shards(out, plan.shards))
            pagefind_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"  Pagefind peak memory (the largest shard's run) {pagefind_peak:.0f} MiB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the build itself {peak:.0f} MiB")


if __name__ == "__main__":
    main()
