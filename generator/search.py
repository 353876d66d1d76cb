"""Search: index the built pages with Pagefind, whose binary ships in the pagefind-bin-extended package."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import DigestError, Problem

INDEX_FOLDER = "pagefind"


def pagefind_executable() -> Path:
    """The Pagefind binary (extended build, with Chinese word segmentation)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def index_site(site_dir: Path) -> None:
    """Write the search index into site_dir/pagefind/; raise DigestError if Pagefind fails."""
    try:
        executable = pagefind_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise DigestError([Problem("pagefind", f"the search indexer is not installed ({exc}).",
                                   hint="run 'make build' to install it, or build with --no-search.")])
    result = subprocess.run(
        [str(executable), "--site", str(site_dir), "--output-subdir", INDEX_FOLDER, "--quiet"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise DigestError([Problem("pagefind", "the search index could not be built: " + " / ".join(detail),
                                   hint="build with --no-search to skip search.")])
