"""Problems found in a person's input, reported together with file, line and a hint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, phrased for the person who can fix it."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"'{self.field}' {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text


class DigestError(Exception):
    """Raised with every problem found, so a person can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(self.report())

    def __reduce__(self):
        # Rebuilt from its problems when it crosses from a worker process to the build.
        return (DigestError, (self.problems,))

    def report(self) -> str:
        """The problems one per line, then a count."""
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)
