"""Reading the YAML data files checked once at start (the vocabulary, the language files, the gazetteer's
corrections), with the messages a person gets for a missing or broken one."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import DigestError, Problem


def read_yaml(path: Path, missing: str, hint: str) -> object:
    """The file's data; raise DigestError naming the file when it is missing (with `missing` and `hint`)
    or not valid YAML (with the line, counted in the file)."""
    where = str(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DigestError([Problem(where, missing, hint=hint)])
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise DigestError([Problem(where, f"is not valid YAML ({getattr(exc, 'problem', exc)}).", line=line)])
