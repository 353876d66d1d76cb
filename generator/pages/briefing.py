"""A briefing's own page."""

from __future__ import annotations

from markupsafe import Markup

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.language import text_language
from generator.markdown import render_markdown
from generator.model import Briefing
from generator.summary import body_after_summary
from generator.urls import Linker, briefing_path, file_path
from generator.views import Link, Page, date_view, make_card, page_context, page_meta, term_link


def render_briefing_page(index: SiteIndex, config: SiteConfig, briefing: Briefing) -> Page:
    """One briefing with its metadata, body, neighbours in time and related briefings."""
    path = file_path(briefing_path(briefing.slug))
    linker = Linker(path, config)
    newer, older = index.neighbours[briefing.slug]
    meta = page_meta(linker, config, briefing.title, "", briefing.summary, kind="briefing")
    view = {
        "title": briefing.title,
        "lang": text_language(briefing, config.language),
        "date_iso": briefing.date.iso(),
        "date_display": briefing.date.display(),
        "date_precision": briefing.date.precision,
        "published": date_view(briefing.published),
        "city": term_link(linker, "cities", index.cities, briefing.city),
        "other_cities": tuple(term_link(linker, "cities", index.cities, c) for c in briefing.cities[1:]),
        "theme": term_link(linker, "themes", index.themes, briefing.theme),
        "tags": tuple(term_link(linker, "tags", index.tags, t) for t in briefing.tags),
        "source": briefing.source,
        "seed": briefing.seed,
        "summary": briefing.summary,
        # The summary box above shows the opening sentences already.
        "body_html": Markup(render_markdown(body_after_summary(briefing.summary, briefing.body))),
        "timeline": Link(str(briefing.date.year), linker.to("timeline/") + f"#y{briefing.date.year}"),
    }
    return Page(path, "briefing.html", page_context(
        config, meta,
        briefing=view,
        newer=make_card(linker, index, index.by_slug[newer]) if newer else None,
        older=make_card(linker, index, index.by_slug[older]) if older else None,
        related=tuple(make_card(linker, index, index.by_slug[s]) for s in index.related[briefing.slug]),
    ))
