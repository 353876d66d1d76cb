"""URL slugs: lowercase ASCII words joined by hyphens, safe as one path segment."""

from __future__ import annotations

from pypinyin import lazy_pinyin
from slugify import slugify as _slugify

from generator.text import has_han


def slugify(text: str, max_length: int = 80) -> str:
    """A readable, stable slug; Chinese characters become pinyin words, other scripts are transliterated."""
    if has_han(text):
        # Each syllable becomes its own word, as a reader of pinyin would split it.
        text = " ".join(lazy_pinyin(text))
    slug = _slugify(text, max_length=max_length, word_boundary=True, lowercase=True)
    return slug or "untitled"
