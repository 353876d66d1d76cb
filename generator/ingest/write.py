"""Stage 4: write each draft as content/<slug>.md, atomically, and the manifest of what ingest wrote.

The manifest records the SHA-256 of every file ingest wrote, so a file a person edited
since (or one ingest never wrote) is told apart and kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator.ingest.markdown import briefing_text
from generator.ingest.records import (FAILED, KEPT, REFUSED, REGENERATED, REMOVED, UNCHANGED, UPDATED, WRITTEN,
                                      Draft, Outcome)

MANIFEST = ".ingest-manifest.json"

Entries = dict[str, dict[str, str]]


def drop_clashes(drafts: list[Draft], content_dir: Path) -> tuple[list[Draft], list[Outcome]]:
    """Keep the first seed (by name) for each slug; refuse the others, naming both seeds."""
    kept: dict[str, Draft] = {}
    refused = []
    for draft in drafts:
        first = kept.get(draft.slug)
        if first is None:
            kept[draft.slug] = draft
            continue
        target = (content_dir / f"{draft.slug}.md").as_posix()
        refused.append(Outcome(REFUSED, draft.seed, seed=draft.seed,
                               reason=f"would be written to {target}, like {first.seed} (same date and headline); "
                                      "it was not written.",
                               hint="if both seeds hold the same article, delete one; otherwise edit one seed's "
                                    "headline."))
    return list(kept.values()), refused


def sha256(data: bytes) -> str:
    """The digest the manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(content_dir: Path) -> tuple[Entries | None, list[Outcome]]:
    """What ingest wrote before: {file name: {seed, sha256}}; None if the record is unreadable."""
    path = content_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, ValueError) as error:
        return None, [Outcome(FAILED, path.as_posix(),
                              reason=f"could not be read ({error}); every existing briefing is kept as if a person "
                                     "had edited it.",
                              hint="delete it and run `digest ingest --force` to regenerate every briefing.")]
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}, []
    return {name: entry for name, entry in entries.items()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)}, []


def write_manifest(content_dir: Path, entries: Entries) -> None:
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


def _failed(path: Path, action: str, error: OSError) -> Outcome:
    return Outcome(FAILED, path.as_posix(), reason=f"could not be {action} ({error.strerror or error}).")


def write_briefings(drafts: list[Draft], content_dir: Path, force: bool) -> list[Outcome]:
    """Write each draft unless a person edited its file, then the manifest; an outcome per file."""
    try:
        content_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return [_failed(content_dir, "created", error)]
    manifest, outcomes = read_manifest(content_dir)
    trusted = manifest is not None
    entries = dict(manifest or {})
    for draft in drafts:
        try:
            outcomes += write_briefing(draft, content_dir, entries, trusted, force)
        except OSError as error:
            outcomes.append(_failed(content_dir / f"{draft.slug}.md", "written", error))
    if trusted or force:
        try:
            write_manifest(content_dir, entries)
        except OSError as error:
            outcomes.append(_failed(content_dir / MANIFEST, "written", error))
    return outcomes


def write_briefing(draft: Draft, content_dir: Path, entries: Entries, trusted: bool, force: bool) -> list[Outcome]:
    """Write one briefing unless its file holds something ingest did not write; record what was written."""
    name = f"{draft.slug}.md"
    path = content_dir / name
    label = path.as_posix()
    data = briefing_text(draft).encode("utf-8")
    current = path.read_bytes() if path.exists() else None
    ours = trusted and current is not None and entries.get(name, {}).get("sha256") == sha256(current)
    if current == data:
        outcome = Outcome(UNCHANGED, label, seed=draft.seed)
    elif current is not None and not (ours or force):
        why = "it was edited after ingest wrote it" if name in entries else "ingest did not write it"
        return [Outcome(KEPT, label, seed=draft.seed, reason=why)]
    else:
        write_atomically(path, data)
        kind = WRITTEN if current is None else (REGENERATED if force and not ours else UPDATED)
        outcome = Outcome(kind, label, seed=draft.seed, notes=draft.notes)
    entries[name] = {"seed": draft.seed, "sha256": sha256(data)}
    return [outcome, *_retire_old_files(draft, name, content_dir, entries)]


def _retire_old_files(draft: Draft, name: str, content_dir: Path, entries: Entries) -> list[Outcome]:
    """Remove a file this seed gave before under another name (its date or headline changed), if untouched."""
    outcomes = []
    for old in sorted(n for n, e in entries.items() if e.get("seed") == draft.seed and n != name):
        path = content_dir / old
        if not path.exists():
            del entries[old]
        elif sha256(path.read_bytes()) == entries[old]["sha256"]:
            path.unlink()
            del entries[old]
            outcomes.append(Outcome(REMOVED, path.as_posix(), seed=draft.seed, replacement=name))
        else:
            outcomes.append(Outcome(KEPT, path.as_posix(), seed=draft.seed, reason="it was edited",
                                    replacement=name))
    return outcomes
