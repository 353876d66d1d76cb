"""Content loading: read content/*.md, check every field, and return frozen Briefings.

Every problem in every file is collected before anything is raised, so one run
tells a person everything there is to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml
from frontmatter.default_handlers import YAMLHandler

from generator.errors import DigestError, Problem
from generator.model import REVIEWABLE_FIELDS, Briefing, PartialDate
from generator.slugs import slugify
from generator.vocabulary import Vocabulary

KNOWN_FIELDS = ("title", "date", "published", "city", "cities", "theme", "tags",
                "source", "source_url", "seed", "summary", "review")
# A briefing without a date is allowed: some articles state none, and they are listed apart.
REQUIRED_FIELDS = ("title", "city", "theme")
DATE_HINT = "use YYYY-MM-DD, YYYY-MM or YYYY."
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

CityLookup = Callable[[str], "str | None"]


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml's fast parser when present) that leaves dates as text,
    so a bad date gets our clear message instead of a YAML crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# A line that starts a front matter field: "title: ...".
_FIELD_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class SourceFile:
    """A content file's text with where its front matter starts, for line numbers."""

    path: str
    metadata: dict
    body: str
    field_lines: dict


def load_briefings(content_dir: Path, vocabulary: Vocabulary, city_lookup: CityLookup) -> tuple[Briefing, ...]:
    """Read and validate every content/*.md; raise DigestError listing every problem in every file."""
    if not content_dir.is_dir():
        raise DigestError([Problem(str(content_dir), "is not a folder.",
                                   hint="run 'digest ingest' first, or pass --content DIR.")])
    problems: list[Problem] = []
    briefings: list[Briefing] = []
    for path in sorted(content_dir.glob("*.md")):
        briefing, found = read_briefing(path, vocabulary, city_lookup)
        problems.extend(found)
        if briefing is not None:
            briefings.append(briefing)
    problems.extend(slug_clashes(briefings))
    if problems:
        raise DigestError(problems)
    return tuple(sorted(briefings, key=Briefing.sort_key, reverse=True))


def read_briefing(path: Path, vocabulary: Vocabulary, city_lookup: CityLookup,
                  data: bytes | None = None) -> tuple[Briefing | None, list[Problem]]:
    """One content file (whose bytes may be given, already read) as a Briefing, or the problems
    that stop it being one."""
    where = str(path)
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(where, f"is not UTF-8 text (byte {exc.start}).",
                              hint="save the file as UTF-8.")]
    except OSError as exc:
        return None, [Problem(where, f"could not be read ({exc.strerror}).")]
    source, problem = split_front_matter(where, text)
    if problem:
        return None, [problem]
    return check_fields(source, path.stem, vocabulary, city_lookup)


def read_body(briefing: Briefing) -> str:
    """A briefing's Markdown body: the one it holds, or, when it holds none (bodies are
    left out of memory and of the build cache), the one its content file holds now."""
    if briefing.body:
        return briefing.body
    text = Path(briefing.path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    _, body = YAMLHandler().split(text)
    return _clean_body(body)


def _clean_body(body: str) -> str:
    return body.strip() + "\n"


def split_front_matter(where: str, text: str) -> tuple[SourceFile | None, Problem | None]:
    """Separate YAML front matter from the Markdown body, keeping file line numbers."""
    handler = YAMLHandler()
    text = text.replace("\r\n", "\n")
    if not handler.detect(text):
        return None, Problem(where, "has no front matter.", line=1,
                             hint="start the file with a line '---', the fields, then another '---'.")
    try:
        raw, body = handler.split(text)
    except ValueError:
        return None, Problem(where, "has front matter that is never closed.", line=1,
                             hint="end the fields with a line '---'.")
    # The split keeps the rest of the opening '---' line as the first line of
    # `raw`, so YAML's 0-based line numbers plus one are the file's line numbers.
    try:
        metadata = yaml.load(raw, Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        # Point at where the broken construct starts (an unclosed quote, say), not
        # at the end of the front matter where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = "; ".join(filter(None, (getattr(exc, "context", None), getattr(exc, "problem", None)))) \
            or "not valid YAML"
        hint = ("close the quote that opens on this line." if "quoted scalar" in reason
                else "text with a colon or quote in it needs quotes around it.")
        return None, Problem(where, f"front matter is not valid YAML: {reason}.", line=line, hint=hint)
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        return None, Problem(where, "front matter must be 'field: value' lines.", line=2)
    field_lines = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        match = _FIELD_LINE.match(line)
        if match and match.group(1) not in field_lines:
            field_lines[match.group(1)] = number
    return SourceFile(where, metadata, _clean_body(body), field_lines), None


def check_fields(source: SourceFile, stem: str, vocabulary: Vocabulary,
                 city_lookup: CityLookup) -> tuple[Briefing | None, list[Problem]]:
    """Validate each front matter field; a Briefing only when every field is sound."""
    meta = source.metadata
    problems: list[Problem] = []

    def problem(field: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(source.path, message, line=source.field_lines.get(field),
                                field=field, hint=hint))

    for key in meta:
        if key not in KNOWN_FIELDS:
            problem(str(key), "is not a known field.", hint=f"known fields: {', '.join(KNOWN_FIELDS)}.")
    for key in REQUIRED_FIELDS:
        if meta.get(key) in (None, "", []):
            problem(key, "is missing.", hint=_REQUIRED_HINTS[key])

    title = _text(meta.get("title"))
    if "title" in meta and meta.get("title") not in (None, "") and not title:
        problem("title", "must be text.")
    summary = _text(meta.get("summary"))
    source_name = _text(meta.get("source")) or None
    source_url = _web_address(meta.get("source_url"), "source_url", problem)
    seed = _text(meta.get("seed")) or None

    date = _date(meta.get("date"), "date", problem)
    published = _date(meta.get("published"), "published", problem) if meta.get("published") else None

    city = None
    if meta.get("city") not in (None, ""):
        city = _city(meta.get("city"), "city", city_lookup, problem)
    cities_raw = meta.get("cities")
    cities: list[str] = []
    if cities_raw not in (None, ""):
        if not isinstance(cities_raw, list):
            problem("cities", "must be a list of city names.", hint="write cities: [Chongqing, Chengdu].")
        else:
            for value in cities_raw:
                name = _city(value, "cities", city_lookup, problem)
                if name and name not in cities:
                    cities.append(name)
    if city:
        cities = [city] + [c for c in cities if c != city]

    theme = None
    if meta.get("theme") not in (None, ""):
        term = vocabulary.theme(_text(meta.get("theme")))
        if term is None:
            problem("theme", f"'{meta.get('theme')}' is not a theme in the vocabulary.",
                    hint=f"use one of: {', '.join(t.name for t in vocabulary.themes)}; "
                         "or add it to vocabulary.yaml.")
        else:
            theme = term.name
    tags: list[str] = []
    tags_raw = meta.get("tags")
    if tags_raw not in (None, ""):
        if not isinstance(tags_raw, list):
            problem("tags", "must be a list of vocabulary terms.", hint="write tags: [Talent, Industrial design].")
        else:
            for value in tags_raw:
                term = vocabulary.term(_text(value))
                if term is None:
                    problem("tags", f"'{value}' is not a theme or tag in the vocabulary.",
                            hint="check the spelling, or add it under 'tags' in vocabulary.yaml.")
                elif term.name not in tags:
                    tags.append(term.name)

    review = _review(meta.get("review"), problem)

    # A file name that is already a slug is the URL as it stands; others are made into one.
    slug = stem if _SLUG.fullmatch(stem) else slugify(stem)
    if problems or not (title and city and theme):
        return None, list(dict.fromkeys(problems))  # a value repeated in a list is one problem
    return Briefing(slug=slug, title=title, date=date, city=city, cities=tuple(cities), theme=theme,
                    tags=tuple(tags), summary=summary, body=source.body, source=source_name,
                    source_url=source_url, seed=seed, published=published, path=source.path, review=review), []


_REQUIRED_HINTS = {
    "title": "add a line such as: title: Chengdu hosts an urban industry conference",
    "city": "add the Chinese city the briefing is mainly about, e.g. city: Chengdu",
    "theme": "add one theme from vocabulary.yaml, e.g. theme: Urban industry",
}


def _text(value: object) -> str:
    """A scalar as clean single-line text; lists and mappings give ''."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def _date(value: object, field: str, problem) -> PartialDate | None:
    """YAML gives a date, an int (a bare year) or text; all become a PartialDate."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    try:
        return PartialDate.parse(str(value))
    except ValueError as exc:
        problem(field, f"could not be read ('{value}'): {exc}.", hint=DATE_HINT)
        return None


def _review(value: object, problem) -> tuple[str, ...]:
    """The `review:` list: front matter fields a person should check, each named once."""
    if value in (None, "", []):
        return ()
    hint = f"list the fields to check, from: {', '.join(REVIEWABLE_FIELDS)}; or delete the line."
    if not isinstance(value, list):
        problem("review", "must be a list of field names.", hint=hint)
        return ()
    fields = []
    for item in value:
        name = _text(item)
        if name not in REVIEWABLE_FIELDS:
            problem("review", f"'{item}' is not a field that can be checked.", hint=hint)
        elif name not in fields:
            fields.append(name)
    # Always in one order, so two files that flag the same fields read alike.
    return tuple(f for f in REVIEWABLE_FIELDS if f in fields)


def _web_address(value: object, field: str, problem) -> str | None:
    """An absolute http(s) URL; other schemes (javascript:, file:, data:) never become a link."""
    if value in (None, ""):
        return None
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        problem(field, f"must be an http or https address, not {value!r}.",
                hint="write the full address, e.g. source_url: https://www.example.com/news/1.html")
        return None
    return text


def _city(value: object, field: str, city_lookup: CityLookup, problem) -> str | None:
    name = _text(value)
    canonical = city_lookup(name) if name else None
    if canonical is None:
        problem(field, f"'{value}' is not a Chinese city the gazetteer knows.",
                hint="use the city's usual English name, e.g. Chengdu, Chongqing, Nanjing.")
    return canonical


def slug_clashes(briefings: list[Briefing]) -> list[Problem]:
    """Two files whose names give the same URL would overwrite each other's page."""
    seen: dict[str, Briefing] = {}
    problems = []
    for briefing in briefings:
        other = seen.get(briefing.slug)
        if other is not None:
            problems.append(Problem(briefing.path, f"would have the same URL 'briefings/{briefing.slug}/' "
                                                   f"as {other.path}.", hint="rename one of the two files."))
        else:
            seen[briefing.slug] = briefing
    return problems
