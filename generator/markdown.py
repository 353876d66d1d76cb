"""Markdown bodies to safe HTML: CommonMark plus tables and heading anchors, raw HTML shown as text."""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin


def make_markdown() -> MarkdownIt:
    """CommonMark plus tables and heading anchors; raw HTML is shown as text, never passed through."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(anchors_plugin, min_level=2, max_level=4, permalink=False)
    return md


_MARKDOWN = make_markdown()


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown body to safe HTML (markdown-it also refuses javascript: and data: links).

    Cached because a body appears on its page and in up to three feeds."""
    return _MARKDOWN.render(text)
