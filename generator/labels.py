"""Interface text the pages show, by name, in one place so that a language file can take its place."""

from __future__ import annotations

from types import MappingProxyType

LABELS = MappingProxyType({
    "follow": "Follow",
    "atom_feed": "Atom feed",
    "json_feed": "JSON Feed",
    "download_data": "Download the data",
    "export_json": "JSON",
    "export_csv": "CSV",
    "all_briefings": "All briefings",
    "source": "Source",
    "original_article": "original article",
})
