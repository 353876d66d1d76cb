"""Which language a briefing's own text is in, so pages can mark it with a lang attribute."""

from __future__ import annotations

from generator.model import Briefing
from generator.text import script_of


def text_language(briefing: Briefing, site_language: str) -> str:
    """'zh' for a briefing written in Chinese on a site in another language, else ''.

    Screen readers and search pick their voice and word rules from the lang attribute."""
    # The same script test ingest uses, so a page marks as Chinese exactly the briefings ingest read as such.
    if site_language.split("-")[0] != "zh" and script_of(briefing.title + briefing.summary) == "han":
        return "zh"
    return ""
