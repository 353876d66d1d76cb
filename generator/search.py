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
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

from generator.errors import DigestError, Problem
from generator.language import is_chinese

INDEX_FOLDER = "pagefind"
# Every folder an index can be written to, whatever the site's language (see index_folders).
ALL_INDEX_FOLDERS = (INDEX_FOLDER, "pagefind-en", "pagefind-zh")
MODULE = "pagefind.js"
# The search page's script, and (value, interface text key of the label) of its order menu; the script
# knows the values.
SCRIPT = "assets/search.js"
SORTS = (("", "search.best_match"), ("newest", "search.newest_first"), ("oldest", "search.oldest_first"))


def index_folders(language: str) -> tuple[str, str]:
    """(index for queries in Latin letters, index for queries with Chinese characters) of a site in `language`."""
    return ("pagefind-en", INDEX_FOLDER) if is_chinese(language) else (INDEX_FOLDER, "pagefind-zh")


def pagefind_executable() -> Path:
    """The Pagefind binary (extended build, with Chinese word segmentation)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def index_site(site_dir: Path, language: str, chinese_pages: Sequence[str] | None = None) -> None:
    """Write both search indexes of a site in `language` into site_dir; raise DigestError if Pagefind fails.

    `chinese_pages` (site paths) are the pages for the Chinese index of a site in another language
    than Chinese; None indexes every page in both."""
    try:
        executable = pagefind_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise DigestError([Problem("pagefind", f"the search indexer is not installed ({exc}).",
                                   hint="run 'make build' to install it, or build with --no-search.")])
    words, chinese = index_folders(language)
    if is_chinese(language):
        _run(executable, site_dir, chinese, "--force-language", "zh")
        _run(executable, site_dir, words, "--force-language", "en")
        return
    _run(executable, site_dir, words)
    if chinese_pages is None:
        _run(executable, site_dir, chinese, "--force-language", "zh")
        return
    # Pagefind indexes a folder: a mirror of just these pages, hard-linked at the same paths, gives
    # the same result URLs. It needs one page at least to write an index the search page can load.
    pages = sorted(chinese_pages) or sorted(p.relative_to(site_dir).as_posix()
                                            for p in site_dir.glob(INDEXED_PAGES))[:1]
    mirror = site_dir.parent / f".{site_dir.name}-search-zh"
    shutil.rmtree(mirror, ignore_errors=True)
    try:
        for page in pages:
            target = mirror / page
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site_dir / page, target)
        shutil.rmtree(site_dir / chinese, ignore_errors=True)
        _run(executable, mirror, chinese, "--force-language", "zh", output=(site_dir / chinese).resolve())
    finally:
        shutil.rmtree(mirror, ignore_errors=True)


# Only briefing pages carry data-pagefind-body, so only they are indexed; naming them spares
# Pagefind parsing every listing (the timeline alone holds every briefing's card).
INDEXED_PAGES = "briefings/*/index.html"


def _run(executable: Path, site_dir: Path, folder: str, *options: str, output: Path | None = None) -> None:
    # --keep-index-url: result URLs name index.html, like every other link of the site,
    # so they also work on hosts that do not serve a folder's index.html.
    where = ["--output-path", str(output)] if output else ["--output-subdir", folder]
    result = subprocess.run(
        [str(executable), "--site", str(site_dir), *where, "--keep-index-url", "--quiet",
         "--glob", INDEXED_PAGES, *options],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise DigestError([Problem("pagefind", "the search index could not be built: " + " / ".join(detail),
                                   hint="build with --no-search to skip search.")])
