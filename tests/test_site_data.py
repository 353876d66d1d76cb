"""The built site as data: the exports read back against the content files, the JSON-LD on every
briefing page and the link preview tags on every page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import yaml
from lxml import etree, html

from generator.exports import EXPORT_FIELDS, LIST_FIELDS, LIST_SEPARATOR

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def front_matter(path: Path) -> dict:
    """A content file's fields as YAML reads them, dates as the ISO text the file holds."""
    text = path.read_text(encoding="utf-8")
    fields = yaml.safe_load(text.split("---\n")[1])
    return {k: v.isoformat() if isinstance(v, dt.date) else str(v) if isinstance(v, int) else v
            for k, v in fields.items()}


def content_records(built) -> dict[str, dict]:
    """What the exports should hold, by URL: each content file's fields and its page's URL."""
    records = {}
    for path in sorted(built.content.glob("*.md")):
        url = f"{built.base_url}briefings/{path.stem}/"
        records[url] = {"url": url, **front_matter(path)}
    assert len(records) >= 5
    return records


def head_of(page: Path):
    return html.parse(str(page)).getroot().head


def test_the_json_export_holds_every_content_file_field_for_field_newest_first(built_site_with_search):
    site = built_site_with_search.out
    exported = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    expected = content_records(built_site_with_search)
    assert {r["url"]: r for r in exported} == expected
    assert all(list(r) == [f for f in EXPORT_FIELDS if f in r] for r in exported)
    # The order is the site's: that of the whole site's feed, newest first.
    feed = etree.parse(str(site / "feed.xml"))
    assert [r["url"] for r in exported] == feed.xpath("//a:entry/a:id/text()", namespaces=ATOM)
    assert any("source_url" in r for r in exported) and any("published" in r for r in exported)


def test_the_csv_export_holds_the_same_rows_with_lists_joined(built_site_with_search):
    site = built_site_with_search.out
    data = (site / "briefings.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that tells spreadsheets it is UTF-8
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames) == EXPORT_FIELDS
    rows = list(reader)
    exported = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    assert len(rows) == len(exported)
    for row, record in zip(rows, exported):
        expected = {f: LIST_SEPARATOR.join(record[f]) if f in LIST_FIELDS else record.get(f, "")
                    for f in EXPORT_FIELDS}
        assert row == expected
        assert row["tags"].split(LIST_SEPARATOR) == record["tags"]


def test_the_home_page_footer_links_the_exports(built_site_with_search):
    footer = html.parse(str(built_site_with_search.out / "index.html")).getroot().find(".//footer")
    assert footer.xpath(".//a/@href")[-2:] == ["briefings.json", "briefings.csv"]


def test_every_briefing_page_has_news_article_json_ld_matching_its_content(built_site_with_search):
    site = built_site_with_search.out
    records = content_records(built_site_with_search)
    for url, fields in records.items():
        page = site / url.removeprefix(built_site_with_search.base_url) / "index.html"
        tree = html.parse(str(page)).getroot()
        scripts = tree.xpath("//script[@type='application/ld+json']")
        assert len(scripts) == 1, page
        article = json.loads(scripts[0].text)
        assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
        assert article["headline"] == fields["title"] == tree.findtext(".//h1")
        assert article["url"] == url == tree.xpath("//link[@rel='canonical']/@href")[0]
        assert article["datePublished"] == fields.get("published", fields["date"])
        assert [place["name"] for place in article["contentLocation"]] == fields["cities"]
        assert all(place["@type"] == "City" for place in article["contentLocation"])
        assert article["keywords"] == list(dict.fromkeys([fields["theme"], *fields["tags"]]))
        if "source_url" in fields:
            assert article["isBasedOn"]["url"] == fields["source_url"]
            assert tree.xpath("//a[@rel='external']/@href") == [fields["source_url"]]
        else:
            assert "isBasedOn" not in article and not tree.xpath("//a[@rel='external']")


def test_every_page_has_one_of_each_link_preview_tag_with_absolute_urls(built_site_with_search):
    site, base_url = built_site_with_search.out, built_site_with_search.base_url
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("pagefind"))
    assert len(pages) > 20
    for page in pages:
        head = head_of(page)
        og = {}
        for meta in head.xpath("meta[@property]"):
            if meta.get("property") not in ("article:tag",):
                assert meta.get("property") not in og, f"{page}: {meta.get('property')} twice"
            og[meta.get("property")] = meta.get("content")
        twitter = {m.get("name"): m.get("content") for m in head.xpath("meta[starts-with(@name, 'twitter:')]")}
        where = page.relative_to(site).as_posix()
        assert og["og:title"] and og["og:title"] == twitter["twitter:title"], where
        description = head.xpath("meta[@name='description']/@content")[0]
        assert og["og:description"] == twitter["twitter:description"] == description, where
        assert og["og:url"] == head.xpath("link[@rel='canonical']/@href")[0] and og["og:url"].startswith(base_url)
        assert og["og:site_name"] == "Test Digest" and og["og:locale"] in ("en_US", "zh_CN"), where
        assert og["og:type"] == ("article" if where.startswith("briefings/") else "website"), where
        assert twitter["twitter:card"] == "summary", where
