"""Shared fixtures: the repository's own templates and vocabulary, briefing files, and built sites."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.build import BuildResult, build_site
from generator.config import SiteConfig
from generator.vocabulary import Vocabulary, load_vocabulary

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
TEMPLATES = REPO / "templates"
STATIC = REPO / "static"

DEFAULT_FIELDS = {
    "title": "Wuhan opens an optics valley design week",
    "date": "2022-05-10",
    "city": "Wuhan",
    "cities": ["Wuhan"],
    "theme": "Industrial design",
    "tags": ["Industrial design"],
    "source": "Example News",
    "seed": "seeds/example.txt",
    "summary": "A design week opened in Wuhan.",
}


def write_briefing(folder: Path, stem: str, body: str = "The article text.\n", **fields) -> Path:
    """A content file with sensible defaults; a field given as None is left out."""
    folder.mkdir(parents=True, exist_ok=True)
    values = {**DEFAULT_FIELDS, **fields}
    if "cities" not in fields and "city" in fields:
        values["cities"] = [fields["city"]]
    values = {k: v for k, v in values.items() if v is not None}
    text = "---\n" + yaml.safe_dump(values, sort_keys=False, allow_unicode=True) + "---\n" + body
    path = folder / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary(REPO / "vocabulary.yaml")


@pytest.fixture
def config() -> SiteConfig:
    return SiteConfig(title="Test Digest", description="A digest for tests.", base_url="https://example.org/digest/")


def build(content: Path, out: Path, vocabulary: Vocabulary, config: SiteConfig | None = None,
          templates: Path = TEMPLATES) -> BuildResult:
    """Build without the search index (fast), from the repository's templates and assets."""
    return build_site(config or SiteConfig(), vocabulary, content_dir=content, out_dir=out,
                      templates_dir=templates, static_dir=STATIC, search=False)


@dataclass(frozen=True)
class SeedSite:
    """The five seeds ingested and built once for the whole test session."""

    content: Path
    out: Path


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory, vocabulary) -> SeedSite:
    from generator.ingest import ingest_seeds

    root = tmp_path_factory.mktemp("seed-site")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    report = ingest_seeds(seeds, root / "content", vocabulary)
    assert not report.problems, report.problems
    build(root / "content", root / "site", vocabulary,
          SiteConfig(title="Seed Digest", base_url="https://example.org/digest/", per_page=3))
    return SeedSite(root / "content", root / "site")
