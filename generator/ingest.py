"""`digest ingest`: turn raw seed texts into Markdown briefings with front matter.

The recipe: read every seed, find its article, derive the front matter, then write
each content/<slug>.md atomically, keeping any file a person edited since ingest
wrote it (a manifest of what ingest wrote tells the two apart).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from charset_normalizer import from_bytes

from generator.dates import choose_dates, find_dates
from generator.errors import Problem
from generator.extract import Article, NoArticle, content_words, extract_article, size
from generator.gazetteer import Gazetteer, load_gazetteer
from generator.model import PartialDate
from generator.slugs import slugify
from generator.text import has_han, split_sentences
from generator.vocabulary import Term, Vocabulary

MANIFEST = ".ingest-manifest.json"
# Keyword weights: a phrase in the headline or the first paragraph says more about the topic.
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3, 2, 1
# A term applies when its weighted score reaches this: one mention up top, or two below.
TAG_THRESHOLD = 2
# Outside the headline, a city is "prominently involved" with this score, share of the main city's
# score, and number of mentions.
CITY_THRESHOLD, CITY_SHARE, CITY_MIN_MENTIONS = 2, 1 / 3, 2
SLUG_TITLE_LENGTH = 80
# Encodings tried when a seed is not UTF-8: Simplified and Traditional Chinese, and Western European.
COMMON_ENCODINGS = ["gb18030", "big5", "cp1252"]


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did: a line per seed, and every seed it could not use."""

    messages: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Seed:
    """A seed's text, decoded, with its path as the user named it."""

    label: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Draft:
    """A briefing as ingest will write it."""

    seed: str
    slug: str
    title: str
    date: PartialDate
    published: PartialDate | None
    city: str
    cities: tuple[str, ...]
    theme: str
    tags: tuple[str, ...]
    source: str | None
    summary: str
    body: str
    note: str = ""

    def text(self) -> str:
        """The whole content file."""
        return render_front_matter(self) + "\n" + self.body


class UnusableSeed(Exception):
    """A seed that cannot become a briefing, with a reason and a hint for the person."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def ingest_seeds(seeds_dir: Path, content_dir: Path, vocabulary: Vocabulary, force: bool = False) -> IngestReport:
    """Write one content/<slug>.md per seeds/*.txt; report every seed that could not be used."""
    seeds_dir, content_dir = Path(seeds_dir), Path(content_dir)
    problems: list[Problem] = []
    paths = find_seeds(seeds_dir, problems)
    gazetteer = load_gazetteer()
    drafts = []
    for path in paths:
        label = path.as_posix()
        try:
            drafts.append(draft_briefing(read_seed(path, label), vocabulary, gazetteer))
        except UnusableSeed as error:
            problems.append(Problem(label, str(error), hint=error.hint))
    drafts = drop_clashes(drafts, content_dir, problems)
    messages = write_briefings(drafts, content_dir, force, problems)
    return IngestReport(messages=tuple(messages), problems=tuple(problems))


def find_seeds(seeds_dir: Path, problems: list[Problem]) -> list[Path]:
    """The seed files, sorted by name so every run handles them in the same order."""
    if not seeds_dir.is_dir():
        problems.append(Problem(seeds_dir.as_posix(), "is not a folder.",
                                hint="pass the folder of seed texts with --seeds."))
        return []
    paths = sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
    if not paths:
        problems.append(Problem(seeds_dir.as_posix(), "holds no seed files (*.txt).",
                                hint="save each scraped article as a .txt file in this folder."))
    return paths


def read_seed(path: Path, label: str) -> Seed:
    """Read and decode a seed: UTF-8, else the encoding charset-normalizer recognises."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnusableSeed(f"could not be read ({error.strerror or error}).")
    if not data.strip():
        raise UnusableSeed("is empty.", hint="put the scraped article text in it, or delete it.")
    text, encoding = decode(data)
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if control > max(2, len(text) // 100):
        raise UnusableSeed("looks like a binary file, not text.", hint="seeds must be plain text files.")
    return Seed(label=label, text=text, encoding=encoding)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; raise UnusableSeed if it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UnusableSeed("looks like a binary file, not text (it contains NUL bytes).",
                           hint="seeds must be plain text files.")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Only the encodings scraped Chinese news comes in: guessing among all of them
    # reads a short Latin-1 text as a Baltic code page.
    best = from_bytes(data, cp_isolation=COMMON_ENCODINGS).best()
    if best is None:
        raise UnusableSeed("is not UTF-8 and its encoding could not be recognised.",
                           hint="save the seed as UTF-8 text.")
    return str(best), best.encoding


def draft_briefing(seed: Seed, vocabulary: Vocabulary, gazetteer: Gazetteer) -> Draft:
    """Everything ingest writes for one seed, derived from its text alone."""
    try:
        article = extract_article(seed.text)
    except NoArticle as error:
        raise UnusableSeed(str(error), hint=error.hint)
    date, published = choose_dates(article.title, article.prose(), article.meta)
    if date is None:
        raise UnusableSeed("no date found in the text.",
                           hint="add a line such as 'Published: 2024-07-05' under the headline.")
    city, cities = find_cities(article, gazetteer)
    if city is None:
        raise UnusableSeed("names no Chinese city, so the briefing would have no city.",
                           hint="the digest is about Chinese cities; check the seed is such an article.")
    theme, tags, guessed = find_topics(article, vocabulary)
    note = " (theme is a guess: no vocabulary keyword matched; check it)" if guessed else ""
    if seed.encoding != "utf-8":
        note += f" (seed read as {seed.encoding}, not UTF-8)"
    return Draft(seed=seed.label, slug=make_slug(date, article.title), title=article.title, date=date,
                 published=published, city=city, cities=cities, theme=theme, tags=tags,
                 source=find_source(article), summary=summarise(article, vocabulary, gazetteer),
                 body=render_body(article), note=note)


def make_slug(date: PartialDate, title: str) -> str:
    """'2023-06-28-industry-design-empowerment-conference-...': date, then the headline's words."""
    # "Mayor's" should give "mayors", not "mayor-s".
    words = re.sub(r"(?<=\w)['’](?=\w)", "", title)
    slug = slugify(words, max_length=SLUG_TITLE_LENGTH)
    if slug != slugify(words, max_length=0):
        # Cut short at a word boundary: do not end on "...-fulcrum-for-the".
        slug = re.sub(r"(?:-(?:a|an|and|at|by|for|from|in|into|of|on|or|the|to|with))+$", "", slug) or slug
    return f"{date.iso()}-{slug}"


def _weighted_texts(article: Article) -> list[tuple[str, int]]:
    """The headline, the first paragraph and the rest, each with its weight."""
    prose = article.prose()
    texts = [(article.title, TITLE_WEIGHT)]
    if prose:
        texts.append((prose[0], LEAD_WEIGHT))
    texts += [(p.text, BODY_WEIGHT) for p in article.paragraphs if p.text not in prose[:1]]
    return texts


def find_cities(article: Article, gazetteer: Gazetteer) -> tuple[str | None, tuple[str, ...]]:
    """The city the briefing is mainly about, and every city prominently involved (that one first).

    Mentions are weighted by where they stand. Another city counts as involved when
    the headline names it, or when the text names it more than once and its weight is
    a fair share of the main city's; a city named in passing or as a comparison does not.
    """
    scores: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    in_title: set[str] = set()
    first_seen: dict[str, int] = {}
    for index, (text, weight) in enumerate(_weighted_texts(article)):
        for mention in gazetteer.mentions(text):
            scores[mention.city] += weight
            mentions[mention.city] += 1
            first_seen.setdefault(mention.city, len(first_seen))
            if index == 0:  # the headline
                in_title.add(mention.city)
    if not scores:
        return None, ()
    ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    main = ranked[0]
    floor = max(CITY_THRESHOLD, CITY_SHARE * scores[main])
    return main, tuple([main] + [c for c in ranked[1:]
                                 if c in in_title or (scores[c] >= floor and mentions[c] >= CITY_MIN_MENTIONS)])


def _term_pattern(term: Term) -> re.Pattern | None:
    """One regex for a term's keywords, longest first, as whole words (Han keywords anywhere)."""
    if not term.keywords:
        return None
    parts = []
    for keyword in sorted(term.keywords, key=lambda k: (-len(k), k)):
        escaped = re.escape(keyword).replace(r"\ ", r"\s+")
        parts.append(escaped if has_han(keyword) else rf"(?<![\w-]){escaped}(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE)


def score_terms(article: Article, terms: tuple[Term, ...]) -> dict[str, int]:
    """How strongly the article speaks of each term: keyword matches weighted by where they are."""
    texts = _weighted_texts(article)
    scores = {}
    for term in terms:
        pattern = _term_pattern(term)
        scores[term.name] = sum(weight * len(pattern.findall(text)) for text, weight in texts) if pattern else 0
    return scores


def find_topics(article: Article, vocabulary: Vocabulary) -> tuple[str, tuple[str, ...], bool]:
    """(theme, tags, guessed): the strongest theme, and every theme and tag that applies, theme first."""
    theme_scores = score_terms(article, vocabulary.themes)
    tag_scores = score_terms(article, vocabulary.tags)
    # max() keeps the first of equal scores, so ties go to the vocabulary's order.
    theme = max(vocabulary.themes, key=lambda t: theme_scores[t.name]).name
    guessed = theme_scores[theme] == 0
    others = [t.name for t in vocabulary.themes if t.name != theme and theme_scores[t.name] >= TAG_THRESHOLD]
    others += [t.name for t in vocabulary.tags if tag_scores[t.name] >= TAG_THRESHOLD and t.name not in others
               and t.name != theme]
    return theme, tuple([theme] + others), guessed


# What a publisher's name looks like in a dateline: a domain or a few capitalised words.
_PUBLISHER = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,4}$")
_NOT_PUBLISHER = re.compile(r"^(?:published|updated|posted|date|time|source|by|print|e-?mail|share|comments?"
                            r"|comment\(s\)|editor|reporter|author|home|news)$", re.IGNORECASE)
# After "By", a name is a publisher only if it sounds like an organisation, not a reporter.
_ORGANISATION = re.compile(r"\b(?:times|daily|news|net|online|post|xinhua|agency|press|media|network|radio|tv"
                           r"|television|review|weekly|journal|herald|gazette|group|bureau|government|office"
                           r"|commission)\b|\.[a-z]{2,}$", re.IGNORECASE)
_TIME_LABEL = re.compile(r"\s*(?:published|updated|posted|released?|release time|date|time)(?:\s+(?:on|at))?"
                         r"\s*[:：]?\s*$", re.IGNORECASE)
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{0,60}\(([A-Z][A-Za-z .&]{1,40})\)\s*[-—–]")
_SOURCE_LABEL = re.compile(r"(?:^|[\s|])(?:source|sources|来源)\s*[:：]\s*([^|]+?)\s*(?:\||$)", re.IGNORECASE)


def find_source(article: Article) -> str | None:
    """The publisher the page names: a 'Source:' label, a dateline, or an agency before the first paragraph."""
    for line in article.meta:
        match = _SOURCE_LABEL.search(line)
        if match and _publisher(match.group(1)):
            return _publisher(match.group(1))
    for line in article.meta:
        for segment in _dateline_segments(line):
            name = _publisher(segment)
            if name:
                return name
    prose = article.prose()
    match = _AGENCY_DATELINE.match(prose[0]) if prose else None
    return _publisher(match.group(1)) if match else None


def _dateline_segments(line: str) -> list[str]:
    """Parts of a dateline that could name the publisher: between '|', or just before the date."""
    if "|" in line:
        return [s for s in line.split("|") if not find_dates(s) and not re.match(r"\s*by\s", s, re.IGNORECASE)]
    dates = find_dates(line)
    before = _TIME_LABEL.sub("", line[:dates[0].start] if dates else line)
    # Split buttons glued before the name ("0 Comment(s)Print E-mail China.org.cn,").
    tokens = re.sub(r"(?<=[a-z)])(?=[A-Z])", " ", before).split()
    kept: list[str] = []
    stop = ""
    for token in reversed(tokens):
        clean = token.strip(",;:-–—|")
        if not clean or _NOT_PUBLISHER.match(clean) or not (clean[0].isupper() or "." in clean):
            stop = clean
            break
        kept.insert(0, clean)
    name = " ".join(kept)
    if not name or (stop.lower() == "by" and not _ORGANISATION.search(name)):
        return []
    return [name]


def _publisher(text: str) -> str | None:
    name = text.strip(" ,;:|-–—")
    if not name or len(name) > 50 or _NOT_PUBLISHER.match(name) or not _PUBLISHER.match(name):
        return None
    return name


_EVENT = re.compile(r"\b(?:held|hosted|opened|launched|kicked off|took place|convened|released|issued|unveiled"
                    r"|announced|signed|inaugurated|concluded|staged|organi[sz]ed|will|plans?|aims?|approved"
                    r"|published|introduced|rolled out)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|I|[Mm]y)\b")


def summarise(article: Article, vocabulary: Vocabulary, gazetteer: Gazetteer) -> str:
    """One or two sentences, verbatim, that best tell what happened, from the opening paragraphs.

    A sentence scores for reporting an event or a plan, for a date, for the article's
    topics (vocabulary keywords and cities) and for sharing words with the headline;
    it loses for coming late and for the first person of a speaker.
    """
    patterns = [p for p in (_term_pattern(t) for t in (*vocabulary.themes, *vocabulary.tags)) if p]
    title_words = content_words(article.title)
    candidates = []
    for p_index, paragraph in enumerate(article.prose()[:5]):
        if paragraph.rstrip().endswith("?") or "?" in paragraph[-20:]:
            continue  # a journalist's question says what was asked, not what happened
        sentences = split_sentences(paragraph)
        for s_index, sentence in enumerate(sentences):
            if size(sentence) < 6 or sentence.endswith("?"):
                continue
            topics = sum(len(p.findall(sentence)) for p in patterns) + len(gazetteer.mentions(sentence))
            score = (2 * bool(_EVENT.search(sentence)) + 2 * bool(find_dates(sentence)) + min(4, topics)
                     + min(3, len(content_words(sentence) & title_words)) - bool(_FIRST_PERSON.search(sentence))
                     - (size(sentence) > 60) - _is_list(sentence) - 0.5 * p_index - 0.2 * s_index)
            candidates.append((score, -p_index, -s_index, sentence, sentences[s_index + 1:s_index + 2]))
    if not candidates:
        first = article.prose()[0] if article.prose() else article.title
        return split_sentences(first)[0]
    _, _, _, best, following = max(candidates, key=lambda c: c[:3])
    best = _without_dateline(best)
    if (following and size(best) < 25 and size(best) + size(following[0]) <= 60
            and not following[0].endswith("?") and not _is_list(following[0])):
        joiner = "" if article.script == "han" else " "
        return f"{best}{joiner}{following[0]}"
    return best


_DATELINE_PREFIX = re.compile(r"^(?P<prefix>[A-Z][^!?]{2,80}?)\s+(?:--|[-—–])\s+(?=[A-Z\"“])")


def _without_dateline(sentence: str) -> str:
    """'XI'AN, May 18 (Xinhua) -- Xi'an will ...' without the place, date and agency in front."""
    match = _DATELINE_PREFIX.match(sentence)
    if match and (find_dates(match.group("prefix")) or match.group("prefix").endswith(")")):
        return sentence[match.end():]
    return sentence


def _is_list(sentence: str) -> bool:
    """'three clusters: a, b, and c' enumerates rather than tells."""
    return bool(re.search(r"[:;]", sentence)) and sentence.count(",") >= 2


_ESCAPE_LINE_START = re.compile(r"^([#>+\-=|~:])|^(\d{1,9})([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: no accidental emphasis, HTML, links, lists or headings."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*])", r"\\\1", text)
    text = re.sub(r"(?<![\w\\])_|_(?!\w)", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    text = re.sub(r"\[(?=[^\]]*\]\s*[(\[:])", r"\\[", text)
    return _ESCAPE_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def render_body(article: Article) -> str:
    """The article's paragraphs as Markdown; a transcript's speaker lines in bold."""
    parts = [f"**{escape_markdown(p.text)}**" if p.speaker else escape_markdown(p.text) for p in article.paragraphs]
    return "\n\n".join(parts) + "\n"


def _yaml_scalar(value: str) -> str:
    """A string as one line of YAML, quoted only where YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def render_front_matter(draft: Draft) -> str:
    """The front matter block, fields in a fixed order, so output is byte-identical run after run."""
    lines = ["---", f"title: {_yaml_scalar(draft.title)}", f"date: {draft.date.iso()}"]
    if draft.published is not None:
        lines.append(f"published: {draft.published.iso()}")
    lines.append(f"city: {_yaml_scalar(draft.city)}")
    lines.append("cities:")
    lines += [f"  - {_yaml_scalar(c)}" for c in draft.cities]
    lines.append(f"theme: {_yaml_scalar(draft.theme)}")
    lines.append("tags:")
    lines += [f"  - {_yaml_scalar(t)}" for t in draft.tags]
    if draft.source:
        lines.append(f"source: {_yaml_scalar(draft.source)}")
    lines.append(f"seed: {_yaml_scalar(draft.seed)}")
    lines.append(f"summary: {_yaml_scalar(draft.summary)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def drop_clashes(drafts: list[Draft], content_dir: Path, problems: list[Problem]) -> list[Draft]:
    """Keep the first seed (by name) for each slug; report the others, naming both seeds."""
    kept: dict[str, Draft] = {}
    for draft in drafts:
        first = kept.get(draft.slug)
        if first is None:
            kept[draft.slug] = draft
            continue
        target = (content_dir / f"{draft.slug}.md").as_posix()
        problems.append(Problem(draft.seed, f"would be written to {target}, like {first.seed} "
                                            "(same date and headline); it was not written.",
                                hint="if both seeds hold the same article, delete one; "
                                     "otherwise edit one seed's headline."))
    return list(kept.values())


def sha256(data: bytes) -> str:
    """The digest the manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(content_dir: Path, problems: list[Problem]) -> dict[str, dict[str, str]] | None:
    """What ingest wrote before: {file name: {seed, sha256}}; None if the record is unreadable."""
    path = content_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        problems.append(Problem(path.as_posix(), f"could not be read ({error}); every existing briefing "
                                                 "is kept as if a person had edited it.",
                                hint="delete it and run `digest ingest --force` to regenerate every briefing."))
        return None
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}
    return {name: entry for name, entry in entries.items()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)}


def write_manifest(content_dir: Path, entries: dict[str, dict[str, str]]) -> None:
    """Record what ingest wrote, only when that record changed."""
    text = json.dumps({"about": "Written by `digest ingest` to tell its own output from a person's edits.",
                       "files": entries}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path = content_dir / MANIFEST
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomically(path, text.encode("utf-8"))


def _file_mode(path: Path) -> int:
    """The target's permissions if it exists, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private to its owner; a briefing is an ordinary file.
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_briefings(drafts: list[Draft], content_dir: Path, force: bool, problems: list[Problem]) -> list[str]:
    """Write each draft unless a person edited its file, then the manifest; one message per seed."""
    try:
        content_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        problems.append(Problem(content_dir.as_posix(), f"could not be created ({error.strerror or error})."))
        return []
    manifest = read_manifest(content_dir, problems)
    trusted = manifest is not None
    entries = dict(manifest or {})
    messages: list[str] = []
    for draft in drafts:
        try:
            messages += write_briefing(draft, content_dir, entries, trusted, force)
        except OSError as error:
            problems.append(Problem((content_dir / f"{draft.slug}.md").as_posix(),
                                    f"could not be written ({error.strerror or error})."))
    if trusted or force:
        try:
            write_manifest(content_dir, entries)
        except OSError as error:
            problems.append(Problem((content_dir / MANIFEST).as_posix(),
                                    f"could not be written ({error.strerror or error})."))
    return messages


def write_briefing(draft: Draft, content_dir: Path, entries: dict[str, dict[str, str]], trusted: bool,
                   force: bool) -> list[str]:
    """Write one briefing unless its file holds something ingest did not write; record what was written."""
    name = f"{draft.slug}.md"
    path = content_dir / name
    label = path.as_posix()
    data = draft.text().encode("utf-8")
    current = path.read_bytes() if path.exists() else None
    ours = trusted and current is not None and entries.get(name, {}).get("sha256") == sha256(current)
    if current == data:
        message = f"{label}: unchanged"
    elif current is not None and not (ours or force):
        why = "it was edited after ingest wrote it" if name in entries else "ingest did not write it"
        return [f"{label}: kept, because {why}; `digest ingest --force` regenerates it from {draft.seed}"]
    else:
        write_atomically(path, data)
        verb = "written" if current is None else ("regenerated (--force)" if force and not ours else "updated")
        message = f"{label}: {verb} from {draft.seed}{draft.note}"
    entries[name] = {"seed": draft.seed, "sha256": sha256(data)}
    return [message, *_retire_old_files(draft, name, content_dir, entries)]


def _retire_old_files(draft: Draft, name: str, content_dir: Path, entries: dict[str, dict[str, str]]) -> list[str]:
    """Remove a file this seed gave before under another name (its date or headline changed), if untouched."""
    messages = []
    for old in sorted(n for n, e in entries.items() if e.get("seed") == draft.seed and n != name):
        path = content_dir / old
        if not path.exists():
            del entries[old]
        elif sha256(path.read_bytes()) == entries[old]["sha256"]:
            path.unlink()
            del entries[old]
            messages.append(f"{path.as_posix()}: removed, {draft.seed} now gives {name}")
        else:
            messages.append(f"{path.as_posix()}: kept, because it was edited; {draft.seed} now gives {name}, "
                            "so delete one of the two")
    return messages
