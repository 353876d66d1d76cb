"""Rendering: links from any page, Markdown features, and scraped text that never becomes markup."""

import json

from lxml import etree, html

from generator.config import SiteConfig
from generator.markdown import render_markdown
from generator.urls import Linker
from generator.views import pagination
from tests.conftest import build, write_briefing

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
EVIL_URL = 'https://example.com/a?q="><script>alert(1)</script>&x=\'1'


def test_links_are_relative_and_name_files():
    config = SiteConfig(base_url="https://user.github.io/repo/")
    linker = Linker("briefings/x/index.html", config)
    assert linker.to("") == "../../index.html"
    assert linker.to("themes/talent/") == "../../themes/talent/index.html"
    assert linker.to("briefings/y/") == "../../briefings/y/index.html"
    assert linker.to("assets/style.css") == "../../assets/style.css"
    assert linker.url("briefings/x/") == "https://user.github.io/repo/briefings/x/"
    assert Linker("404.html", config, absolute=True).to("themes/") == "/repo/themes/index.html"


def test_markdown_tables_and_heading_anchors():
    out = render_markdown("## Key numbers\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert '<h2 id="key-numbers">Key numbers</h2>' in out
    assert "<table>" in out and "<td>1</td>" in out


def test_raw_html_and_script_links_stay_text():
    out = render_markdown(f"{EVIL}\n\n[click](javascript:alert(1)) ![i](data:text/html,x)\n")
    assert "<script" not in out and "<img src=x" not in out
    assert "&lt;script&gt;" in out
    assert 'href="javascript' not in out


def test_malicious_front_matter_and_body_are_escaped_everywhere(tmp_path, vocabulary):
    write_briefing(tmp_path / "content", "evil", title=f"Bad {EVIL}", summary=f'He said "hi" {EVIL}',
                   source=EVIL, source_url=EVIL_URL, seed=f"seeds/{EVIL}.txt", body=f"{EVIL}\n\nText & more.\n")
    build(tmp_path / "content", tmp_path / "site", vocabulary)
    for page in (tmp_path / "site").rglob("*.html"):
        tree = html.parse(str(page))
        # The only script is the search page's own file, never one from content; inline
        # scripts are data (JSON-LD, the search page's messages) that the browser never runs.
        assert tree.xpath("//script/@src") in ([], ["../assets/search.js"]), page
        assert {s.get("type") for s in tree.xpath("//script[not(@src)]")} <= {"application/ld+json",
                                                                              "application/json"}, page
        assert not tree.xpath("//img[@onerror]"), page
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), page
    briefing = html.parse(str(tmp_path / "site/briefings/evil/index.html"))
    assert briefing.findtext(".//h1") == f"Bad {EVIL}"
    assert briefing.xpath("//meta[@name='description']/@content") == [f'He said "hi" {EVIL}']
    # Link previews carry the text as text, and the JSON-LD parses back to it.
    assert briefing.xpath("//meta[@property='og:title']/@content") == [f"Bad {EVIL}"]
    assert briefing.xpath("//meta[@name='twitter:description']/@content") == [f'He said "hi" {EVIL}']
    (script,) = briefing.xpath("//script[@type='application/ld+json']")
    assert "</" not in script.text
    data = json.loads(script.text)
    assert (data["headline"], data["description"]) == (f"Bad {EVIL}", f'He said "hi" {EVIL}')
    assert data["isBasedOn"] == {"@type": "CreativeWork", "url": EVIL_URL,
                                 "publisher": {"@type": "Organization", "name": EVIL}}
    assert briefing.xpath("//a[@rel='external']/@href") == [EVIL_URL]
    for feed in (tmp_path / "site").rglob("*.xml"):
        etree.parse(str(feed))  # still well-formed XML
    feed = etree.parse(str(tmp_path / "site/feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext(".//a:entry/a:title", namespaces=ns) == f"Bad {EVIL}"


def test_a_chinese_briefing_is_marked_as_chinese_on_an_english_site(tmp_path, vocabulary):
    write_briefing(tmp_path / "content", "zh", title="武汉发布新场景清单", summary="武汉发布了一批新场景。")
    write_briefing(tmp_path / "content", "en", date="2022-05-09")
    build(tmp_path / "content", tmp_path / "site", vocabulary)
    chinese = html.parse(str(tmp_path / "site/briefings/zh/index.html"))
    # The briefing's own text is marked; the interface's labels around it stay in the site's language.
    assert chinese.xpath("//article//*[@lang='zh']/@class") == ["summary lede", "body"]
    assert chinese.xpath("//article//h1/@lang") == ["zh"]
    assert not chinese.xpath("//dl[@class='facts']/ancestor-or-self::*[@lang and not(self::html)]")
    assert html.parse(str(tmp_path / "site/briefings/en/index.html")).xpath("//article//@lang") == []
    home = html.parse(str(tmp_path / "site/index.html"))
    assert home.xpath("//li[@class='card']//a[@lang='zh']/text()") == ["武汉发布新场景清单"]


def test_pagination_shows_first_last_and_nearby_pages():
    linker = Linker("page/10/index.html", SiteConfig())
    shown = pagination(linker, "", 10, 40)
    assert [p.label for p in shown.pages] == ["1", "…", "8", "9", "10", "11", "12", "…", "40"]
    assert [p.label for p in shown.pages if p.current] == ["10"]
    assert shown.previous == "../../page/9/index.html" and shown.next == "../../page/11/index.html"
    assert shown.pages[0].href == "../../index.html"
    first = pagination(Linker("index.html", SiteConfig()), "", 1, 3)
    assert [p.label for p in first.pages] == ["1", "2", "3"] and first.previous is None
