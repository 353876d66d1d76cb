"""Site settings: a small typed schema read from digest.toml and checked once at start."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from typing import TYPE_CHECKING

from generator.editions import EDITION_LENGTHS, EditionLength
from generator.errors import DigestError, Problem

if TYPE_CHECKING:
    from generator.vocabulary import Vocabulary

DEFAULT_CONFIG = Path("digest.toml")
DEFAULT_VOCABULARY = Path("vocabulary.yaml")
BASE_URL_VARIABLE = "DIGEST_BASE_URL"
DEFAULT_CACHE = Path(".digest-cache")
# Formats of the data export, as digest.toml names them (generator/exports.py writes them).
EXPORT_FORMATS = ("json", "csv")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class SiteConfig:
    """Settings for the built site. Each field may be set in digest.toml."""

    title: str = "Policy Briefing Digest"
    """The site's name, in the header, page titles and feeds."""

    description: str = "Briefings on city industrial policy."
    """One sentence for the home page, feeds and search engines."""

    language: str = "en"
    """BCP 47 language tag of the pages, e.g. 'en', 'en-GB' or 'zh-CN'; the interface text comes from the
    language file of that tag, or of its language (generator/locales/)."""

    base_url: str = "https://example.org/"
    """Absolute URL the site is published at, ending in '/'; used in feeds, sitemap and canonical links."""

    per_page: int = 20
    """Briefings per listing page (home, theme, tag and city pages)."""

    edition_length: EditionLength = "week"
    """How long an edition of the digest runs: 'week' (ISO weeks, Monday to Sunday, plus an
    edition per month for briefings dated only to a month) or 'month' (calendar months)."""

    exports: tuple[str, ...] = EXPORT_FORMATS
    """Data exports to write: 'json' (briefings.json) and 'csv' (briefings.csv); () writes none."""

    search_shard_size: int = 2000
    """Briefing pages per search index shard, at most on average: each shard is one Pagefind run, whose
    memory grows with its pages (about 0.2 MB a page), and one more set of files the search page loads."""

    sitemap_size: int = 50_000
    """URLs per sitemap file, at most 50,000 (the sitemaps protocol's limit): a site with more HTML pages
    gets a sitemap index at sitemap.xml naming sitemap-1.xml, sitemap-2.xml and so on."""

    def with_base_url(self, base_url: str, source: str = "--base-url") -> "SiteConfig":
        """A copy with another base URL, validated like the file's value."""
        value, problem = _check_base_url(base_url, source)
        if problem:
            raise DigestError([problem])
        return dataclasses.replace(self, base_url=value)

    @property
    def base_path(self) -> str:
        """The path part of the base URL, e.g. '/repo/' for a GitHub project site."""
        return urlsplit(self.base_url).path or "/"


@dataclass(frozen=True)
class BuildOptions:
    """Where a build reads its inputs and writes the site: `digest build`'s options, or the preview's."""

    content: Path = Path("content")
    out: Path = Path("site")
    templates: Path = Path("templates")
    static: Path = Path("static")
    config: Path = DEFAULT_CONFIG
    vocabulary: Path = DEFAULT_VOCABULARY
    base_url: str | None = None
    """Overrides digest.toml's base_url (and $DIGEST_BASE_URL) when given."""
    search: bool = True
    cache: Path | None = DEFAULT_CACHE
    """The build cache folder that makes rebuilds incremental; None builds everything afresh."""
    clean: bool = False
    """Ignore the build cache (and rewrite it): a full build."""


def _check_base_url(value: object, where: str) -> tuple[str, Problem | None]:
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return "", Problem(where, f"must be an absolute http(s) URL, not {value!r}.", field="base_url",
                           hint="for example 'https://user.github.io/repo/'.")
    return (text if text.endswith("/") else text + "/"), None


def load_config(path: Path = DEFAULT_CONFIG) -> SiteConfig:
    """Read digest.toml (all keys optional; a missing file gives the defaults)."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SiteConfig()
    except tomllib.TOMLDecodeError as exc:
        raise DigestError([Problem(where, f"is not valid TOML ({exc}).",
                                   hint="values that are text need quotes: title = \"My digest\".")])
    fields = {f.name: f for f in dataclasses.fields(SiteConfig)}
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key in sorted(data):
        if key not in fields:
            problems.append(Problem(where, "is not a known setting.", field=key,
                                    hint=f"known settings: {', '.join(fields)}."))
    for key in ("title", "description", "language"):
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                problems.append(Problem(where, "must be non-empty text.", field=key))
            else:
                values[key] = data[key].strip()
    if "language" in values and not _LANGUAGE.match(str(values["language"])):
        problems.append(Problem(where, f"is not a language tag ({values['language']!r}).", field="language",
                                hint="use a BCP 47 tag such as 'en' or 'zh-CN'."))
    elif "language" in values:
        from generator.interface import LOCALES, available_languages, locale_path

        if locale_path(str(values["language"])) is None:
            problems.append(Problem(where, f"names a language the interface has no text for "
                                           f"({values['language']!r}).", field="language",
                                    hint=f"use one of {', '.join(available_languages())}, or add a language file "
                                         f"to {LOCALES.parent.name}/{LOCALES.name}/ (see the README)."))
    if "base_url" in data:
        base_url, problem = _check_base_url(data["base_url"], where)
        if problem:
            problems.append(problem)
        values["base_url"] = base_url
    if "per_page" in data:
        per_page = data["per_page"]
        if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= 1000:
            problems.append(Problem(where, f"must be a whole number from 1 to 1000, not {per_page!r}.",
                                    field="per_page"))
        else:
            values["per_page"] = per_page
    if "search_shard_size" in data:
        size = data["search_shard_size"]
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            problems.append(Problem(where, f"must be a whole number of pages, 1 or more, not {size!r}.",
                                    field="search_shard_size", hint="the default is 2000."))
        else:
            values["search_shard_size"] = size
    if "sitemap_size" in data:
        size = data["sitemap_size"]
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 50_000:
            problems.append(Problem(where, f"must be a whole number from 1 to 50000, not {size!r}.",
                                    field="sitemap_size", hint="the sitemaps protocol allows at most 50,000 URLs "
                                                               "in a file, the default."))
        else:
            values["sitemap_size"] = size
    if "edition_length" in data:
        length = data["edition_length"]
        if length not in EDITION_LENGTHS:
            problems.append(Problem(where, f"must be {' or '.join(map(repr, EDITION_LENGTHS))}, not {length!r}.",
                                    field="edition_length"))
        else:
            values["edition_length"] = length
    if "exports" in data:
        exports = data["exports"]
        if not isinstance(exports, list) or not all(isinstance(e, str) and e in EXPORT_FORMATS for e in exports):
            problems.append(Problem(where, f"must be a list of formats from {list(EXPORT_FORMATS)}, not {exports!r}.",
                                    field="exports", hint='write exports = ["json", "csv"], or [] for none.'))
        else:
            values["exports"] = tuple(dict.fromkeys(exports))
    if problems:
        raise DigestError(problems)
    return SiteConfig(**values)


def load_settings(config_path: Path = DEFAULT_CONFIG, vocabulary_path: Path = DEFAULT_VOCABULARY,
                  base_url: str | None = None) -> tuple[SiteConfig, Vocabulary]:
    """The site settings with any base URL override applied (the argument, else
    $DIGEST_BASE_URL, else digest.toml's), and the vocabulary."""
    # Imported here: reading YAML is not needed by whoever only wants the site settings.
    from generator.vocabulary import load_vocabulary

    config = load_config(config_path)
    override = base_url or os.environ.get(BASE_URL_VARIABLE)
    if override:
        config = config.with_base_url(override, "--base-url" if base_url else BASE_URL_VARIABLE)
    return config, load_vocabulary(vocabulary_path)
