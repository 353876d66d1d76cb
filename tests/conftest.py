"""Shared fixtures: the repository's own templates and vocabulary, briefing files, and built sites."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.build import BuildResult, build_site
from generator.config import SiteConfig
from generator.gazetteer import Gazetteer, load_gazetteer
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


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


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
def seed_site(tmp_path_factory, vocabulary, gazetteer) -> SeedSite:
    from generator.ingest import ingest_seeds

    root = tmp_path_factory.mktemp("seed-site")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    report = ingest_seeds(seeds, root / "content", vocabulary, gazetteer)
    assert not report.problems, report.problems
    build(root / "content", root / "site", vocabulary,
          SiteConfig(title="Seed Digest", base_url="https://example.org/digest/", per_page=3))
    return SeedSite(root / "content", root / "site")


@dataclass(frozen=True)
class SearchSite:
    """The repository's content plus the search fixtures, built with the search index.

    A web server serving `root` serves the site at `path`, the sub-path of its base URL.
    """

    root: Path
    base_url: str
    """Where the site says it is published: under a sub-path, as on a GitHub project site."""

    content: Path
    """The content files it was built from."""

    @property
    def path(self) -> str:
        """The URL path to serve the site under, e.g. '/digest/'."""
        return urlsplit(self.base_url).path

    @property
    def out(self) -> Path:
        return self.root / self.path.strip("/")


SEARCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "search"


def build_search_site(root: Path, vocabulary: Vocabulary, **settings: str | int) -> SearchSite:
    """content/ and tests/fixtures/search/ built under root with the search index and these settings."""
    content = root / "content"
    content.mkdir()
    for source in sorted((REPO / "content").glob("*.md")) + sorted(SEARCH_FIXTURES.glob("*.md")):
        shutil.copy2(source, content / source.name)
    site = SearchSite(root / "serve", "https://example.org/digest/", content)
    build_site(SiteConfig(base_url=site.base_url, per_page=3, **settings), vocabulary,
               content_dir=content, out_dir=site.out, templates_dir=TEMPLATES, static_dir=STATIC, search=True)
    return site


@pytest.fixture(scope="session")
def built_site_with_search(tmp_path_factory, vocabulary) -> SearchSite:
    """content/ and tests/fixtures/search/ built once per session, search index included."""
    return build_search_site(tmp_path_factory.mktemp("site-with-search"), vocabulary, title="Test Digest")


@pytest.fixture(scope="session")
def built_sharded_site_with_search(tmp_path_factory, vocabulary) -> SearchSite:
    """The same briefings with each search index split into shards of about two pages."""
    return build_search_site(tmp_path_factory.mktemp("sharded-site-with-search"), vocabulary, title="Test Digest",
                             search_shard_size=2)


@pytest.fixture(scope="session")
def built_chinese_site_with_search(tmp_path_factory, vocabulary) -> SearchSite:
    """The same briefings as built_site_with_search, on a site with a Chinese interface."""
    return build_search_site(tmp_path_factory.mktemp("chinese-site-with-search"), vocabulary,
                             title="城市产业政策简报", description="中国城市产业政策简报：会议、规划和征求意见。",
                             language="zh-CN")
