"""Each golden case builds to exactly its expected site, or fails with exactly its expected message."""

from __future__ import annotations

import difflib

import pytest

from tests.golden import build_case, cases, tree


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden_site(case, tmp_path):
    error = build_case(case, tmp_path / "site")
    expected_error = case / "expected-error.txt"
    if expected_error.exists():
        assert error == expected_error.read_text(encoding="utf-8")
        assert not (tmp_path / "site").exists()
        return
    assert error is None, error
    built, expected = tree(tmp_path / "site"), tree(case / "expected")
    assert sorted(built) == sorted(expected), "files differ; run `make golden` and review the diff"
    for path in sorted(expected):
        if built[path] != expected[path]:
            diff = difflib.unified_diff(expected[path].decode().splitlines(), built[path].decode().splitlines(),
                                        f"expected/{path}", f"built/{path}", lineterm="")
            pytest.fail("\n".join(diff) + "\n(run `make golden` if the change is intended)")
