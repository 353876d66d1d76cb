"""The data exports: briefings.json and briefings.csv at the site root."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.exports import export_files, export_records
from generator.indexes import SiteIndex
from generator.urls import Linker, briefing_path
from generator.views import Page


def render_exports(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """The exports the `exports` setting asks for, every briefing newest first."""
    linker = Linker("", config)
    records = export_records(index.briefings, lambda b: linker.url(briefing_path(b.slug)))
    for path, data in export_files(records, config.exports).items():
        yield Page(path, "", {}, data=data)
