"""Link previews and structured data: OpenGraph and Twitter card tags, schema.org JSON-LD.

Chat apps and social sites draw a card from the tags (https://ogp.me/,
Twitter's summary card); search engines read the JSON-LD
(https://schema.org/NewsArticle). All values are plain text: templates escape
the tags, and `json_ld` makes the JSON safe inside a <script> element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup

# OpenGraph wants language_TERRITORY; a bare language gets the territory most of its readers use.
_DEFAULT_TERRITORY = {"en": "US", "zh": "CN"}
# In a <script> element only '</script' or '<!--' can end the JSON early; escaping '<', '>'
# and '&' as JSON \u escapes rules both out and leaves the parsed value unchanged. U+2028 and
# U+2029 are escaped too, as older script parsers took them for line ends.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class MetaTag:
    """One <meta> element: OpenGraph names go in `property`, Twitter's in `name`."""

    attribute: str
    key: str
    content: str


@dataclass(frozen=True)
class ArticleFacts:
    """What a briefing page adds to its preview: when, under which theme, with which tags."""

    published: str | None
    """ISO 8601 at the known precision ('2023-06-28', '2023-06', '2023'); None when undated."""
    section: str
    tags: tuple[str, ...]


def open_graph_locale(language: str) -> str:
    """'en' -> 'en_US', 'en-GB' -> 'en_GB', 'zh-Hans-CN' -> 'zh_CN', 'zh' -> 'zh_CN'."""
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    territory = regions[0] if regions else _DEFAULT_TERRITORY.get(base)
    return f"{base}_{territory}" if territory else base


def preview_tags(title: str, description: str, url: str, site_name: str, language: str,
                 article: ArticleFacts | None = None) -> tuple[MetaTag, ...]:
    """OpenGraph and Twitter card tags for one page; `article` makes it an og:type article."""
    og = [("og:type", "article" if article else "website"), ("og:title", title),
          ("og:description", description), ("og:url", url), ("og:site_name", site_name),
          ("og:locale", open_graph_locale(language))]
    if article:
        if article.published:
            og.append(("article:published_time", article.published))
        og.append(("article:section", article.section))
        og.extend(("article:tag", tag) for tag in article.tags)
    # Without an image the card is the small 'summary' kind.
    twitter = [("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", description)]
    return tuple(MetaTag("property", k, v) for k, v in og) + tuple(MetaTag("name", k, v) for k, v in twitter)


def news_article(headline: str, description: str, url: str, language: str, date_published: str | None,
                 cities: Iterable[str], keywords: Iterable[str], section: str, publisher: str,
                 publisher_url: str, source_name: str | None = None,
                 source_url: str | None = None) -> dict[str, Any]:
    """A schema.org NewsArticle for a briefing page; absent facts are left out, never guessed."""
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": language,
        "datePublished": date_published,
        "contentLocation": [{"@type": "City", "name": city} for city in cities],
        "articleSection": section,
        "keywords": list(dict.fromkeys(keywords)),
        "publisher": {"@type": "Organization", "name": publisher, "url": publisher_url},
    }
    if source_url:
        original: dict[str, Any] = {"@type": "CreativeWork", "url": source_url}
        if source_name:
            original["publisher"] = {"@type": "Organization", "name": source_name}
        article["isBasedOn"] = original
    return {k: v for k, v in article.items() if v not in (None, "", [])}


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json"> element that no text inside can close."""
    return json_script(data)


def json_script(data: dict[str, Any]) -> Markup:
    """JSON for a data block (<script type="application/json">, or JSON-LD) that no text inside can close.

    On one line: json's C encoder writes only that, and every briefing page carries a block."""
    return Markup(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))
