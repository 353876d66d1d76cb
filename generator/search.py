"""Search: index the built pages with Pagefind, whose binary ships in the pagefind-bin-extended package.

Pagefind stems words only in an index of their own language and splits Chinese
text into words only in a Chinese one. The site therefore gets two indexes of
the same pages: one in the pages' own language, where "policy" also finds
"policies", and one read as Chinese, where 新能源 is found inside 新能源汽车.
The search page picks one by the characters of the query.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import DigestError, Problem

INDEX_FOLDER = "pagefind"
CJK_INDEX_FOLDER = "pagefind-zh"
MODULE = "pagefind.js"
# The search page's script, and (value, label) of its order menu; the script knows the values.
SCRIPT = "assets/search.js"
SORTS = (("", "Best match"), ("newest", "Newest first"), ("oldest", "Oldest first"))


def pagefind_executable() -> Path:
    """The Pagefind binary (extended build, with Chinese word segmentation)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def index_site(site_dir: Path) -> None:
    """Write both search indexes into site_dir; raise DigestError if Pagefind fails."""
    try:
        executable = pagefind_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise DigestError([Problem("pagefind", f"the search indexer is not installed ({exc}).",
                                   hint="run 'make build' to install it, or build with --no-search.")])
    _run(executable, site_dir, INDEX_FOLDER)
    _run(executable, site_dir, CJK_INDEX_FOLDER, "--force-language", "zh")


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
