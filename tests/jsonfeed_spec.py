"""The rules of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a checker for tests.

Written from the specification's text: which keys a feed, an item, an author
and an attachment must or may have, and the type of each value.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

VERSION = "https://jsonfeed.org/version/1.1"
# RFC 3339 date-time, which the spec names for date_published and date_modified.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

FEED_STRINGS = ("title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
                "favicon", "language")
FEED_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
ITEM_STRINGS = ("url", "external_url", "title", "content_html", "content_text", "summary", "image",
                "banner_image", "date_published", "date_modified", "language")
ITEM_URLS = ("url", "external_url", "image", "banner_image")


def json_feed_problems(feed: object) -> list[str]:
    """Every way `feed` (parsed JSON) breaks the JSON Feed 1.1 rules; [] when it keeps them."""
    if not isinstance(feed, dict):
        return ["the top level is not an object"]
    problems = []
    if feed.get("version") != VERSION:
        problems.append(f"version is {feed.get('version')!r}, not {VERSION!r}")
    if not isinstance(feed.get("title"), str) or not feed.get("title"):
        problems.append("title (required) is missing or not a string")
    problems += _strings(feed, FEED_STRINGS, "feed")
    problems += _urls(feed, FEED_URLS, "feed")
    if "expired" in feed and not isinstance(feed["expired"], bool):
        problems.append("expired is not a boolean")
    problems += _authors(feed, "feed")
    if "hubs" in feed and not (isinstance(feed["hubs"], list) and all(
            isinstance(h, dict) and isinstance(h.get("type"), str) and isinstance(h.get("url"), str)
            for h in feed["hubs"])):
        problems.append("hubs is not a list of objects with type and url")
    items = feed.get("items")
    if not isinstance(items, list):
        return problems + ["items (required) is missing or not an array"]
    ids = []
    for number, item in enumerate(items, start=1):
        where = f"item {number}"
        if not isinstance(item, dict):
            problems.append(f"{where} is not an object")
            continue
        # The spec allows a number for id but says to treat it as a string; we require the string.
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: id (required) is missing or not a string")
        ids.append(item.get("id"))
        if "content_html" not in item and "content_text" not in item:
            problems.append(f"{where}: has neither content_html nor content_text (one is required)")
        problems += _strings(item, ITEM_STRINGS, where)
        problems += _urls(item, ITEM_URLS, where)
        for key in ("date_published", "date_modified"):
            if isinstance(item.get(key), str) and not RFC3339.match(item[key]):
                problems.append(f"{where}: {key} {item[key]!r} is not an RFC 3339 date-time")
        if "tags" in item and not (isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])):
            problems.append(f"{where}: tags is not an array of strings")
        problems += _authors(item, where)
        for attachment in item.get("attachments", []):
            if not (isinstance(attachment, dict) and isinstance(attachment.get("url"), str)
                    and isinstance(attachment.get("mime_type"), str)):
                problems.append(f"{where}: an attachment lacks url or mime_type")
    if len(set(map(str, ids))) != len(ids):
        problems.append("item ids repeat (each must be unique within the feed)")
    return problems


def _strings(obj: dict, keys: tuple[str, ...], where: str) -> list[str]:
    return [f"{where}: {key} is not a string" for key in keys if key in obj and not isinstance(obj[key], str)]


def _urls(obj: dict, keys: tuple[str, ...], where: str) -> list[str]:
    problems = []
    for key in keys:
        if isinstance(obj.get(key), str):
            parts = urlsplit(obj[key])
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problems.append(f"{where}: {key} {obj[key]!r} is not an absolute URL")
    return problems


def _authors(obj: dict, where: str) -> list[str]:
    if "authors" not in obj:
        return []
    authors = obj["authors"]
    if not isinstance(authors, list):
        return [f"{where}: authors is not an array"]
    problems = []
    for author in authors:
        # An author object must have at least one of name, url and avatar, each a string.
        if not isinstance(author, dict) or not any(isinstance(author.get(k), str) for k in ("name", "url", "avatar")):
            problems.append(f"{where}: an author has none of name, url and avatar")
    return problems
