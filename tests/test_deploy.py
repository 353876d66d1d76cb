"""`digest deploy`: the built site goes to a gh-pages branch, never from uncommitted content."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from tests.project import make_project


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          timeout=30).stdout


def has_branch(repo: Path, branch: str) -> bool:
    return subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=repo,
                          capture_output=True, timeout=30).returncode == 0


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A committed project with a built site, as the current folder; git sees no user or system config."""
    for key, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_CEILING_DIRECTORIES": str(tmp_path),
                       "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DIGEST_BASE_URL", raising=False)
    root = make_project(tmp_path / "project")
    (root / ".gitignore").write_text("/site/\n/.site-*/\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Briefings")
    monkeypatch.chdir(root)
    assert main(["build", "--no-search"]) == 0
    return root


def test_publishes_the_site_to_a_gh_pages_branch_without_pushing(repo, capsys):
    (repo / "README.md").write_text("Work in progress outside content/ does not block a deploy.\n")
    assert main(["deploy", "--no-push"]) == 0
    out, err = capsys.readouterr()
    assert "Published site/ to the gh-pages branch (not pushed" in out
    assert "no search index" in err  # built with --no-search, as the preview builds
    published = git(repo, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "feed.xml", "assets/style.css"} <= set(published)
    assert "briefings/2022-nanjing-talent/index.html" in published
    assert git(repo, "show", "gh-pages:index.html") == (repo / "site" / "index.html").read_text()
    assert git(repo, "branch", "--show-current").strip() == "main"
    assert git(repo, "log", "-1", "--format=%s", "gh-pages").startswith("Publish the digest site from ")

    assert main(["deploy", "--no-push"]) == 0  # a second deploy adds to the branch's history
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "2"


def test_pushes_the_branch_to_the_remote(repo, tmp_path, capsys):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    assert main(["deploy"]) == 0
    assert "pushed it to origin" in capsys.readouterr().out
    assert "index.html" in git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()


@pytest.mark.parametrize("change", ["modified", "untracked", "deleted"])
def test_refuses_while_content_has_uncommitted_changes(repo, capsys, change):
    briefing = repo / "content" / "2022-nanjing-talent.md"
    if change == "modified":
        briefing.write_text(briefing.read_text() + "\nOne more line.\n")
        named = "content/2022-nanjing-talent.md"
    elif change == "untracked":
        (repo / "content" / "2024-new.md").write_text("---\ntitle: New\n---\n")
        named = "content/2024-new.md"
    else:
        briefing.unlink()
        named = "content/2022-nanjing-talent.md"
    assert main(["deploy", "--no-push"]) == 1
    err = capsys.readouterr().err
    assert f"content: has uncommitted changes: {named}." in err
    assert "Hint: commit them first" in err
    assert not has_branch(repo, "gh-pages")


def test_refuses_when_there_is_no_built_site(repo, capsys):
    assert main(["deploy", "--no-push", "--out", "nowhere"]) == 1
    err = capsys.readouterr().err
    assert "nowhere: holds no built site to publish. Hint: run 'make build' first" in err
    assert not has_branch(repo, "gh-pages")


def test_refuses_outside_a_git_checkout(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!DOCTYPE html><title>Site</title>\n")
    monkeypatch.chdir(tmp_path)
    assert main(["deploy", "--no-push"]) == 1
    err = capsys.readouterr().err
    assert "content: could not be checked with git (not a git repository" in err
    assert "Hint: run deploy from the project's git checkout." in err
