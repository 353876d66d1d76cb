"""Search: index the built pages with Pagefind, whose binary ships in the pagefind-bin-extended package.

Pagefind stems words only in an index of their own language and splits Chinese
text into words only in a Chinese one. The site therefore gets two indexes of
the same pages: one read as English, where "policy" also finds "policies", and
one read as Chinese, where 新能源 is found inside 新能源汽车. The search page
picks one by the characters of the query. The index in the site's own language
is pagefind/; the other is pagefind-zh/ on an English site and pagefind-en/ on
a Chinese one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import DigestError, Problem
from generator.language import is_chinese

INDEX_FOLDER = "pagefind"
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


def index_site(site_dir: Path, language: str) -> None:
    """Write both search indexes of a site in `language` into site_dir; raise DigestError if Pagefind fails."""
    try:
        executable = pagefind_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise DigestError([Problem("pagefind", f"the search indexer is not installed ({exc}).",
                                   hint="run 'make build' to install it, or build with --no-search.")])
    words, chinese = index_folders(language)
    if is_chinese(language):
        _run(executable, site_dir, chinese, "--force-language", "zh")
        _run(executable, site_dir, words, "--force-language", "en")
    else:
        _run(executable, site_dir, words)
        _run(executable, site_dir, chinese, "--force-language", "zh")


def _run(executable: Path, site_dir: Path, folder: str, *options: str) -> None:
    # --keep-index-url: result URLs name index.html, like every other link of the site,
    # so they also work on hosts that do not serve a folder's index.html.
    result = subprocess.run(
        [str(executable), "--site", str(site_dir), "--output-subdir", folder, "--keep-index-url", "--quiet",
         *options],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise DigestError([Problem("pagefind", "the search index could not be built: " + " / ".join(detail),
                                   hint="build with --no-search to skip search.")])
