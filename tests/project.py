"""A small, self-contained digest project for tests that run the command line in it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEEDS, write_briefing

BRIEFINGS = {
    "2023-06-28-chengdu-design-week": dict(
        title="Chengdu opens an industrial design week", date="2023-06-28", city="Chengdu",
        cities=["Chengdu", "Chongqing"], theme="Industrial design",
        tags=["Industrial design", "Chengdu-Chongqing Economic Circle"], source="Chengdu Daily",
        seed="seeds/chengdu-design-week.txt", summary="A week of design shows for Chengdu's manufacturers."),
    "2023-05-chongqing-land-sea-corridor": dict(
        title="Chongqing widens its land-sea corridor", date="2023-05", city="Chongqing",
        cities=["Chongqing"], theme="Opening-up", tags=["Opening-up"], source="Chongqing Daily",
        seed="seeds/chongqing-corridor.txt", summary="More rail and sea routes from Chongqing."),
    "2022-nanjing-talent": dict(
        title="Nanjing courts young engineers", date="2022", city="Nanjing", cities=["Nanjing"],
        theme="Talent", tags=["Talent", "Integrated circuits"], source="Nanjing Daily",
        seed="seeds/nanjing-talent.txt", summary="Housing and grants for graduates in Nanjing."),
}


def make_project(root: Path, seed_names: tuple[str, ...] = ()) -> Path:
    """Templates, static files, settings and three briefings under root; optionally some repo seeds."""
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("digest.toml", "vocabulary.yaml"):
        shutil.copy2(REPO / name, root / name)
    for stem, fields in BRIEFINGS.items():
        write_briefing(root / "content", stem, body=f"## Background\n\nThe text of {stem}.\n", **fields)
    if seed_names:
        (root / "seeds").mkdir()
        for name in seed_names:
            shutil.copy2(SEEDS / name, root / "seeds" / name)
    return root


def environment(**extra: str) -> dict[str, str]:
    """The test's environment for a `digest` subprocess: this checkout importable, no base URL override."""
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_BASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH"))))
    return {**env, **extra}


def digest(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGS` in cwd and wait for it (bounded)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=environment(**env),
                          capture_output=True, text=True, timeout=60)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
