"""Benchmark the build on a synthetic digest: time per stage, one-file rebuild and peak memory.

    .venv/bin/python benchmarks/bench_build.py --briefings 10000

Figures depend on the machine; run it before and after a change to the build.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from generator import write
from generator.build import _no_cyclic_gc
from generator.config import SiteConfig
from generator.content import load_briefings
from generator.gazetteer import load_gazetteer
from generator.indexes import build_index
from generator.pages import plan_site
from generator.templating import make_environment, render_page
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
            + "\n\n".join([PARAGRAPH] * 3) + "\n", encoding="utf-8")


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<28} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefings", type=int, default=2000)
    args = parser.parse_args()
    vocabulary = load_vocabulary(REPO / "vocabulary.yaml")
    config = SiteConfig()
    lookup = load_gazetteer().canonical
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "site"
        make_content(content, args.briefings, vocabulary)
        print(f"{args.briefings} briefings")

        def full_build():
            briefings = timed("  load and validate", lambda: load_briefings(content, vocabulary, lookup))
            index = timed("  index", lambda: build_index(briefings, vocabulary))
            with _no_cyclic_gc():
                pages = timed("  plan pages", lambda: plan_site(index, config))
            env = make_environment(REPO / "templates")
            files = timed("  render", lambda: {p.path: render_page(env, p) for p in pages})
            staging, report = timed("  stage", lambda: write.stage_site(files, out))
            report = report.__class__(report.changed, report.unchanged, write.count_removed(staging, out))
            timed("  swap in", lambda: write.swap_in(staging, out))
            return len(files), report

        count, report = timed("full build", full_build)
        print(f"  {count} files, {report.changed} written")
        first = sorted(content.glob("*.md"))[0]
        first.write_text(first.read_text().replace("Briefing", "Retitled briefing", 1))
        count, report = timed("rebuild after one edit", full_build)
        print(f"  {report.changed} files rewritten, {report.unchanged} left as they were")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
