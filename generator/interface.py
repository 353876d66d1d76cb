"""Interface text: every word the pages show that is not a briefing's own, from one data file per language.

The files live in generator/locales/, one per language, named by its BCP 47
tag (en.yaml, zh-CN.yaml). English is the reference: every other file must
have exactly its keys, and may use in each text only the {fields} the English
text uses. A file is read and checked once, before anything is rendered, and
the result is passed to every page as `text`.
"""

from __future__ import annotations

import dataclasses
import datetime
import string
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from markupsafe import Markup, escape

from generator.datafile import read_yaml
from generator.errors import DigestError, Problem
from generator.model import PartialDate

LOCALES = Path(__file__).with_name("locales")
REFERENCE = "en"


@dataclass(frozen=True)
class InterfaceText:
    """The interface text of one language, checked against the reference language.

    Templates read plain texts by group (`text.nav.home`) and fill in texts
    with fields through `label` and `plural`; page kinds call the same methods."""

    language: str
    """The language file's tag, e.g. 'zh-CN'."""
    path: str
    """The file the text was read from, for messages."""
    phrases: Mapping[str, str]
    """Every text by its dotted key, e.g. 'nav.home'."""
    groups: Mapping[str, Any] = field(repr=False)
    """The same texts as nested mappings, for templates."""
    city_names: Mapping[str, str] = field(default_factory=dict, repr=False)
    """A city's name in this language, by its usual English name; cities not listed keep that name."""

    def __getitem__(self, group: str) -> Any:
        return self.groups[group]

    def label(self, key: str, **fields: object) -> str:
        """The text for `key`, with its {fields} filled in.

        A field that is markup (a link a template made) makes the result markup, with the text and every
        other field escaped, so a sentence can hold links in whatever order the language puts them."""
        if not fields:
            return self.phrases[key]
        for value in fields.values():
            if isinstance(value, Markup):
                return Markup(escape(self.phrases[key])).format(**fields)
        return self.phrases[key].format(**fields)

    def plural(self, key: str, count: int, **fields: object) -> str:
        """The text of `key.one` for a count of 1, else of `key.other`, with {count} and `fields` filled in."""
        return self.label(f"{key}.{'one' if count == 1 else 'other'}", count=count, **fields)

    def group(self, prefix: str) -> dict[str, str]:
        """The texts under `prefix` by the rest of their key: group('search.status') -> {'searching': ...}."""
        start = prefix + "."
        return {k.removeprefix(start): v for k, v in self.phrases.items() if k.startswith(start)}

    def month(self, month: int) -> str:
        """The month's name: 'June', '6月'."""
        return self.phrases[f"dates.months.{month}"]

    def date(self, date: PartialDate | None) -> str:
        """A date at its known precision: '28 June 2023', 'June 2023', '2023'; '2023年6月28日' in Chinese;
        for a briefing whose article states no date, 'Date not known' rather than nothing."""
        if date is None:
            return self.label("dates.unknown")
        if date.day is not None:
            return self.label("dates.day", day=date.day, month_name=self.month(date.month), year=date.year)
        if date.month is not None:
            return self.label("dates.month", month_name=self.month(date.month), year=date.year)
        return self.label("dates.year", year=date.year)

    def days(self, first: datetime.date, last: datetime.date) -> str:
        """A span of days: '26 June – 2 July 2023', '1–7 May 2023'; '2023年6月26日至7月2日' in Chinese."""
        return self.label("dates.span_years" if first.year != last.year else
                          "dates.span_months" if first.month != last.month else "dates.span_days",
                          first=self.date(PartialDate(first.year, first.month, first.day)),
                          last=self.date(PartialDate(last.year, last.month, last.day)), year=last.year,
                          first_day=first.day, first_month_name=self.month(first.month),
                          last_day=last.day, last_month_name=self.month(last.month))

    def city(self, name: str) -> str:
        """A city's name as this language writes it (its English name when none is known)."""
        return self.city_names.get(name, name)


def locale_path(language: str, folder: Path = LOCALES) -> Path | None:
    """The language file for a BCP 47 tag: the file of that exact tag, else the first of the same
    language ('en-GB' -> en.yaml, 'zh-Hans' -> zh-CN.yaml), else None."""
    wanted = language.casefold()
    files = sorted(folder.glob("*.yaml"))
    for path in files:
        if path.stem.casefold() == wanted:
            return path
    primary = wanted.split("-")[0]
    for path in files:
        if path.stem.casefold().split("-")[0] == primary:
            return path
    return None


def available_languages(folder: Path = LOCALES) -> tuple[str, ...]:
    """The tags of the language files in `folder`, e.g. ('en', 'zh-CN')."""
    return tuple(sorted(p.stem for p in folder.glob("*.yaml")))


def load_interface_text(language: str, folder: Path = LOCALES,
                        city_names: Mapping[str, str] | None = None) -> InterfaceText:
    """Read the language file for `language` and check it against the reference; raise DigestError
    naming the file and each key that is missing, unknown or wrong."""
    path = locale_path(language, folder)
    if path is None:
        raise DigestError([Problem(str(folder), f"has no interface text for the language {language!r}.",
                                   field="language",
                                   hint=f"use one of {', '.join(available_languages(folder))}, or add "
                                        f"{folder.name}/{language}.yaml with the keys of {REFERENCE}.yaml.")])
    reference_path = folder / f"{REFERENCE}.yaml"
    reference = _read_phrases(reference_path)
    phrases = reference if path == reference_path else _read_phrases(path)
    problems = [*_check_reference(reference, reference_path), *_check_against(phrases, reference, path)]
    if problems:
        raise DigestError(problems)
    return InterfaceText(language=path.stem, path=str(path), phrases=MappingProxyType(phrases),
                         groups=_nest(phrases), city_names=MappingProxyType(dict(city_names or {})))


def _read_phrases(path: Path) -> dict[str, str]:
    """The file's texts by dotted key; raise DigestError for a file that is missing or no mapping of texts."""
    where = str(path)
    data = read_yaml(path, "the language file is missing.",
                     hint="restore it from the project's generator/locales/ folder.")
    if not isinstance(data, dict):
        raise DigestError([Problem(where, "must be a mapping of groups of texts, e.g. 'nav:' then 'home: Latest'.")])
    phrases: dict[str, str] = {}
    problems: list[Problem] = []
    _flatten(data, "", phrases, problems, where)
    if problems:
        raise DigestError(problems)
    return phrases


def _flatten(data: dict, prefix: str, into: dict[str, str], problems: list[Problem], where: str) -> None:
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            _flatten(value, key + ".", into, problems, where)
        elif isinstance(value, str):
            into[key] = value
        else:
            problems.append(Problem(where, f"must be text, not {value!r}.", field=key,
                                    hint="put quotes around text that starts or ends with a space or a colon."))


def _fields(text: str) -> set[str]:
    """The {fields} a text uses; raise ValueError for a stray brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _check_reference(reference: Mapping[str, str], path: Path) -> list[Problem]:
    """The reference file's own rules: group names free for templates, braces only around fields."""
    # Templates reach groups as attributes (text.nav.home), so no group may take a method's or field's name.
    reserved = {name for name in dir(InterfaceText) if not name.startswith("_")}
    reserved |= {f.name for f in dataclasses.fields(InterfaceText)}
    problems = [Problem(str(path), "is a name the interface text keeps for itself.", field=group,
                        hint="rename the group.")
                for group in sorted({k.split(".")[0] for k in reference} & reserved)]
    for key, text in reference.items():
        try:
            _fields(text)
        except ValueError as exc:
            problems.append(Problem(str(path), f"is not a text with {{fields}} ({exc}).", field=key,
                                    hint="write a brace as {{ or }}."))
    return problems


def _check_against(phrases: Mapping[str, str], reference: Mapping[str, str], path: Path) -> list[Problem]:
    """Every problem of a language file against the reference: missing and unknown keys, unknown fields."""
    where = str(path)
    problems = [Problem(where, "is missing.", field=key, hint=f"translate the text {reference[key]!r}.")
                for key in reference if key not in phrases]
    problems += [Problem(where, "is not a key of the interface text.", field=key,
                         hint=f"remove it, or check its spelling against {REFERENCE}.yaml.")
                 for key in phrases if key not in reference]
    for key, text in phrases.items():
        if key not in reference:
            continue
        try:
            unknown = sorted(_fields(text) - _fields(reference[key]))
        except ValueError as exc:
            problems.append(Problem(where, f"is not a text with {{fields}} ({exc}).", field=key,
                                    hint="write a brace as {{ or }}."))
            continue
        if unknown:
            allowed = ", ".join(f"{{{f}}}" for f in sorted(_fields(reference[key]))) or "none"
            problems.append(Problem(where, f"uses {', '.join(f'{{{f}}}' for f in unknown)}, which the build "
                                           "does not fill in here.", field=key, hint=f"fields here: {allowed}."))
    return problems


def _nest(phrases: Mapping[str, str]) -> Mapping[str, Any]:
    """Dotted keys as read-only nested mappings: 'nav.home' -> {'nav': {'home': ...}}."""
    tree: dict[str, Any] = {}
    for key, text in phrases.items():
        *groups, name = key.split(".")
        node = tree
        for group in groups:
            node = node.setdefault(group, {})
        node[name] = text
    return _freeze(tree)


def _freeze(tree: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({k: _freeze(v) if isinstance(v, dict) else v for k, v in tree.items()})
