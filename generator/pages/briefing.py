"""A briefing's own page, with its link preview and schema.org NewsArticle."""

from __future__ import annotations

import functools
from typing import Iterator
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.config import SiteConfig
from generator.content import read_body
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.language import text_language
from generator.markdown import render_markdown
from generator.model import Briefing
from generator.previews import ArticleFacts, json_ld, news_article
from generator.pages.timeline import timeline_link
from generator.summary import body_after_summary
from generator.urls import Linker, briefing_path, briefing_slug, file_path
from generator.views import Facets, Page, PageSpec, date_iso, date_view, make_card, page_context, page_meta, \
    term_link


def briefing_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText,
                   facets: Facets) -> Iterator[PageSpec]:
    """Every briefing's page; each shows the whole briefing (its link preview and JSON-LD too) and the
    cards of its neighbours and related ones."""
    for briefing in index.briefings:
        yield briefing_spec(index, config, text, facets, briefing)


def briefing_spec_at(path: str, index: SiteIndex, config: SiteConfig, text: InterfaceText,
                     facets: Facets) -> PageSpec | None:
    """The spec of the briefing page at `path`, made without listing the others (None: no briefing's page)."""
    briefing = index.by_slug.get(briefing_slug(path) or "")
    return briefing_spec(index, config, text, facets, briefing) if briefing is not None else None


def briefing_spec(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets,
                  briefing: Briefing) -> PageSpec:
    """One briefing's page, keyed by its whole text and the cards of its neighbours and related briefings."""
    slug = briefing.slug
    return PageSpec(file_path(briefing_path(slug)),
                    ("briefing", facets.full[slug], facets.cards(s for s in index.neighbours[slug] if s),
                     tuple(s is None for s in index.neighbours[slug]), facets.cards(index.related[slug])),
                    functools.partial(render_briefing_page, index, config, text, briefing))


def render_briefing_page(index: SiteIndex, config: SiteConfig, text: InterfaceText, briefing: Briefing) -> Page:
    """One briefing with its metadata, body, neighbours in time and related briefings."""
    path = file_path(briefing_path(briefing.slug))
    linker = Linker(path, config)
    newer, older = index.neighbours[briefing.slug]
    lang = text_language(briefing, config.language)
    meta = page_meta(linker, config, text, briefing.title, "", briefing.summary, kind="briefing",
                     article=ArticleFacts(_published_iso(briefing), briefing.theme, _keywords(briefing)),
                     language=lang)
    view = {
        "title": briefing.title,
        "lang": lang,
        "date_iso": date_iso(briefing.date),
        "date_display": text.date(briefing.date),
        "date_precision": briefing.date.precision if briefing.date else "",
        "published": date_view(text, briefing.published),
        "city": term_link(linker, text, "cities", index.cities, briefing.city),
        "other_cities": tuple(term_link(linker, text, "cities", index.cities, c) for c in briefing.cities[1:]),
        "theme": term_link(linker, text, "themes", index.themes, briefing.theme),
        "tags": tuple(term_link(linker, text, "tags", index.tags, t) for t in briefing.tags),
        "source": briefing.source,
        "source_url": briefing.source_url,
        "source_host": urlsplit(briefing.source_url).hostname if briefing.source_url else None,
        "seed": briefing.seed,
        "summary": briefing.summary,
        # The summary box above shows the opening sentences already.
        "body_html": Markup(render_markdown(body_after_summary(briefing.summary, read_body(briefing)))),
        "timeline": timeline_link(linker, text, briefing.date),
    }
    return Page(path, "briefing.html", page_context(
        config, meta, text,
        briefing=view,
        newer=make_card(linker, text, index, index.by_slug[newer]) if newer else None,
        older=make_card(linker, text, index, index.by_slug[older]) if older else None,
        related=tuple(make_card(linker, text, index, index.by_slug[s]) for s in index.related[briefing.slug]),
        json_ld=json_ld(news_article(
            headline=briefing.title, description=briefing.summary, url=meta.canonical,
            language=lang or config.language, date_published=_published_iso(briefing), cities=briefing.cities,
            keywords=_keywords(briefing), section=briefing.theme, publisher=config.title,
            publisher_url=config.base_url, source_name=briefing.source, source_url=briefing.source_url)),
    ))


def _published_iso(briefing: Briefing) -> str | None:
    """When the briefing's text appeared, as precisely as known: the page's date, else the event's."""
    published = briefing.published or briefing.date
    return published.iso() if published else None


def _keywords(briefing: Briefing) -> tuple[str, ...]:
    """The theme, then the tags that are not the theme."""
    return tuple(dict.fromkeys((briefing.theme, *briefing.tags)))
