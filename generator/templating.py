"""Templates: the Jinja2 environment, and a page's view data turned into bytes."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.views import Page


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Jinja2 with autoescaping for HTML and XML and StrictUndefined, so a template typo fails the build.

    Each build makes its own environment, so templates cannot change under it: without auto_reload,
    a page's template, base.html and _macros.html are not stat()ed again for every page rendered."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """The bytes of one page: a pure function of the template and the page's data."""
    if page.data is not None:
        return page.data
    return env.get_template(page.template).render(page.context).encode("utf-8")
