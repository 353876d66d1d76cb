"""The controlled vocabulary of themes and tags, read from a data file and checked once."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from generator.datafile import read_yaml
from generator.errors import DigestError, Problem
from generator.slugs import slugify

DEFAULT_VOCABULARY = Path("vocabulary.yaml")
_ENTRY_KEYS = {"name", "description", "keywords"}


@dataclass(frozen=True)
class Term:
    """A theme or tag: its display name, URL slug, description and ingest keywords."""

    name: str
    slug: str
    description: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Every theme and tag a briefing may use."""

    themes: tuple[Term, ...]
    tags: tuple[Term, ...]

    def theme(self, name: str) -> Term | None:
        """The theme with this name, ignoring case, or None."""
        return self._themes_by_name.get(name.strip().casefold())

    def term(self, name: str) -> Term | None:
        """A theme or tag with this name, ignoring case, or None (tags may name themes)."""
        key = name.strip().casefold()
        return self._themes_by_name.get(key) or self._tags_by_name.get(key)

    # Made once per vocabulary, on the instance: a cache keyed by the terms would hash every term
    # (keywords and all) on each of the tens of thousands of lookups a build makes.
    @functools.cached_property
    def _themes_by_name(self) -> dict[str, Term]:
        return _by_folded_name(self.themes)

    @functools.cached_property
    def _tags_by_name(self) -> dict[str, Term]:
        return _by_folded_name(self.tags)


def _by_folded_name(terms: tuple[Term, ...]) -> dict[str, Term]:
    """Terms by case-folded name (the first of equal names wins)."""
    found: dict[str, Term] = {}
    for term in terms:
        found.setdefault(term.name.casefold(), term)
    return found


def load_vocabulary(path: Path = DEFAULT_VOCABULARY) -> Vocabulary:
    """Read and validate the vocabulary file; raise DigestError listing every problem."""
    where = str(path)
    data = read_yaml(path, "the vocabulary file is missing.",
                     hint="create it with 'themes:' and 'tags:' lists; see the README.")
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise DigestError([Problem(where, "must be a mapping with 'themes' and 'tags' lists.")])
    for key in sorted(set(data) - {"themes", "tags"}):
        problems.append(Problem(where, "is not a known section.", field=str(key),
                                hint="only 'themes' and 'tags' are read."))
    groups = {}
    seen: dict[str, str] = {}
    for section in ("themes", "tags"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            problems.append(Problem(where, "must be a list of entries.", field=section))
            entries = []
        terms = []
        for index, entry in enumerate(entries, 1):
            label = f"{section}[{index}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                problems.append(Problem(where, "needs a 'name' (text).", field=label))
                continue
            for key in sorted(set(entry) - _ENTRY_KEYS):
                problems.append(Problem(where, f"has an unknown key '{key}'.", field=label,
                                        hint="entries take name, description and keywords."))
            keywords = entry.get("keywords") or []
            if not isinstance(keywords, list) or not all(isinstance(k, (str, int)) for k in keywords):
                problems.append(Problem(where, "'keywords' must be a list of phrases.", field=label))
                keywords = []
            name = entry["name"].strip()
            if ";" in name:
                # The CSV export joins a briefing's tags with "; " in one cell.
                problems.append(Problem(where, f"'{name}' has a ';', which the data export uses between tags.",
                                        field=label, hint="use a comma or 'and' instead."))
            slug = slugify(name)
            if slug in seen:
                problems.append(Problem(where, f"'{name}' has the same URL slug '{slug}' as '{seen[slug]}'.",
                                        field=label, hint="rename one of them."))
            seen[slug] = name
            terms.append(Term(name=name, slug=slug, description=str(entry.get("description") or "").strip(),
                              keywords=tuple(str(k).strip().lower() for k in keywords if str(k).strip())))
        groups[section] = tuple(terms)
    if not groups["themes"]:
        problems.append(Problem(where, "lists no themes.", field="themes"))
    if problems:
        raise DigestError(problems)
    return Vocabulary(themes=groups["themes"], tags=groups["tags"])
