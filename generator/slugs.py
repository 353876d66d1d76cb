"""URL slugs: lowercase ASCII words joined by hyphens, safe as one path segment."""

from __future__ import annotations

from slugify import slugify as _slugify


def slugify(text: str, max_length: int = 80) -> str:
    """A readable, stable slug; transliterates non-Latin text so it is never empty for real words."""
    slug = _slugify(text, max_length=max_length, word_boundary=True, lowercase=True)
    return slug or "untitled"
