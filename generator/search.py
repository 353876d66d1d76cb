"""Search: index the built pages with Pagefind, whose binary ships in the pagefind-bin-extended package.

Pagefind stems words only in an index of their own language and splits Chinese
text into words only in a Chinese one. The site therefore gets two indexes:
one read as English, where "policy" also finds "policies", and one read as
Chinese, where 新能源 is found inside 新能源汽车. The search page picks one by
the characters of the query. The index in the site's own language is
pagefind/ and holds every briefing; the other is pagefind-zh/ on an English
site and pagefind-en/ on a Chinese one. On a site in another language than
Chinese, only briefings with Chinese characters go into pagefind-zh/, since no
other page can match a query in Chinese: on a digest written in English it
costs next to nothing.

Each index is split into shards, each a Pagefind bundle of its own made by one
Pagefind run: Pagefind holds everything it indexes in memory, so indexing the
shards two at a time keeps a build's peak memory at two shards' worth, and an
edit re-indexes only the shard of the page it changed. A briefing's shard
follows from a hash of its slug, so it stays put as others come and go; the
number of shards is a power of two, so it changes only when an index
doubles or halves. The first shard keeps the index's own folder (pagefind/),
the others add their number (pagefind-2/, pagefind-3/, ...): a small site has
one shard and the folders it always had. The search page searches them all.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterable, Sequence

from generator import write
from generator.errors import DigestError, Problem
from generator.language import is_chinese
from generator.urls import briefing_path, file_path

INDEX_FOLDER = "pagefind"
# A memory-backed folder for the documents Pagefind reads (see index_shards); None: read the site's pages.
MEMORY_FOLDER: str | None = "/dev/shm"
# Pagefind runs side by side: a run keeps about one core busy, so two finish a third sooner on two cores.
PAGEFIND_RUNS = 2
MODULE = "pagefind.js"
# What a Pagefind run writes to its output, kept in its own folder beside its settings.
LOG = "pagefind.log"
# The search page's script, and (value, interface text key of the label) of its order menu; the script
# knows the values.
SCRIPT = "assets/search.js"
SORTS = (("", "search.best_match"), ("newest", "search.newest_first"), ("oldest", "search.oldest_first"))
# What Pagefind writes for its own ready-made search interfaces and for highlighting matches on a
# result's page: the search page has an interface of its own and uses none of them, so they are left
# out of the site (about 400 KB in every shard).
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Every folder a shard of an index can be written to, whatever the site's language and shard count.
_SHARD_FOLDER = re.compile(r"pagefind(-en|-zh)?(-[1-9][0-9]*)?")


def index_folders(language: str) -> tuple[str, str]:
    """(index for queries in Latin letters, index for queries with Chinese characters) of a site in `language`:
    the folders of their first shards."""
    return ("pagefind-en", INDEX_FOLDER) if is_chinese(language) else (INDEX_FOLDER, "pagefind-zh")


def is_index_folder(name: str) -> bool:
    """Whether a folder at the site's root is (or was) a shard of a search index."""
    return _SHARD_FOLDER.fullmatch(name) is not None


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: the briefing pages it indexes and the folder it writes them to."""

    folder: str
    pages: tuple[str, ...]
    """Site paths of the briefing pages, sorted."""
    language: str | None
    """The language Pagefind reads the pages in ('en', 'zh'); None: each page's own."""


@dataclass(frozen=True)
class SearchPlan:
    """The shards of a site's two indexes, in the order the search page loads them."""

    words: tuple[Shard, ...]
    """The index for queries in Latin letters; its first shard is the one the search page imports."""
    chinese: tuple[Shard, ...]
    """The index for queries with Chinese characters."""

    @property
    def shards(self) -> tuple[Shard, ...]:
        return self.words + self.chinese

    @property
    def folders(self) -> tuple[str, ...]:
        return tuple(shard.folder for shard in self.shards)


def plan_search(language: str, slugs: Iterable[str], chinese_slugs: Collection[str],
                shard_size: int) -> SearchPlan:
    """The shards of a site in `language` with these briefings, of which `chinese_slugs` have Chinese text,
    splitting each index into shards of at most about `shard_size` pages."""
    every = sorted(slugs)
    words_folder, chinese_folder = index_folders(language)
    if is_chinese(language):
        return SearchPlan(_shards(words_folder, every, shard_size, "en"),
                          _shards(chinese_folder, every, shard_size, "zh"))
    # Pagefind needs one page at least to write an index the search page can load: without any
    # Chinese text, the Chinese index holds the first page, which no Chinese query matches.
    chinese = sorted(set(chinese_slugs) & set(every)) or every[:1]
    return SearchPlan(_shards(words_folder, every, shard_size, None),
                      _shards(chinese_folder, chinese, shard_size, "zh"))


def shard_count(pages: int, shard_size: int) -> int:
    """How many shards an index of `pages` pages gets: the smallest power of two that keeps each
    within `shard_size` pages on average, so the count changes only when the index doubles or halves."""
    count = 1
    while count * shard_size < pages:
        count *= 2
    return count


# The longest page glob a Pagefind run is given (see page_glob): Pagefind 1.5 refuses globs of about
# 190,000 characters and more, so a shard whose pages' names add up to more is split further.
GLOB_CHARS = 150_000


def _shards(folder: str, slugs: Sequence[str], shard_size: int, language: str | None) -> tuple[Shard, ...]:
    count = shard_count(len(slugs), shard_size)
    numbers = [int.from_bytes(hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest(), "big")
               for slug in slugs]
    while True:
        groups: list[list[str]] = [[] for _ in range(count)]
        for slug, number in zip(slugs, numbers):
            groups[number % count].append(file_path(briefing_path(slug)))
        if all(len(page_glob(pages)) <= GLOB_CHARS for pages in groups if pages):
            break
        count *= 2
    # A shard the hash left empty is left out (and its number with it): it would hold nothing to find.
    # A digest without briefings has no shard at all: Pagefind writes no index of nothing, and the
    # search page finds nothing without loading one.
    return tuple(Shard(folder if number == 0 else f"{folder}-{number + 1}", tuple(pages), language)
                 for number, pages in enumerate(groups) if pages)


def pagefind_executable() -> Path:
    """The Pagefind binary (extended build, with Chinese word segmentation)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def index_shards(site_dir: Path, shards: Sequence[Shard], meanwhile: Callable[[], None] | None = None,
                 written: Path | None = None) -> None:
    """Write these shards' folders into site_dir afresh, PAGEFIND_RUNS Pagefind runs at a time; raise
    DigestError if Pagefind fails. A shard's folder is replaced only once its new bundle is whole.
    meanwhile(), if given, runs once here when the last run has started, beside the last runs.
    `written`: the documents_folder(site_dir) in which the shards' documents were written already, each
    shard's under its folder's name (see write_search_documents); it is removed here when done."""
    if not shards:
        if meanwhile is not None:
            meanwhile()
        return
    try:
        executable = pagefind_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise DigestError([Problem("pagefind", f"the search indexer is not installed ({exc}).",
                                   hint="run 'make build' to install it, or build with --no-search.")])
    # Each run reads its shard's pages (from the memory folder below, else from the site) by a glob
    # naming them, given in a settings file of the run's own folder (a list of thousands of pages is too
    # long for a command line). The new bundle is written beside the site, then renamed in.
    work = site_dir.parent / f".{site_dir.name}-search"
    shutil.rmtree(work, ignore_errors=True)
    # Pagefind reads each page whole, though it indexes only the part marked data-pagefind-body: given
    # that part alone it takes a sixth less time. Those documents go to memory, where writing thousands
    # of files is cheap; without a memory-backed folder Pagefind reads the site's pages as they are.
    memory = written or documents_folder(site_dir)
    if memory is not None and written is None:
        shutil.rmtree(memory, ignore_errors=True)
    waiting = list(enumerate(shards))
    running: list[tuple[Shard, Path, subprocess.Popen]] = []
    try:
        while waiting or running:
            while waiting and len(running) < PAGEFIND_RUNS:
                number, shard = waiting.pop(0)
                folder = work / str(number)
                folder.mkdir(parents=True)
                pages = site_dir
                if memory is not None:
                    pages = memory / shard.folder
                    if written is None:
                        try:
                            write_search_documents(site_dir, shard.pages, pages)
                        except OSError:
                            # The memory folder is full (a container's may hold 64 MB): the site's pages.
                            shutil.rmtree(pages, ignore_errors=True)
                            pages = site_dir
                running.append((shard, folder, _start(executable, pages, folder, shard)))
                if not waiting and meanwhile is not None:
                    meanwhile()
                    meanwhile = None
            # Runs take different times: the next one starts as soon as any ends, not the oldest.
            shard, folder, process = run = _first_ended(running)
            running.remove(run)
            _finish(process, folder)
            if memory is not None:
                shutil.rmtree(memory / shard.folder, ignore_errors=True)
            for name in UNUSED_FILES:
                (folder / "bundle" / name).unlink(missing_ok=True)
            shutil.rmtree(site_dir / shard.folder, ignore_errors=True)
            os.replace(folder / "bundle", site_dir / shard.folder)
            shutil.rmtree(folder)
    finally:
        for _, _, process in running:
            process.kill()
            process.wait()
        shutil.rmtree(work, ignore_errors=True)
        if memory is not None:
            shutil.rmtree(memory, ignore_errors=True)


def documents_folder(site_dir: Path, room: int = 0) -> Path | None:
    """The memory-backed folder for the documents Pagefind reads when indexing site_dir (None: there is
    none on this machine, or less than `room` bytes free in it). Named after the site, like the work
    folder, so that what a killed build left is cleared by the next."""
    if MEMORY_FOLDER is None or not os.path.isdir(MEMORY_FOLDER) or not os.access(MEMORY_FOLDER, os.W_OK):
        return None
    if room:
        free = os.statvfs(MEMORY_FOLDER)
        if free.f_bavail * free.f_frsize < room:
            return None
    return Path(MEMORY_FOLDER, "digest-search-" + hashlib.sha1(str(site_dir.resolve()).encode()).hexdigest()[:16])


def write_search_documents(site_dir: Path, pages: Sequence[str], into: Path) -> None:
    """Write what Pagefind needs of each page (site path) of site_dir under the same path in `into`:
    the page's indexed part (indexed_part), or the whole page where cutting it could change the index."""
    # Plain strings and os calls: this runs for every page of the site, beside two Pagefind runs.
    site, root, made = str(site_dir), str(into), set()
    for page in pages:
        try:
            with open(os.path.join(site, page), "rb") as source:
                data = source.read()
        except FileNotFoundError:
            continue  # as when Pagefind reads the site: a page that is not there is not indexed
        target = os.path.join(root, page)
        write.make_folder_of(target, made)
        write.write_file(target, search_document(data))


def search_document(page: bytes) -> bytes:
    """What Pagefind needs of a page: its indexed part, or the whole page where cutting it could change
    the index. Two pages with the same document get the same entries in an index."""
    return indexed_part(page) or page


def indexer_version() -> str:
    """The version of the Pagefind package, which decides what an index of the same documents holds."""
    from importlib import metadata

    try:
        return metadata.version("pagefind-bin-extended")
    except metadata.PackageNotFoundError:
        return "missing"


_BODY = b"data-pagefind-body"
# What Pagefind reads outside the marked part: its own attributes (filters, metadata, sort keys, found
# anywhere on a page), the first h1 (the default title) and the first image after it (the default image).
_READ_OUTSIDE = (b"data-pagefind", b"<h1", b"<img")


def indexed_part(page: bytes) -> bytes | None:
    """The page cut down to what Pagefind indexes of it: its opening up to the html tag (the page's
    language) and the one element marked data-pagefind-body; None when the page has no such element
    or anything outside it Pagefind would also read, since the index would then differ."""
    marker = page.find(_BODY)
    if marker < 0 or page.find(_BODY, marker + 1) >= 0:
        return None
    start = page.rfind(b"<", 0, marker)
    name = _TAG_NAME.match(page, start, marker)
    html = _HTML_TAG.search(page, 0, start)
    if name is None or html is None:
        return None
    end = _element_end(page, start, name.group(1))
    if end is None or any(page.find(mark, 0, start) >= 0 or page.find(mark, end) >= 0 for mark in _READ_OUTSIDE):
        return None
    return page[:html.end()] + b"<body>" + page[start:end] + b"</body></html>"


_TAG_NAME = re.compile(rb"<([a-z][a-z0-9-]*)[\s>]")
_HTML_TAG = re.compile(rb"<html\b[^>]*>")


def _element_end(page: bytes, start: int, name: bytes) -> int | None:
    """Where the element opened at `start` ends, counting elements of the same name nested inside it
    (tags as the site's templates write them, in lowercase; None if there is no end)."""
    opening, closing = b"<" + name, b"</" + name + b">"
    depth, at = 1, start + len(opening)
    while depth:
        close = page.find(closing, at)
        if close < 0:
            return None
        nested = page.find(opening, at, close)
        # "<article" also begins "<articles": only a whole tag name counts.
        if nested >= 0 and page[nested + len(opening):nested + len(opening) + 1] in (b" ", b">", b"\n", b"\t"):
            depth, at = depth + 1, nested + len(opening)
        elif nested >= 0:
            at = nested + len(opening)
        else:
            depth, at = depth - 1, close + len(closing)
    return at


def page_glob(pages: Sequence[str]) -> str:
    """A Pagefind glob matching exactly these site paths of briefing pages ('briefings/<slug>/index.html').

    Slugs hold only lowercase letters, digits and hyphens, none of which a glob reads as a pattern."""
    prefix, suffix = file_path(briefing_path("{")).split("{")
    return prefix + "{" + ",".join(page[len(prefix):-len(suffix)] for page in pages) + "}" + suffix


def _start(executable: Path, site_dir: Path, folder: Path, shard: Shard) -> subprocess.Popen:
    """Start Pagefind on a shard's pages; it writes the bundle into `folder`."""
    # keep_index_url: result URLs name index.html, like every other link of the site,
    # so they also work on hosts that do not serve a folder's index.html.
    settings = {"site": str(site_dir.resolve()), "output_path": str((folder / "bundle").resolve()),
                "glob": page_glob(shard.pages), "keep_index_url": True, "quiet": True}
    if shard.language:
        settings["force_language"] = shard.language
    (folder / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    # What it says goes to a file, so a run never waits on a full pipe while another is waited for.
    with open(folder / LOG, "wb") as log:
        return subprocess.Popen([str(executable)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)


def _first_ended(running: Sequence[tuple[Shard, Path, subprocess.Popen]]) -> tuple[Shard, Path, subprocess.Popen]:
    """The first of these runs to end (checked every few milliseconds: a run takes a second or more)."""
    while True:
        for run in running:
            if run[2].poll() is not None:
                return run
        time.sleep(0.005)


def _finish(process: subprocess.Popen, folder: Path) -> None:
    """Raise DigestError with the last lines a Pagefind run wrote in `folder` if it failed."""
    if process.wait() != 0:
        said = (folder / LOG).read_text(encoding="utf-8", errors="replace")
        detail = said.strip().splitlines()[-5:]
        raise DigestError([Problem("pagefind", "the search index could not be built: " + " / ".join(detail),
                                   hint="build with --no-search to skip search.")])
