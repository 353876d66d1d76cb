"""Which language a briefing's own text is in, so pages can mark it with a lang attribute."""

from __future__ import annotations

import functools

from generator.model import Briefing
from generator.text import script_of


def is_chinese(language: str) -> bool:
    """Whether a BCP 47 tag names Chinese in any script or region ('zh', 'zh-CN', 'zh-Hant-TW')."""
    return language.split("-")[0].casefold() == "zh"


def text_language(briefing: Briefing, site_language: str) -> str:
    """The language of a briefing written in another language than the site's, else ''.

    'zh' for a briefing written in Chinese on a site in another language; 'en'
    for one written in Latin letters on a Chinese site (the seeds are English or
    Chinese). Screen readers and search pick their voice and word rules from the
    lang attribute."""
    return _language(briefing.title + briefing.summary, site_language)


@functools.lru_cache(maxsize=65536)
def _language(sample: str, site_language: str) -> str:
    # Cached: every card of a briefing asks again, on every page that shows it.
    if not any(ch.isalpha() for ch in sample):
        return ""
    # The same script test ingest uses, so a page marks as Chinese exactly the briefings ingest read as such.
    chinese = script_of(sample) == "han"
    if is_chinese(site_language):
        return "" if chinese else "en"
    return "zh" if chinese else ""
