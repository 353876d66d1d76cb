"""URL slugs: lowercase ASCII words joined by hyphens, safe as one path segment."""

from __future__ import annotations

import re

from slugify import slugify as _slugify

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def slugify(text: str, max_length: int = 80) -> str:
    """A readable, stable slug; Chinese characters become pinyin words, other scripts are transliterated."""
    if _HAN.search(text):
        # Imported here: its dictionaries take a quarter of a second to load, and most slugs need none.
        from pypinyin import lazy_pinyin

        # Each syllable becomes its own word, as a reader of pinyin would split it.
        text = " ".join(lazy_pinyin(text))
    slug = _slugify(text, max_length=max_length, word_boundary=True, lowercase=True)
    return slug or "untitled"
