"""The Markdown a draft becomes: front matter in a fixed order, then the article's paragraphs.

Scraped text is escaped so that Markdown shows it as written: it can add no markup,
link, list or heading of its own.
"""

from __future__ import annotations

import re

import yaml

from generator.ingest.records import Draft, Paragraph

_ESCAPE_LINE_START = re.compile(r"^([#>+\-=|~:])|^(\d{1,9})([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: no accidental emphasis, HTML, links, lists or headings."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*])", r"\\\1", text)
    text = re.sub(r"(?<![\w\\])_|_(?!\w)", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    text = re.sub(r"\[(?=[^\]]*\]\s*[(\[:])", r"\\[", text)
    return _ESCAPE_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def render_body(paragraphs: tuple[Paragraph, ...]) -> str:
    """The article's paragraphs as Markdown; a transcript's speaker lines in bold."""
    parts = [f"**{escape_markdown(p.text)}**" if p.speaker else escape_markdown(p.text) for p in paragraphs]
    return "\n\n".join(parts) + "\n"


def _yaml_scalar(value: str) -> str:
    """A string as one line of YAML, quoted only where YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def render_front_matter(draft: Draft) -> str:
    """The front matter block, fields in a fixed order, so output is byte-identical run after run."""
    lines = ["---", f"title: {_yaml_scalar(draft.title)}"]
    if draft.date is not None:
        lines.append(f"date: {draft.date.iso()}")
    if draft.published is not None:
        lines.append(f"published: {draft.published.iso()}")
    lines.append(f"city: {_yaml_scalar(draft.city)}")
    lines.append("cities:")
    lines += [f"  - {_yaml_scalar(c)}" for c in draft.cities]
    lines.append(f"theme: {_yaml_scalar(draft.theme)}")
    lines.append("tags:")
    lines += [f"  - {_yaml_scalar(t)}" for t in draft.tags]
    if draft.source:
        lines.append(f"source: {_yaml_scalar(draft.source)}")
    if draft.source_url:
        lines.append(f"source_url: {_yaml_scalar(draft.source_url)}")
    lines.append(f"seed: {_yaml_scalar(draft.seed)}")
    lines.append(f"summary: {_yaml_scalar(draft.summary)}")
    if draft.review:
        lines.append("review:")
        lines += [f"  - {field}" for field in draft.review]
    lines.append("---")
    return "\n".join(lines) + "\n"


def briefing_text(draft: Draft) -> str:
    """The whole content file."""
    return render_front_matter(draft) + "\n" + draft.body
