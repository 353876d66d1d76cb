"""URL slugs: lowercase ASCII words joined by hyphens, safe as one path segment."""

from __future__ import annotations

from slugify import slugify as _slugify

from generator.text import has_han


def slugify(text: str, max_length: int = 80) -> str:
    """A readable, stable slug; Chinese characters become pinyin words, other scripts are transliterated."""
    if has_han(text):
        # Imported here: its dictionaries take a quarter of a second to load, and most slugs need none.
        from pypinyin import lazy_pinyin

        # Each syllable becomes its own word, as a reader of pinyin would split it.
        text = " ".join(lazy_pinyin(text))
    slug = _slugify(text, lowercase=True)
    if max_length and len(slug) > max_length:
        # Cut at the last whole word that fits. (python-slugify's own word-boundary cut skips a word
        # that does not fit and goes on with shorter ones, so a slug could lose a word from its middle.)
        cut = slug[:max_length + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:max_length]
    return slug or "untitled"
