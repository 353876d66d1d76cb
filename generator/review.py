"""`digest review`: the briefings with fields that ingest derived or left out, grouped by what to check.

Ingest writes a `review:` list into a briefing's front matter when it could not read a
field from the text. A person checks the field, fixes it, and deletes its name from
the list; ingest never overwrites the edited file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from generator.model import REVIEWABLE_FIELDS, Briefing

# What to check for each field, phrased for the person who opens the file.
WHAT_TO_CHECK = {
    "title": "no headline in the text; the title was made from the first sentence: write the real headline",
    "date": "no date in the text: add one if you know it (YYYY-MM-DD, YYYY-MM or YYYY)",
    "city": "the city was inferred (from a district, a nickname or the page's publisher): check it",
    "theme": "no vocabulary keyword matched, so the theme is a guess: check it",
}
DEFAULT_WHAT = "check this field"


@dataclass(frozen=True)
class ReviewGroup:
    """Every briefing that lists one field to check, by file."""

    field: str
    what: str
    briefings: tuple[tuple[str, str], ...]
    """(content file, title) pairs, sorted by file."""


def group_for_review(briefings: Iterable[Briefing]) -> tuple[ReviewGroup, ...]:
    """One group per field that some briefing lists, in the order fields appear in front matter."""
    briefings = sorted(briefings, key=lambda b: b.path)
    groups = []
    for field in REVIEWABLE_FIELDS:
        listed = tuple((b.path, b.title) for b in briefings if field in b.review)
        if listed:
            groups.append(ReviewGroup(field, WHAT_TO_CHECK.get(field, DEFAULT_WHAT), listed))
    return tuple(groups)


def count_for_review(briefings: Iterable[Briefing]) -> int:
    """How many briefings list at least one field to check."""
    return sum(1 for b in briefings if b.review)


def count_line(count: int) -> str:
    """The one line `digest build` ends with."""
    if count == 0:
        return "No briefing has fields marked for review."
    noun = "briefing has" if count == 1 else "briefings have"
    return f"{count} {noun} fields marked for review: run `digest review` to list them."


def review_lines(groups: tuple[ReviewGroup, ...], count: int) -> list[str]:
    """What `digest review` prints: each field with what to check, then the files, then a count."""
    lines = []
    for group in groups:
        lines.append(f"{group.field} ({len(group.briefings)}): {group.what}")
        lines += [f"  {path}: {title}" for path, title in group.briefings]
    noun = "briefing lists" if count == 1 else "briefings list"
    lines.append(f"{count} {noun} fields to check; delete a field from `review:` once it is checked."
                 if count else "No briefing has fields marked for review.")
    return lines
