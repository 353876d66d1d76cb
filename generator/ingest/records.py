"""The records ingest's stages pass along, and the outcomes it reports.

read.py gives a Seed, article.py an Article, fields.py a Draft, write.py an Outcome
per file. Each is frozen: a later stage derives new values, it never edits a record.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.model import PartialDate

# How much a word says about the article's topic by where it stands: the headline and the
# first paragraph say more than the rest.
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3, 2, 1


class UnusableSeed(Exception):
    """A seed that cannot become a briefing (any stage may find so), with a reason and a hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Seed:
    """A seed's text, decoded, with its path as the user named it."""

    label: str
    text: str
    encoding: str
    replaced: int = 0
    """Bytes that were not valid in the encoding and became U+FFFD."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article; speaker paragraphs name who talks next in a transcript."""

    text: str
    speaker: bool = False


@dataclass(frozen=True)
class Article:
    """What a seed holds once the page furniture is gone."""

    seed: Seed
    title: str
    title_derived: bool
    """True when the text had no headline and the title was made from the first sentence."""
    paragraphs: tuple[Paragraph, ...]
    meta: tuple[str, ...]
    """Lines that date the page or name its source (datelines, 'Published:', 'Source:')."""
    chrome: tuple[str, ...]
    """Page furniture that was dropped: headers and footers may still say whose site it is."""
    script: str
    source_url: str | None = None
    """The original article's address when the seed states it on its first line or a 'Source:' line."""
    refused_address: str = ""
    """An address stated so whose scheme is not http or https ('javascript:...'): left out, and reported."""

    def prose(self) -> tuple[str, ...]:
        """The paragraphs without speaker lines."""
        return tuple(p.text for p in self.paragraphs if not p.speaker)

    def weighted_texts(self) -> list[tuple[str, int]]:
        """The headline, the first paragraph and the rest, each with its weight."""
        prose = self.prose()
        texts = [(self.title, TITLE_WEIGHT)]
        if prose:
            texts.append((prose[0], LEAD_WEIGHT))
        texts += [(p.text, BODY_WEIGHT) for p in self.paragraphs if p.text not in prose[:1]]
        return texts


@dataclass(frozen=True)
class Draft:
    """A briefing as ingest will write it."""

    seed: str
    slug: str
    title: str
    date: PartialDate | None
    published: PartialDate | None
    city: str
    cities: tuple[str, ...]
    theme: str
    tags: tuple[str, ...]
    source: str | None
    summary: str
    body: str
    review: tuple[str, ...] = ()
    """Fields ingest could not read from the text and derived or left out."""
    source_url: str | None = None
    notes: tuple[str, ...] = ()
    """Things the person should know about how the seed was read (its encoding, replaced bytes)."""


# Kinds of outcome. A refused seed or a failed write is a problem: the run exits non-zero.
WRITTEN, UPDATED, REGENERATED, UNCHANGED, KEPT, REMOVED, REFUSED, FAILED = (
    "written", "updated", "regenerated", "unchanged", "kept", "removed", "refused", "failed")
PROBLEM_KINDS = (REFUSED, FAILED)


@dataclass(frozen=True)
class Outcome:
    """What ingest did with one seed or one content file, as data for the command line and the preview."""

    kind: str
    path: str
    """The content file concerned, or the seed when it was refused."""
    seed: str = ""
    reason: str = ""
    """Why a file was kept, a seed refused or a write failed."""
    hint: str = ""
    notes: tuple[str, ...] = ()
    replacement: str = ""
    """For a removed or kept old file: the file its seed gives now."""

    @property
    def is_problem(self) -> bool:
        return self.kind in PROBLEM_KINDS


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did: an outcome per seed and file, problems included."""

    outcomes: tuple[Outcome, ...]

    @property
    def messages(self) -> tuple[str, ...]:
        """A line per seed or file that went well (or was kept)."""
        return tuple(describe(o) for o in self.outcomes if not o.is_problem)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every seed that could not be used and every file that could not be written."""
        return tuple(as_problem(o) for o in self.outcomes if o.is_problem)


def as_problem(outcome: Outcome) -> Problem:
    """A refused seed or failed write, phrased as every other input problem is."""
    return Problem(outcome.path, outcome.reason, hint=outcome.hint or None)


def describe(outcome: Outcome) -> str:
    """One line for a person: what happened to this file, and why when it was not written."""
    if outcome.is_problem:
        return str(as_problem(outcome))
    notes = "".join(f" ({note})" for note in outcome.notes)
    if outcome.kind == UNCHANGED:
        return f"{outcome.path}: unchanged"
    if outcome.kind in (WRITTEN, UPDATED):
        return f"{outcome.path}: {outcome.kind} from {outcome.seed}{notes}"
    if outcome.kind == REGENERATED:
        return f"{outcome.path}: regenerated (--force) from {outcome.seed}{notes}"
    if outcome.kind == REMOVED:
        return f"{outcome.path}: removed, {outcome.seed} now gives {outcome.replacement}"
    if outcome.replacement:
        return (f"{outcome.path}: kept, because {outcome.reason}; {outcome.seed} now gives {outcome.replacement}, "
                "so delete one of the two")
    return f"{outcome.path}: kept, because {outcome.reason}; `digest ingest --force` regenerates it from {outcome.seed}"
