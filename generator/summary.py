"""A briefing's summary and its body: show the summary once when the body opens with it."""

from __future__ import annotations

import re

from generator.text import sentence_ends_at

# Characters ingest may escape in a body (generator.ingest.escape_markdown) but leaves bare in the summary.
_ESCAPABLE = set("\\`*_<&[#>+-=|~:.)")
_SPACES = re.compile(r"\s*")


def body_after_summary(summary: str, body: str) -> str:
    """The Markdown body without its opening sentences when they are the summary, word for word.

    Ingest takes the summary from the article, so the body usually opens with
    the same sentences; the page shows them once, in the summary box. Spacing
    and Markdown escapes may differ. Anything short of whole sentences (a
    summary that stops mid-sentence, or one taken from further on) leaves the
    body as it is.
    """
    wanted = summary.strip()
    if not wanted:
        return body
    start = len(body) - len(body.lstrip())
    end = _match_prefix(wanted, body, start)
    if end is None:
        return body
    rest = body[end:]
    paragraph_ends = not rest.strip() or rest.startswith("\n\n") or rest.lstrip(" \t").startswith("\n")
    # A sentence ends where ingest's splitter ends one, as ingest cut the summary from its sentences.
    sentence_ends = sentence_ends_at(wanted + rest.split("\n", 1)[0], len(wanted))
    if not (paragraph_ends or sentence_ends):
        return body
    rest = rest.lstrip(" \t")
    return rest.lstrip("\n") if rest.startswith("\n") else rest


def _match_prefix(text: str, body: str, at: int) -> int | None:
    """Where `text` ends in `body` if the body holds it from `at`, allowing escapes and other spacing."""
    i, j = 0, at
    while i < len(text):
        if j >= len(body):
            return None
        if text[i].isspace():
            if not body[j].isspace():
                return None
            i = _SPACES.match(text, i).end()
            j = _SPACES.match(body, j).end()
            continue
        if body[j] == "\\" and j + 1 < len(body) and body[j + 1] in _ESCAPABLE and text[i] != "\\":
            j += 1
        elif body[j] == "\\" and body[j:j + 2] == "\\\\" and text[i] == "\\":
            j += 1
        if body[j] != text[i]:
            return None
        i += 1
        j += 1
    return j

