"""The data exports: briefings.json and briefings.csv at the site root."""

from __future__ import annotations

import functools
from typing import Iterator

from generator.config import SiteConfig
from generator.exports import EXPORT_FILES, export_file, export_records
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.urls import Linker, briefing_path
from generator.views import Facets, Page, PageSpec


def exports_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """Each export the `exports` setting asks for shows every briefing's fields (not its body), newest first."""
    key = ("exports", facets.records(b.slug for b in index.briefings))
    for name in config.exports:
        yield PageSpec(EXPORT_FILES[name], key, functools.partial(render_export, index, config, name))


def render_export(index: SiteIndex, config: SiteConfig, name: str) -> Page:
    """One export ('json' or 'csv'), every briefing newest first."""
    linker = Linker("", config)
    records = export_records(index.briefings, lambda b: linker.url(briefing_path(b.slug)))
    path, data = export_file(records, name)
    return Page(path, "", {}, data=data)
