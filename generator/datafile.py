"""Reading the project's YAML data files (the vocabulary, the gazetteer's corrections) once, at start."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import DigestError, Problem


def read_yaml(path: Path, missing: str, hint: str) -> object:
    """A data file's content; raise DigestError naming the file (and the line) when it is missing or no YAML."""
    where = str(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DigestError([Problem(where, missing, hint=hint)])
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise DigestError([Problem(where, f"is not valid YAML ({getattr(exc, 'problem', exc)}).", line=line)])
