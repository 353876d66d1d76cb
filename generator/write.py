"""Writing: put a whole site aside, then swap it in for the output folder.

A failed build never touches the published folder, and a file whose bytes did
not change keeps its inode and timestamp (it is hard-linked from the old site),
so servers and sync tools see only real changes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping

from generator.errors import DigestError, Problem


@dataclass(frozen=True)
class WriteReport:
    """How many files were new or changed, unchanged, and gone since the last build."""

    changed: int
    unchanged: int
    removed: int


def safe_relative(path: str) -> PurePosixPath:
    """Refuse any output path that could land outside the output folder."""
    relative = PurePosixPath(path)
    if not path or any(p in ("", ".", "..") for p in path.split("/")) or "\\" in path or "\x00" in path:
        raise DigestError([Problem(path, "is not a safe path inside the output folder.",
                                   hint="slugs may only hold lowercase letters, digits and hyphens.")])
    return relative


MARKER = ".digest-site"
# What the marker holds while an incremental build moves files in: such a site is rebuilt whole.
UPDATING = "updating"


def check_out_dir(out_dir: Path, inputs: tuple[Path, ...]) -> None:
    """Refuse to replace a folder that is not a site this tool built, or that holds the inputs."""
    out_dir = out_dir.resolve()
    for folder in (Path.cwd(), *inputs):
        folder = folder.resolve()
        if folder == out_dir or out_dir in folder.parents:
            raise DigestError([Problem(str(out_dir), f"is not a safe output folder: it contains {folder}.",
                                       hint="choose an output folder of its own, such as site/.")])
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise DigestError([Problem(str(out_dir), "already exists and was not built by digest, "
                                                 "so it is left alone.",
                                   hint="remove it yourself, or choose another --out folder.")])


def staging_dir(out_dir: Path) -> Path:
    """The folder a new site is written to before it replaces `out_dir` (a sibling, same file system)."""
    return out_dir.parent / f".{out_dir.name}-staging"


def stage_site(files: Mapping[str, bytes], out_dir: Path) -> tuple[Path, WriteReport]:
    """Write every file into a fresh staging folder next to `out_dir`; reuse unchanged files from it."""
    out_dir = out_dir.resolve()
    staging = staging_dir(out_dir)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    changed = unchanged = 0
    try:
        for path in sorted(files):
            relative = safe_relative(path)
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = out_dir.joinpath(*relative.parts)
            data = files[path]
            if same_bytes(previous, data) and link(previous, target):
                unchanged += 1
            else:
                target.write_bytes(data)
                changed += 1
    except BaseException:
        discard(staging)
        raise
    (staging / MARKER).write_bytes(b"")
    return staging, WriteReport(changed, unchanged, removed=0)


def count_removed(staging: Path, out_dir: Path) -> int:
    """Files of the current site that the staged one no longer has (call just before swapping)."""
    if not out_dir.is_dir():
        return 0  # a first build: nothing to walk
    kept = _files_under(staging)
    return sum(1 for p in _files_under(out_dir.resolve()) if p not in kept)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging` with two renames, then delete the old site."""
    out_dir = out_dir.resolve()
    old = out_dir.parent / f".{out_dir.name}-previous"
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        os.rename(out_dir, old)
    os.rename(staging, out_dir)
    if old.exists():
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)


def link(source: Path | str, target: Path | str) -> bool:
    """Hard-link an unchanged file; False where the file system cannot, so it is written instead."""
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


def same_bytes(path: Path | str, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (False when there is none)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def write_file(path: str, data: bytes) -> None:
    """Write `data` to a new file at `path` with one open and write: a build writes thousands of pages,
    and a buffered file object asks the system three more things about each."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def make_folder_of(path: str, made: set[str]) -> None:
    """Make the folder a file at `path` goes in, unless `made` (the folders a loop made so far) holds it."""
    folder = os.path.dirname(path)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _files_under(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
