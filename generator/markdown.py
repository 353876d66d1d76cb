"""Markdown bodies to safe HTML: CommonMark plus tables and heading anchors, raw HTML shown as text.

markdown-it-pyrs (markdown-it in Rust) renders a body some thirty times faster
than markdown-it-py, which matters when a site has 10,000 bodies and every
feed repeats fifty of them. Its own heading anchors differ from the ones pages
have always had (mdit-py-plugins' GitHub-style ids, "key-figures", "x-1" for
a repeated heading), so ids are added here the same way; tests/test_render.py
checks the output against markdown-it-py on the project's content.
"""

from __future__ import annotations

import functools
import html
import re

from markdown_it_pyrs import MarkdownIt

# CommonMark without its two raw-HTML rules (html_block, html_inline), so raw HTML stays text, plus tables.
RULES = ("blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
         "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table")
_HEADING = re.compile(r"<h([2-4])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]*>")


def make_markdown() -> MarkdownIt:
    """CommonMark plus tables; raw HTML is shown as text, never passed through."""
    md = MarkdownIt("zero")
    md.enable_many(list(RULES))
    return md


_MARKDOWN = make_markdown()


def heading_id(title: str) -> str:
    """A heading's id from its text, as GitHub (and mdit-py-plugins' anchors) make it."""
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", title.lower().replace(" ", "-"))


def add_heading_ids(body_html: str) -> str:
    """Give each h2 to h4 an id from its text; a repeated one gets -1, -2 and so on."""
    taken: set[str] = set()

    def anchor(match: re.Match) -> str:
        level, inner = match.groups()
        base = heading_id(html.unescape(_TAG.sub("", inner)))
        unique, n = base, 1
        while unique in taken:
            unique, n = f"{base}-{n}", n + 1
        taken.add(unique)
        return f'<h{level} id="{html.escape(unique)}">{inner}</h{level}>'

    return _HEADING.sub(anchor, body_html)


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown body to safe HTML (javascript: and data: links are refused, as markdown-it does).

    Cached because a body appears on its page and in up to three feeds."""
    return add_heading_ids(_MARKDOWN.render(text, xhtml=True))
