"""Golden sites: small inputs in tests/sites/<case>/ built and compared with the expected output kept beside them.

A case with `expected/` must build to exactly that tree; a case with
`expected-error.txt` must fail with exactly that message. After a deliberate
change to the templates or the build, `make golden` rewrites the expected
output; review the diff before committing it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from generator.build import build_site
from generator.config import load_config
from generator.errors import DigestError
from generator.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"


def cases() -> list[Path]:
    return sorted(p for p in SITES.iterdir() if (p / "content").is_dir())


@contextlib.contextmanager
def inside(folder: Path):
    """Run with `folder` as the working directory, so messages name files as a person there would."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def build_case(case: Path, out: Path) -> str | None:
    """Build one case into `out`; the error report when it fails, else None."""
    vocabulary = load_vocabulary(REPO / "vocabulary.yaml")
    with inside(case):
        try:
            config = load_config(Path("digest.toml"))
            build_site(config, vocabulary, content_dir=Path("content"), out_dir=out,
                       templates_dir=REPO / "templates", static_dir=REPO / "static", search=False)
        except DigestError as error:
            return error.report() + "\n"
    return None


def tree(folder: Path) -> dict[str, bytes]:
    """Every generated file under a folder by its relative path.

    Left out: the build's marker and assets/, which is static/ copied as it is
    (a stylesheet tweak should not need new golden files)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".digest-site" and not p.relative_to(folder).as_posix().startswith("assets/")}


def regenerate() -> None:
    """Rewrite every case's expected output from the current code and templates."""
    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "site"
            error = build_case(case, out)
            shutil.rmtree(case / "expected", ignore_errors=True)
            (case / "expected-error.txt").unlink(missing_ok=True)
            if error:
                (case / "expected-error.txt").write_text(error, encoding="utf-8")
            else:
                for path, data in tree(out).items():
                    target = case / "expected" / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            print(f"{case.name}: {'error' if error else 'site'}")


if __name__ == "__main__":
    regenerate()
