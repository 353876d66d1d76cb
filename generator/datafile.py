"""Reading the YAML data files checked once at start (the vocabulary, the language files, the gazetteer's
corrections), with the messages a person gets for a missing or broken one."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import DigestError, Problem


# libyaml's loader when PyYAML has it: the same data, read several times faster, and every build reads these.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, missing: str, hint: str) -> object:
    """The file's data; raise DigestError naming the file when it is missing (with `missing` and `hint`)
    or not valid YAML (with the line, counted in the file)."""
    where = str(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise DigestError([Problem(where, missing, hint=hint)])
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise DigestError([Problem(where, f"is not valid YAML ({getattr(exc, 'problem', exc)}).", line=line)])
