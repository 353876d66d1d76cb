"""Ingest: seed texts become clean Markdown briefings; edits are kept; bad seeds are reported."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from markdown_it import MarkdownIt

import generator.ingest.write as ingest_writer
from generator.cli import main
from generator.gazetteer import load_gazetteer
from generator.ingest import MANIFEST, IngestReport, escape_markdown, ingest_seeds
from generator.ingest.article import is_restatement, tidy
from generator.ingest.noise import noise_reason
from generator.text import split_sentences

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIELD_ORDER = ["title", "date", "published", "city", "cities", "theme", "tags", "source", "seed", "summary"]

# Every line of site furniture in the five seeds, as it stands there.
SEED_NOISE = [
    "Contact us",
    "Disclaimer: Except for original content and specific statements",
    "please contact us for removal",
    "Start typing and press Enter to search",
    "Conference site",
    "[ Photo: Chengdu new economic development committee]",
    "|ChinaNews|Published:2020-04-02 17:29:31",
    "Share This Story",
    "Explore ChinaNews",
    "Tel:+86-010-68891122",
    "Add:16A Shijingshan Road",
    "Copyright",
    "CRI Online",
    "All rights reserved",
    "分享縮略圖",
    "0 Comment(s)",
    "Print E-mail",
    "Adjust font size",
    "<  1  2  3",
    "1 2 3 4 5 6 7 8 9 10 11 12",
    "Follow China.org.cn on Twitter and Facebook to join the conversation.",
    "ChinaNews App Download",
    "Print E-mail Bookmark and Share",
    "Go to Forum",
    "No comments.",
    "Add your comments",
    "User Name Required",
    "Your Comment",
    "Enter the words you see",
    "Racist, abusive and off-topic comments may be removed by the moderator.",
    "Send your stories",
    "MobileRSSNewsletter",
    "主站蜘蛛池模板",
    "欧美成视频在线观看",
]


def load(path: Path) -> frontmatter.Post:
    return frontmatter.load(path)


def by_seed(content: Path) -> dict[str, tuple[Path, frontmatter.Post]]:
    """The content files, keyed by their seed's number ('000' ...)."""
    found = {}
    for path in sorted(content.glob("*.md")):
        post = load(path)
        found[Path(post["seed"]).name[:3]] = (path, post)
    return found


@pytest.fixture(scope="module")
def seeds_ingested(tmp_path_factory, vocabulary, gazetteer):
    content = tmp_path_factory.mktemp("ingest") / "content"
    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    return content, report, by_seed(content)


def ingest_texts(tmp_path: Path, vocabulary, texts: dict[str, str | bytes], force: bool = False):
    """Write seeds with these names and contents, ingest them, and return (report, posts by file stem)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, text in texts.items():
        target = seeds / name
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    content = tmp_path / "content"
    report = ingest_seeds(seeds, content, vocabulary, load_gazetteer(), force=force)
    posts = {Path(post["seed"]).stem: post for post in map(load, sorted(content.glob("*.md")))}
    return report, posts


# --- The five seeds ---------------------------------------------------------------------------

def test_every_seed_gives_one_briefing_and_no_problem(seeds_ingested):
    content, report, posts = seeds_ingested
    assert report.problems == ()
    assert sorted(posts) == ["000", "001", "002", "003", "004"]
    assert len(report.messages) == 5
    assert all(": written from " in m for m in report.messages)


EXPECTED = {
    "000": dict(title="Chengdu Hosts 2023 Modern Urban Industrial Development Conference", date="2023",
                city="Chengdu", cities=["Chengdu"], theme="Urban industry", source=None, published=None),
    "001": dict(title="Industry Design Empowerment Conference in Chengdu-Chongqing Economic Circle",
                date="2023-06-28", city="Chongqing", cities=["Chongqing", "Chengdu"], theme="Industrial design",
                source=None, published=None),
    "002": dict(title="Chengdu will release 1,000 new scenes and 1,000 new products to the world",
                date="2020-03-31", published="2020-04-02", city="Chengdu", cities=["Chengdu"],
                theme="New economy and application scenarios", source="ChinaNews"),
    "003": dict(title="SCIO press conference on building Chongqing into a key strategic fulcrum for the "
                      "development of China's western region in the new era and a comprehensive hub for "
                      "inland opening-up",
                date="2024-07-05", published=None, city="Chongqing", cities=["Chongqing"],
                theme="Advanced manufacturing", source="China.org.cn"),
    "004": dict(title="2023 Nanjing Mayor's International Consultation Meeting", date="2023-10-21",
                published=None, city="Nanjing", cities=["Nanjing"], theme="Science and technology innovation",
                source=None),
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_front_matter_of_each_seed(seeds_ingested, number):
    _, _, posts = seeds_ingested
    _, post = posts[number]
    expected = EXPECTED[number]
    assert post["title"] == expected["title"]
    assert str(post["date"]) == expected["date"]
    assert (str(post["published"]) if "published" in post.metadata else None) == expected["published"]
    assert post["city"] == expected["city"]
    assert post["cities"] == expected["cities"]
    assert post["theme"] == expected["theme"]
    assert post.get("source") == expected["source"]
    assert post["tags"][0] == expected["theme"]
    assert len(post["tags"]) == len(set(post["tags"]))


def test_foreign_cities_and_provinces_are_not_briefing_cities(seeds_ingested):
    _, _, posts = seeds_ingested
    for _, post in posts.values():
        assert not {"Tokyo", "New York", "Singapore", "Sichuan", "Jiangsu", "Shanghai"} & set(post["cities"])


def test_tags_name_the_programmes_and_regions_the_text_names(seeds_ingested):
    _, _, posts = seeds_ingested
    assert {"Chengdu-Chongqing Economic Circle", "33618 cluster system", "Industrial design"} <= set(
        posts["001"][1]["tags"])
    assert {"33618 cluster system", "New energy vehicles", "Press conference"} <= set(posts["003"][1]["tags"])
    assert "Urban industry" in posts["000"][1]["tags"]


def test_tags_and_theme_come_from_the_vocabulary(seeds_ingested, vocabulary):
    _, _, posts = seeds_ingested
    for _, post in posts.values():
        assert vocabulary.theme(post["theme"]) is not None
        assert all(vocabulary.term(tag) is not None for tag in post["tags"])


def test_front_matter_fields_come_in_a_fixed_order(seeds_ingested):
    _, _, posts = seeds_ingested
    for path, post in posts.values():
        keys = [k for k in FIELD_ORDER if k in post.metadata]
        assert list(post.metadata) == keys
        assert path.read_text(encoding="utf-8").startswith("---\ntitle: ")


def test_file_names_are_date_and_headline(seeds_ingested):
    _, _, posts = seeds_ingested
    assert posts["001"][0].name == ("2023-06-28-industry-design-empowerment-conference-in-chengdu-chongqing-"
                                    "economic-circle.md")
    assert posts["000"][0].name == "2023-chengdu-hosts-2023-modern-urban-industrial-development-conference.md"
    assert posts["004"][0].name == "2023-10-21-2023-nanjing-mayors-international-consultation-meeting.md"
    # A long headline is cut at a word boundary, and not after "for the".
    assert posts["003"][0].name == ("2024-07-05-scio-press-conference-on-building-chongqing-into-a-key-strategic-"
                                    "fulcrum.md")
    for path, _ in posts.values():
        assert re.fullmatch(r"[a-z0-9-]+\.md", path.name)
        assert len(path.stem) <= 91  # the date, a hyphen and at most 80 characters of headline


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_no_site_furniture_survives(seeds_ingested, number):
    path, post = seeds_ingested[2][number]
    text = path.read_text(encoding="utf-8")
    body = post.content
    for noise in SEED_NOISE:
        assert noise not in body, noise
    assert "Photo:" not in text and "Comment(s)" not in text
    assert not re.search(r"[\u4e00-\u9fff]", text), "text in another script"
    assert not re.search(r"^\W*\d+(\s+\d+){3,}\W*$", body, re.MULTILINE), "pagination row"


# 004 says this twice, in two translations; the second adds nothing.
RESTATED = ("Cultivate a culture of innovation, cultivate innovative genes, and create a good innovation ecology for "
            "the main carrying area of the industrial science and technology innovation center with global influence.")


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_nothing_of_the_article_is_lost_or_reworded(seeds_ingested, number):
    """Every sentence of every long line of the seed that is not furniture is in the body, word for word."""
    path, post = seeds_ingested[2][number]
    seed_text = Path(SEEDS / Path(post["seed"]).name).read_text(encoding="utf-8")
    body = post.content.replace("\\", "")
    for line in map(tidy, seed_text.splitlines()):
        if len(line.split()) >= 12 and not any(noise in line for noise in SEED_NOISE) and line != post["title"]:
            for sentence in split_sentences(line):
                assert sentence in body or sentence == RESTATED, sentence[:80]


def test_a_sentence_said_twice_in_two_translations_is_kept_once(seeds_ingested):
    body = seeds_ingested[2]["004"][1].content
    assert RESTATED not in body
    assert ("cultivate a culture of innovation, and cultivate innovative genes, to create a good innovation "
            "ecosystem for building a global influence") in body
    # A sentence that shares words with the one before but says more is kept.
    assert "accelerate the transformation of excellent achievements, and enhance the international" in body


def test_the_title_is_not_repeated_in_the_body_and_paragraphs_are_separated(seeds_ingested):
    for path, post in seeds_ingested[2].values():
        assert post["title"] not in post.content.split("\n\n")
        assert "\n\n\n" not in path.read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8").endswith(".\n")


def test_a_transcript_keeps_who_speaks(seeds_ingested):
    body = seeds_ingested[2]["003"][1].content
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "**Chongqing Daily:**"
    assert "**Hu Henghua:**" in paragraphs
    assert "**Jiang Duntao:**" in paragraphs
    assert paragraphs[paragraphs.index("**Hu Henghua:**") + 1].startswith("Thank you for your question.")
    assert paragraphs[paragraphs.index("**Jiang Duntao:**") + 1].startswith("Okay. Chongqing is an important")


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_the_summary_is_taken_word_for_word_from_the_article(seeds_ingested, number):
    _, post = seeds_ingested[2][number]
    summary = post["summary"]
    assert summary in post.content.replace("\\", "")
    assert 1 <= len(re.findall(r"[.!?][\"'”’]*(?:\s|$)", summary)) <= 3
    assert not summary.endswith("?")


def test_summaries_tell_what_happened(seeds_ingested):
    posts = seeds_ingested[2]
    assert posts["001"][1]["summary"].startswith("On June 28, 2023, the Industry Design Empowerment Conference")
    assert posts["002"][1]["summary"].startswith("On March 31, 2020, the first conference")
    assert posts["004"][1]["summary"].startswith("On October 21st, 2023 Nanjing Mayor's")
    assert "conference was recently hosted in Chengdu" in posts["000"][1]["summary"]


def test_the_cli_writes_the_seed_path_as_given(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = subprocess.run([sys.executable, "-m", "generator", "ingest", "--seeds", "seeds", "--content",
                             "content", "--vocabulary", str(REPO / "vocabulary.yaml")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "content/2023-06-28-industry-design-empowerment-conference-in-chengdu-chongqing-economic-circle.md: " \
           "written from seeds/001_3ace61bc30885388.txt" in result.stdout
    seeds = sorted(load(p)["seed"] for p in (tmp_path / "content").glob("*.md"))
    assert seeds == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]


# --- Articles the rules were not written for ---------------------------------------------------

WUHAN = """\
Home > News > Economy
Hubei Daily | Published:2023-09-08 10:13:29
Wuhan opens Optics Valley design week to serve manufacturers

Share: WeChat Weibo Twitter

On Sept. 6, 2023, the Optics Valley design week opened in Wuhan, Hubei Province, with 300 firms from the design industry.
Organisers said industrial design will help local manufacturers raise the value of their products.

Organisers said industrial design will help local manufacturers raise the value of their products.

The event borrows ideas from design weeks in Paris and Milan. Designers from Shenzhen also took part. The city plans
to open two more design centres next year, officials said.

Officials said the week will be held every year. Officials said the week will be held every year.

Related: Wuhan unveils plan for optics industry
Scan the QR code to follow us on WeChat
Editor: Li Ming
Page 1 of 2
© 2023 Hubei Daily. All rights reserved.
Tel: 027-12345678
"""


def test_an_unseen_article_from_another_city_and_site(tmp_path, vocabulary):
    report, posts = ingest_texts(tmp_path, vocabulary, {"wuhan.txt": WUHAN})
    assert report.problems == ()
    post = posts["wuhan"]
    assert post["title"] == "Wuhan opens Optics Valley design week to serve manufacturers"
    assert str(post["date"]) == "2023-09-06"
    assert str(post["published"]) == "2023-09-08"
    assert post["city"] == "Wuhan"
    assert post["cities"] == ["Wuhan"]  # Shenzhen is named once; Paris and Milan are examples abroad
    assert post["theme"] == "Industrial design"
    assert post["source"] == "Hubei Daily"
    body = post.content
    for noise in ["Home > News", "Share:", "Related:", "QR code", "Editor:", "Page 1 of 2", "©", "Tel:",
                  "Hubei Daily |"]:
        assert noise not in body, noise
    # Lines cut mid-sentence are joined; what the scraper repeated is kept once.
    assert "The city plans to open two more design centres next year, officials said." in body
    assert body.count("Organisers said industrial design will help") == 1
    assert body.count("Officials said the week will be held every year.") == 1
    assert post["summary"].startswith("On Sept. 6, 2023, the Optics Valley design week opened in Wuhan")


CHINA_DAILY = """\
Home | China | World | Business | Lifestyle | Culture | Travel | Sports | Opinion
Business / Companies
Hefei bets on new energy vehicles to power growth
By ZHU LIXIN in Hefei | chinadaily.com.cn | Updated: 2023-11-14 09:21
Share - WeChat
CLOSE
A worker assembles a car at a factory in Hefei, Anhui province. [Photo/Xinhua]
Hefei, capital of East China's Anhui province, produced more than 740,000 new energy vehicles in the first 10 \
months of this year, local authorities said on Monday.
The city has attracted major carmakers including NIO, Volkswagen and BYD, and it aims to become a global hub for \
NEVs by 2025, said Yuan Fei, an official with the Hefei development and reform commission.
"We will continue to improve the industrial chain," Yuan said.
Related Stories
Hefei NEV output surges
Anhui's auto exports hit record
Copyright 1995 - 2023 . All rights reserved. The content published in this site belongs to China Daily.
Note: Browsers with 1024*768 or higher resolution are suggested for this site.
License for publishing multimedia online 0108263
"""

XINHUA = """\
Xi'an eyes hard-tech innovation hub
Source: Xinhua
Editor: huaxia
2022-05-18 16:40:12
XI'AN, May 18 (Xinhua) -- Xi'an, capital of northwest China's Shaanxi Province, will build a national hard-tech \
innovation hub by 2025, according to a plan released by the city government on Wednesday.
The plan targets breakthroughs in photonics, semiconductors and aerospace, and sets out measures to support \
technology transfer from the city's universities.
"""

WRAPPED = """\
Wuhan launches optics valley talent programme

Wuhan, Hubei, June 3, 2023 - The city of Wuhan on Saturday launched
a programme to attract 10,000 engineers to its Optics Valley over the
next five years, the municipal government said.

Under the programme, engineers who move to the East Lake High-tech Zone
will receive housing subsidies and help with their children's schooling.

1. Housing subsidies of up to 500,000 yuan.
2. Priority school places.
"""


def test_links_to_other_stories_and_page_notes_after_the_article_are_dropped(tmp_path, vocabulary):
    report, posts = ingest_texts(tmp_path, vocabulary, {"cd.txt": CHINA_DAILY})
    assert report.problems == ()
    post = posts["cd"]
    # "said on Monday" on a page of Tuesday 14 November: the Monday before.
    assert (post["title"], str(post["date"]), str(post["published"]), post["city"]) == (
        "Hefei bets on new energy vehicles to power growth", "2023-11-13", "2023-11-14", "Hefei")
    assert post["source"] == "chinadaily.com.cn"
    assert "New energy vehicles" in post["tags"]
    assert post.content.endswith('"We will continue to improve the industrial chain," Yuan said.')
    for noise in ["Home |", "Business / Companies", "ZHU LIXIN", "WeChat", "CLOSE", "[Photo/Xinhua]",
                  "Related Stories", "Hefei NEV output surges", "Copyright", "Browsers", "License"]:
        assert noise not in post.content, noise


def test_a_news_agency_dateline(tmp_path, vocabulary):
    report, posts = ingest_texts(tmp_path, vocabulary, {"xinhua.txt": XINHUA})
    post = posts["xinhua"]
    assert (post["city"], str(post["date"]), post["source"]) == ("Xi'an", "2022-05-18", "Xinhua")
    assert "published" not in post.metadata
    assert post.content.startswith("XI'AN, May 18 (Xinhua) -- Xi'an, capital")  # the article as written
    assert post["summary"].startswith("Xi'an, capital of northwest China's Shaanxi Province, will build")
    assert "Editor" not in post.content and "huaxia" not in post.content


@pytest.mark.parametrize("byline, source", [
    ("By Global Times Published: Jun 06, 2024 10:22 PM", "Global Times"),
    ("By Li Jing Published: Jun 06, 2024 10:22 PM", None),
    ("By Li Jing | Shenzhen Daily | Updated: 2024-06-06 22:22", "Shenzhen Daily"),
    ("Date: 2024-06-06 Source: english.sz.gov.cn", "english.sz.gov.cn"),
])
def test_the_publisher_is_not_confused_with_a_reporter(tmp_path, vocabulary, byline, source):
    text = (f"Shenzhen to build AI industry cluster\n{byline}\nShenzhen, South China's Guangdong Province, "
            "unveiled an action plan on Thursday to build a world-class artificial intelligence industry cluster "
            "by 2026, with 30 measures covering computing power.\n")
    _, posts = ingest_texts(tmp_path, vocabulary, {"ai.txt": text})
    assert posts["ai"].get("source") == source
    assert str(posts["ai"]["date"]) == "2024-06-06"
    assert posts["ai"]["theme"] == "Digital economy"


def test_hard_wrapped_lines_are_joined_and_a_dateline_in_the_lead_is_kept(tmp_path, vocabulary):
    _, posts = ingest_texts(tmp_path, vocabulary, {"wrapped.txt": WRAPPED})
    post = posts["wrapped"]
    paragraphs = post.content.split("\n\n")
    assert paragraphs[0] == ("Wuhan, Hubei, June 3, 2023 - The city of Wuhan on Saturday launched a programme to "
                             "attract 10,000 engineers to its Optics Valley over the next five years, the municipal "
                             "government said.")
    assert paragraphs[2:] == ["1\\. Housing subsidies of up to 500,000 yuan.", "2\\. Priority school places."]
    assert (str(post["date"]), post["city"], post["theme"]) == ("2023-06-03", "Wuhan", "Talent")
    assert post["summary"].startswith("The city of Wuhan on Saturday launched a programme")


def test_cities_named_only_for_comparison_are_not_involved(tmp_path, vocabulary):
    text = ("Shenzhen to build AI industry cluster\n\nShenzhen unveiled an action plan on June 6, 2024 to build an "
            "artificial intelligence industry cluster.\n\nNanshan District and Longgang District will host new AI "
            "parks.\n\nAnalysts said the plan would help Shenzhen compete with Beijing and Shanghai. Beijing and "
            "Shanghai have issued similar plans.\n")
    _, posts = ingest_texts(tmp_path, vocabulary, {"sz.txt": text})
    assert posts["sz"]["cities"] == ["Shenzhen"]


@pytest.mark.parametrize("dateline, lead, expected, published", [
    ("Published:2021-08-23 10:13:29", "Shenzhen has set out a plan for its chip industry.", "2021-08-23", None),
    ("", "2023年6月28日，the Shenzhen chip forum was held.", "2023-06-28", None),
    ("", "On October 21st, the Shenzhen chip forum was held.", "2022-10-21", None),
    ("Updated: 2022-11-02", "On October 21st, the Shenzhen chip forum was held.", "2022-10-21", "2022-11-02"),
    ("", "The Shenzhen chip forum was recently held.", "2022", None),
    ("By Wang Yi | Shenzhen Daily | 2022-11-02", "The forum in June 2022 was held in Shenzhen.", "2022-06",
     "2022-11-02"),
])
def test_other_date_formats(tmp_path, vocabulary, dateline, lead, expected, published):
    text = (f"Shenzhen hosts 2022 chip forum\n{dateline}\n\n{lead} Firms from Shenzhen and Wuhan discussed "
            "integrated circuits and semiconductors for two days, and agreed to share test lines.\n")
    report, posts = ingest_texts(tmp_path, vocabulary, {"chip.txt": text})
    assert report.problems == ()
    post = posts["chip"]
    assert str(post["date"]) == expected
    assert (str(post["published"]) if "published" in post.metadata else None) == published
    assert post["city"] == "Shenzhen"
    assert "Integrated circuits" in post["tags"]


def test_an_article_in_chinese(tmp_path, vocabulary):
    text = ("分享到：微信 微博\n深圳举办2023先进制造业大会\n\n2023年6月28日，2023先进制造业大会在深圳市南山区开幕。"
            "来自全国的企业代表围绕智能制造和产业集群展开交流，并签署了一批合作项目。\n\n"
            "大会期间，深圳发布了推动先进制造业高质量发展的若干措施，支持企业开展技术创新。\n\n"
            "版权所有 © 深圳新闻网\n")
    report, posts = ingest_texts(tmp_path, vocabulary, {"zh.txt": text})
    assert report.problems == ()
    post = posts["zh"]
    assert post["title"] == "深圳举办2023先进制造业大会"
    assert str(post["date"]) == "2023-06-28"
    assert post["city"] == "Shenzhen"
    assert post["theme"] == "Advanced manufacturing"
    assert "版权所有" not in post.content and "分享到" not in post.content
    (path,) = (tmp_path / "content").glob("*.md")
    assert re.fullmatch(r"2023-06-28-[a-z0-9-]+\.md", path.name)  # transliterated, still ASCII
    assert post["summary"] in post.content


def test_markdown_characters_in_the_text_render_as_text(tmp_path, vocabulary):
    text = ("Wuhan publishes its design action plan\n\nOn May 5, 2023, Wuhan published its design action plan "
            "with ten measures for the city's industrial design sector.\n\n"
            "1. The first measure builds <b>design</b> centres in every district of the city.\n\n"
            "# The second measure funds *design* schools and a_b_c labs for local manufacturers.\n\n"
            "- The third measure is a loan scheme [see](http://example.org) for design firms in Wuhan.\n")
    report, posts = ingest_texts(tmp_path, vocabulary, {"md.txt": text})
    assert report.problems == ()
    html = MarkdownIt("commonmark").render(posts["md"].content)
    assert "<ol" not in html and "<ul" not in html and "<h1" not in html and "<em>" not in html
    assert "<a " not in html and "<b>" not in html
    assert "1. The first measure builds &lt;b&gt;design&lt;/b&gt; centres" in html
    assert "# The second measure funds *design* schools and a_b_c labs" in html
    assert "- The third measure is a loan scheme [see](http://example.org)" in html


@pytest.mark.parametrize("line", [
    "Copyright protection is a priority for Chengdu firms this year.",
    "Firms can sign up for the subsidy online.",
    "Visitors can scan the QR code to register for the fair.",
    "Residents can download the app to apply.",
    "Next steps",
    "Thank you.",
    "Chongqing Daily:",
    "Contact points for foreign investors",
])
def test_article_lines_that_look_a_little_like_furniture_are_kept(line):
    assert noise_reason(line, "latin") == ""


@pytest.mark.parametrize("line", [
    "Contact us", "Share This Story", "Print E-mail Bookmark and Share", "< 1 2 3 4 5 >", "Page 1 of 3",
    "Home > News > Economy", "Tel: 027-12345678", "Add:16A Shijingshan Road,China.100040",
    "Copyright ©1997- by CRI Online All rights reserved", "Disclaimer: the views are the author's own.",
    "Start typing and press Enter to search", "Adjust font size:", "Scan the QR code to follow us on WeChat",
    "Send your storiesGet more from China.org.cnMobileRSSNewsletter", "主站蜘蛛池模板: 欧美成视频在线观看",
    "By Li Jing", "A worker at a factory in Hefei. [Photo/Xinhua]",
])
def test_furniture_lines(line):
    assert noise_reason(line, "latin") != ""


@pytest.mark.parametrize("text, expected", [
    ("1. First", "1\\. First"), ("2023) Year", "2023\\) Year"), ("# Tag", "\\# Tag"), ("> Quote", "\\> Quote"),
    ("- Item", "\\- Item"), ("+ Item", "\\+ Item"), ("=== rule", "\\=== rule"), ("<div>", "\\<div>"),
    ("a *b* c", "a \\*b\\* c"), ("`code`", "\\`code\\`"), ("snake_case stays", "snake_case stays"),
    ("_lead", "\\_lead"), ("R&D and &amp;", "R&D and \\&amp;"), ("3 < 4", "3 < 4"), ("plain text", "plain text"),
])
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


def test_restatements_are_long_sentences_that_add_nothing():
    first = "The city will build an industrial design centre for local manufacturers near the old steel works."
    again = "The city is going to build an industrial design centre for manufacturers near the old steel works."
    more = "The city will build an industrial design centre and a testing laboratory for aerospace suppliers."
    assert is_restatement(again, first)
    assert not is_restatement(more, first)
    assert not is_restatement("The city will build it.", "The city will build it soon.")


# --- Running again -----------------------------------------------------------------------------

def snapshot(content: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(content.iterdir())}


def test_a_second_run_changes_nothing(tmp_path, vocabulary, gazetteer):
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    before = snapshot(content)
    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    assert snapshot(content) == before  # same bytes, and not even rewritten
    assert report.problems == ()
    assert len(report.messages) == 5 and all(m.endswith(": unchanged") for m in report.messages)
    assert MANIFEST in before and sorted(before) == sorted([MANIFEST, *(n for n in before if n.endswith(".md"))])


def test_two_fresh_runs_write_identical_files(tmp_path, vocabulary, gazetteer):
    ingest_seeds(SEEDS, tmp_path / "a", vocabulary, gazetteer)
    ingest_seeds(SEEDS, tmp_path / "b", vocabulary, gazetteer)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


def test_the_manifest_is_sorted_json_naming_seed_and_digest(tmp_path, vocabulary, gazetteer):
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    text = (content / MANIFEST).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert sorted(data["files"]) == sorted(p.name for p in content.glob("*.md"))
    for entry in data["files"].values():
        assert set(entry) == {"seed", "sha256"}


def test_an_edited_briefing_is_kept_until_forced(tmp_path, vocabulary, gazetteer):
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    target = next(content.glob("2023-06-28-*.md"))
    original = target.read_text(encoding="utf-8")
    edited = original.replace("theme: Industrial design", "theme: Talent")
    target.write_text(edited, encoding="utf-8")

    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    assert target.read_text(encoding="utf-8") == edited
    (kept,) = [m for m in report.messages if "kept" in m]
    assert target.as_posix() in kept and "edited" in kept and "--force" in kept
    assert report.problems == ()

    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer, force=True)
    assert target.read_text(encoding="utf-8") == original
    assert any(target.as_posix() in m and "regenerated" in m for m in report.messages)
    # ...and after that the file is ingest's own again: a normal run leaves it unchanged.
    assert all(m.endswith("unchanged") for m in ingest_seeds(SEEDS, content, vocabulary, gazetteer).messages)


def test_a_file_ingest_did_not_write_is_kept(tmp_path, vocabulary, gazetteer):
    content = tmp_path / "content"
    content.mkdir()
    target = content / "2023-06-28-industry-design-empowerment-conference-in-chengdu-chongqing-economic-circle.md"
    target.write_text("---\ntitle: Written by hand\n---\nMine.\n", encoding="utf-8")
    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    assert target.read_text(encoding="utf-8") == "---\ntitle: Written by hand\n---\nMine.\n"
    assert any(target.as_posix() in m and "did not write" in m and "--force" in m for m in report.messages)
    assert target.name not in json.loads((content / MANIFEST).read_text())["files"]


def test_an_unreadable_manifest_keeps_every_existing_briefing(tmp_path, vocabulary, gazetteer):
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    (content / MANIFEST).write_text("{not json", encoding="utf-8")
    target = next(content.glob("2023-06-28-*.md"))
    target.write_text(target.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    (problem,) = report.problems
    assert problem.path == (content / MANIFEST).as_posix() and "--force" in problem.hint
    assert target.read_text(encoding="utf-8").endswith("A note of mine.\n")
    assert any(target.name in m and "kept" in m for m in report.messages)


def test_a_changed_seed_updates_its_unedited_briefing(tmp_path, vocabulary):
    report, _ = ingest_texts(tmp_path, vocabulary, {"wuhan.txt": WUHAN})
    old = next((tmp_path / "content").glob("*.md"))
    report, posts = ingest_texts(tmp_path, vocabulary, {"wuhan.txt": WUHAN.replace("Optics Valley design week",
                                                                                 "Optics Valley design fair")})
    assert not old.exists()
    assert list(posts) == ["wuhan"] and "design fair" in posts["wuhan"]["title"]
    assert any("removed" in m and old.name in m for m in report.messages)


# --- Seeds that cannot be used ------------------------------------------------------------------

GBK_ARTICLE = ("武汉举办2023工业设计周\n\n2023年9月6日，2023工业设计周在武汉市开幕。来自北京和上海的设计师与本地制造企业"
               "围绕工业设计赋能制造业展开交流，并发布了一批设计服务项目。\n\n主办方表示，工业设计周今后每年举办一次。\n")
LATIN1_ARTICLE = ("Wuhan opens a design café for manufacturers\n\nOn May 5, 2023, Wuhan opened a design café where "
                  "manufacturers meet designers; the idea came from Zürich, where such cafés are common. The city "
                  "says industrial design will help firms sell better products.\n")


def test_bad_seeds_are_reported_and_the_others_still_written(tmp_path, vocabulary, gazetteer):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_bytes(b"  \n\n \n")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (seeds / "menu.txt").write_text("Contact us\nHome\nShare This Story\nCopyright 2024 Example News\n")
    (seeds / "gbk.txt").write_bytes(GBK_ARTICLE.encode("gbk"))
    (seeds / "latin1.txt").write_bytes(LATIN1_ARTICLE.encode("latin-1"))
    content = tmp_path / "content"
    report = ingest_seeds(seeds, content, vocabulary, gazetteer)

    reasons = {Path(p.path).name: str(p) for p in report.problems}
    assert sorted(reasons) == ["blank.txt", "empty.txt", "image.txt", "menu.txt"]
    assert "is empty" in reasons["empty.txt"] and "is empty" in reasons["blank.txt"]
    assert "binary" in reasons["image.txt"]
    assert "no article text found" in reasons["menu.txt"]
    assert all(p.path.startswith(seeds.as_posix()) for p in report.problems)

    posts = by_seed(content)
    assert {"000", "001", "002", "003", "004"} <= set(posts)
    gbk = load(next(p for p in content.glob("*.md") if load(p)["seed"].endswith("gbk.txt")))
    assert gbk["city"] == "Wuhan" and str(gbk["date"]) == "2023-09-06"
    assert gbk["cities"] == ["Wuhan"]  # Beijing and Shanghai are named once, in passing
    assert "工业设计周在武汉市开幕" in gbk.content
    latin1 = load(next(p for p in content.glob("*.md") if load(p)["seed"].endswith("latin1.txt")))
    assert latin1["title"] == "Wuhan opens a design café for manufacturers"
    assert "Zürich" in latin1.content
    assert any("latin1.txt" in m and "not UTF-8" in m for m in report.messages)


def test_a_seed_without_a_date_is_written_undated_for_review_and_one_without_a_city_is_refused(tmp_path,
                                                                                              vocabulary):
    undated = ("Wuhan opens a design centre\n\nWuhan opened an industrial design centre for manufacturers in the city "
               "centre.\nOfficials said it would help local firms improve their products and sell them abroad.\n")
    cityless = ("Design week opens\n\nOn May 5, 2023, a design week opened in Tokyo, where firms showed products "
                "and designers met manufacturers from many countries. Visitors from Sichuan and Jiangsu Province "
                "also came to see the newest industrial design.\n")
    report, posts = ingest_texts(tmp_path, vocabulary, {"undated.txt": undated, "cityless.txt": cityless})
    (problem,) = report.problems
    assert Path(problem.path).name == "cityless.txt" and "no Chinese city" in str(problem) and problem.hint
    post = posts["undated"]
    assert "date" not in post.metadata and post["review"] == ["date"]
    assert (tmp_path / "content" / "wuhan-opens-a-design-centre.md").is_file()  # no date prefix
    (message,) = report.messages
    assert message.endswith("written from " + (tmp_path / "seeds" / "undated.txt").as_posix() + " (to check: date)")


def test_two_seeds_with_the_same_article_are_reported_naming_both(tmp_path, vocabulary):
    report, posts = ingest_texts(tmp_path, vocabulary, {"a.txt": WUHAN, "b.txt": WUHAN})
    assert list(posts) == ["a"]
    (problem,) = report.problems
    assert problem.path.endswith("b.txt") and "a.txt" in problem.message


def test_a_missing_seeds_folder_is_a_problem(tmp_path, vocabulary, gazetteer):
    report = ingest_seeds(tmp_path / "nowhere", tmp_path / "content", vocabulary, gazetteer)
    assert isinstance(report, IngestReport)
    assert "is not a folder" in str(report.problems[0])


def test_the_cli_exits_non_zero_without_a_traceback(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    status = main(["ingest", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
                   "--vocabulary", str(REPO / "vocabulary.yaml")])
    out, err = capsys.readouterr()
    assert status == 1
    assert f"{seeds.as_posix()}/empty.txt: is empty." in err
    assert "Traceback" not in err + out
    assert out.count("written from") == 5


def test_the_cli_process_exits_non_zero_without_a_traceback(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = subprocess.run([sys.executable, "-m", "generator", "ingest", "--vocabulary",
                             str(REPO / "vocabulary.yaml")], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "seeds/binary.txt: looks like a binary file" in result.stderr
    assert "Traceback" not in result.stderr


# --- Atomic writes -------------------------------------------------------------------------------

def test_writes_go_through_a_temporary_file_in_the_same_folder(tmp_path, vocabulary, gazetteer, monkeypatch):
    renames = []
    real_replace = os.replace

    def spy(source, target):
        renames.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(ingest_writer.os, "replace", spy)
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    assert len(renames) == 6  # five briefings and the manifest
    for source, target in renames:
        assert source.parent == target.parent == content and source.name != target.name
    assert sorted(p.name for p in content.iterdir()) == sorted(t.name for _, t in renames)


def test_written_files_get_ordinary_permissions(tmp_path, vocabulary, gazetteer):
    mask = os.umask(0o022)
    try:
        ingest_seeds(SEEDS, tmp_path / "content", vocabulary, gazetteer)
    finally:
        os.umask(mask)
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "content").iterdir()} == {0o644}


def test_an_interrupted_write_leaves_no_partial_file(tmp_path, vocabulary, gazetteer, monkeypatch):
    content = tmp_path / "content"
    ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    target = next(content.glob("2023-06-28-*.md"))
    before = snapshot(content)
    target.unlink()

    def fail(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest_writer.os, "replace", fail)
    report = ingest_seeds(SEEDS, content, vocabulary, gazetteer)
    assert not target.exists()
    assert [p.path for p in report.problems] == [target.as_posix()]
    assert "No space left on device" in str(report.problems[0])
    assert sorted(p.name for p in content.iterdir()) == sorted(n for n in before if n != target.name)
