"""Deploy: publish the built site to a gh-pages branch with ghp-import, only from committed content."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ghp_import import GhpError, ghp_import

from generator.errors import DigestError, Problem
from generator.search import is_index_folder

# How many uncommitted files a refusal names before it counts the rest.
LISTED_CHANGES = 10


def git(*arguments: str) -> subprocess.CompletedProcess:
    """Run git in the current folder, capturing its output."""
    try:
        return subprocess.run(["git", *arguments], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DigestError([Problem("git", "is not installed.", hint="install git, then run deploy again.")])


def check_site(out_dir: Path) -> None:
    """Refuse to publish a folder that holds no built site."""
    if not (out_dir / "index.html").is_file():
        raise DigestError([Problem(str(out_dir), "holds no built site to publish.",
                                   hint="run 'make build' first (or 'digest build').")])


def uncommitted_content(content_dir: Path) -> list[str]:
    """Files under content_dir that git sees as modified, added, deleted or untracked."""
    result = git("status", "--porcelain", "--untracked-files=all", "--", str(content_dir))
    if result.returncode != 0:
        detail = result.stderr.strip().removeprefix("fatal: ")
        raise DigestError([Problem(str(content_dir), f"could not be checked with git ({detail}).",
                                   hint="run deploy from the project's git checkout.")])
    # Porcelain lines are "XY path", or "XY old -> new" for a rename.
    return [line[3:] for line in result.stdout.splitlines() if line.strip()]


def refuse_uncommitted(content_dir: Path, changes: list[str]) -> None:
    """Stop before publishing a site built from content that is not in the repository's history."""
    if not changes:
        return
    named = ", ".join(changes[:LISTED_CHANGES])
    more = f" and {len(changes) - LISTED_CHANGES} more" if len(changes) > LISTED_CHANGES else ""
    raise DigestError([Problem(str(content_dir), f"has uncommitted changes: {named}{more}.",
                               hint=f"commit them first, so the published site matches the repository: "
                                    f"git add {content_dir}/ && git commit")])


def commit_message() -> str:
    """The gh-pages commit message, naming the source commit."""
    head = git("rev-parse", "--short", "HEAD")
    source = f" from {head.stdout.strip()}" if head.returncode == 0 else ""
    return f"Publish the digest site{source}"


@dataclass(frozen=True)
class DeployOptions:
    """What to publish, and where to."""

    out: Path = Path("site")
    content: Path = Path("content")
    branch: str = "gh-pages"
    remote: str = "origin"
    push: bool = True


def deploy(options: DeployOptions) -> int:
    """`digest deploy`: commit the built site to a branch (gh-pages) and push it, unless --no-push."""
    check_site(options.out)
    refuse_uncommitted(options.content, uncommitted_content(options.content))
    if not any(entry.is_dir() and is_index_folder(entry.name) for entry in os.scandir(options.out)):
        print(f"Warning: {options.out}/ has no search index (it was built with --no-search, or by digest serve), "
              "so search will not work on the published site. Run 'make build' first to include it.",
              file=sys.stderr)
    push = options.push
    try:
        # nojekyll: GitHub Pages must not run Jekyll, which would drop files and folders starting with '_'.
        ghp_import(str(options.out), mesg=commit_message(), branch=options.branch, remote=options.remote,
                   push=push, nojekyll=True)
    except GhpError as error:
        raise DigestError([Problem(options.branch, f"could not be updated: {error.message}.",
                                   hint="run deploy from the project's git checkout.")])
    except subprocess.CalledProcessError:
        # Not a DigestError: the branch was committed, only the push failed.
        print(f"{options.remote}: git push of the {options.branch} branch failed (see git's message above); the branch "
              f"is committed locally. Hint: check 'git remote -v' and your access, then "
              f"'git push {options.remote} {options.branch}'.", file=sys.stderr)
        return 1
    where = f" and pushed it to {options.remote}" if push else " (not pushed: --no-push)"
    print(f"Published {options.out}/ to the {options.branch} branch{where}.")
    return 0
