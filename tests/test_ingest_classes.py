"""Ingest on synthetic texts, one class of real-world problem at a time.

Every text here is made up for the test: each shows one kind of line, date or layout that
scraped news pages have, so a rule is tested on the class and not on one page's wording.
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest

from generator.gazetteer import load_gazetteer
from generator.ingest import ingest_seeds
from generator.ingest.noise import noise_reason

LEAD = ("The city government of Wuhan signed 12 investment agreements with chip makers on Tuesday, "
        "officials said, adding that the projects would create 3,000 jobs in the Optics Valley.")
MORE = ("The agreements cover integrated circuits, display panels and testing services. "
        "Local officials expect the first factories to open next year.")


def ingest(tmp_path: Path, vocabulary, texts: dict[str, str | bytes]):
    """Ingest seeds with these names and texts; (report, {seed stem: post})."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, text in texts.items():
        (seeds / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    report = ingest_seeds(seeds, tmp_path / "content", vocabulary, load_gazetteer())
    posts = {Path(p["seed"]).stem: p for p in map(frontmatter.load, sorted((tmp_path / "content").glob("*.md")))}
    return report, posts


def one(tmp_path, vocabulary, text: str | bytes) -> frontmatter.Post:
    report, posts = ingest(tmp_path, vocabulary, {"article.txt": text})
    assert report.problems == (), report.problems
    return posts["article"]


# --- No headline -------------------------------------------------------------------------------

def test_a_wire_story_without_a_headline_gets_a_title_from_its_first_sentence(tmp_path, vocabulary):
    text = f"WUHAN, China, May 9, 2023 /PRNewswire/ -- {LEAD}\n\n{MORE}\n"
    post = one(tmp_path, vocabulary, text)
    assert post["title"] == "The city government of Wuhan signed 12 investment agreements with chip makers on Tuesday"
    assert post["review"][0] == "title"
    assert post.content.startswith("WUHAN, China, May 9, 2023 /PRNewswire/ -- The city government")  # kept whole
    assert str(post["date"]) == "2023-05-09"


def test_a_derived_title_is_cut_at_a_word_boundary_and_never_taken_from_chrome(tmp_path, vocabulary):
    lead = ("Wuhan, capital of central China's Hubei province, has unveiled a three-year action plan to build "
            "a national hub for optoelectronics, integrated circuits and new display technologies by 2026.")
    text = f"Share This Story\nHome > News > Economy\nCopyright 2023 Example News\n\n{lead}\n\n{MORE}\n"
    post = one(tmp_path, vocabulary, text)
    title = post["title"]
    assert 60 <= len(title) <= 110 and lead.startswith(title)
    assert not title.endswith((" a", " the", " for", ","))
    assert post["review"][0] == "title"


def test_a_chinese_title_is_the_first_clause_that_says_something(tmp_path, vocabulary):
    text = ("某某网讯(某某日报 记者王某)5月9日,武汉市政府与12家芯片企业签署投资协议,项目总投资200亿元。"
            "协议涉及集成电路、显示面板和检测服务,预计明年首批工厂投产,将带动3000个就业岗位。\n")
    post = one(tmp_path, vocabulary, text)
    assert post["title"] == "武汉市政府与12家芯片企业签署投资协议"
    assert post.content.startswith("5月9日,武汉市政府")  # the site's credit before the first sentence is gone


def test_an_article_scraped_as_one_long_line(tmp_path, vocabulary):
    post = one(tmp_path, vocabulary, f"{LEAD} {MORE} Published: 2023-05-10")
    assert post["title"].startswith("The city government of Wuhan signed 12 investment agreements")
    assert post["city"] == "Wuhan"


def test_a_teaser_of_another_story_above_the_lead_is_not_the_headline(tmp_path, vocabulary):
    text = f"Minister says talks with neighbours will resume soon\n\n{LEAD}\n\n{MORE}\n"
    post = one(tmp_path, vocabulary, text)
    assert post["review"][0] == "title" and "Minister" not in post["title"] and "Minister" not in post.content


def test_a_headline_glued_to_a_scraper_date_stamp(tmp_path, vocabulary):
    text = f" date 2023-05-10 Wuhan signs chip investment agreements\n\n{LEAD}\n\n{MORE}\n"
    post = one(tmp_path, vocabulary, text)
    assert post["title"] == "Wuhan signs chip investment agreements"
    assert "review" not in post.metadata or "title" not in post["review"]
    assert "date 2023" not in post.content


def test_a_headline_with_the_page_stamp_glued_after_it(tmp_path, vocabulary):
    text = f"Wuhan signs chip investment agreements     05/10/2023 09:23\n\n{LEAD}\n\n{MORE}\n"
    post = one(tmp_path, vocabulary, text)
    assert post["title"] == "Wuhan signs chip investment agreements"
    # "on Tuesday" on a page of Wednesday 10 May 2023.
    assert (str(post["date"]), str(post["published"])) == ("2023-05-09", "2023-05-10")
    assert "09:23" not in post.content


def test_a_deck_under_the_headline_is_not_taken_for_it(tmp_path, vocabulary):
    text = (f"Chips lift Wuhan's investment drive\n– An interview with the officials who signed the Wuhan "
            f"chip agreements and investment deals\n\n{LEAD}\n\n{MORE}\n")
    assert one(tmp_path, vocabulary, text)["title"] == "Chips lift Wuhan's investment drive"


def test_a_paragraph_cut_off_at_the_end_of_an_excerpt_is_kept(tmp_path, vocabulary):
    cut = ("Officials said the second phase of the programme would extend the subsidies to research institutes "
           "and universities that work with local manufacturers on")
    post = one(tmp_path, vocabulary, f"Wuhan signs chip investment agreements\n\n{LEAD}\n\n{cut}\n\nf t g m\n")
    assert post.content.endswith("work with local manufacturers on")


# --- What cannot be read cleanly ---------------------------------------------------------------

def test_bad_bytes_in_a_utf8_seed_are_replaced_and_counted(tmp_path, vocabulary):
    text = ("武汉签署芯片投资协议\n\n5月9日,武汉市政府与12家芯片企业签署投资协议,项目总投资200亿元。"
            "协议涉及集成电路、显示面板和检测服务,预计明年首批工厂投产。").encode("utf-8")
    damaged = text + "将带动3000个就业岗位。".encode("utf-8")[:-2]  # cut mid-character, as excerpts are
    report, posts = ingest(tmp_path, vocabulary, {"cut.txt": damaged})
    assert report.problems == ()
    assert "1 byte that were not valid utf-8 replaced with U+FFFD" in report.messages[0]
    assert posts["cut"]["city"] == "Wuhan" and "\ufffd" in posts["cut"].content


def test_only_seeds_without_prose_or_city_are_refused(tmp_path, vocabulary):
    report, posts = ingest(tmp_path, vocabulary, {
        "chrome.txt": "Home > News\nShare This Story\nCopyright 2023 Example News\n",
        "abroad.txt": "Tokyo hosts a robot fair\n\n" + LEAD.replace("Wuhan", "Osaka").replace("Optics Valley",
                                                                                            "bay area") + "\n",
        "good.txt": f"Wuhan signs chip investment agreements\n\n{LEAD}\n",
    })
    reasons = {Path(p.path).name: p.message for p in report.problems}
    assert sorted(reasons) == ["abroad.txt", "chrome.txt"]
    assert "no article text" in reasons["chrome.txt"] and "no Chinese city" in reasons["abroad.txt"]
    assert list(posts) == ["good"]


# --- Lines that are page furniture, by class ----------------------------------------------------

@pytest.mark.parametrize("line", [
    # share and print bars, font-size toggles, toasts
    "Share: WeChat Weibo LinkedIn", "Print | E-mail | Bookmark", "Comments() Print Mail Large Medium Small",
    "• Link copied", "Font size: A A A",
    # video players
    "Play video", "00:00 / 03:15", "Your browser does not support the video tag.",
    # photo credits and image file names
    "A view of the science park. [Photo courtesy of the park]", "Workers at a plant [Photo/Xinhua]",
    "f83c1a9e02b4.jpg", "0912-344.png Riverside park reopens",
    # wire-service headers and credits, site credits in parentheses
    "View original content to download multimedia: https://example.org/news/1234.html", "SOURCE Example Holdings",
    "(Xinhua)", "(Example Daily)",
    # breadcrumbs and navigation
    "Home > News > Economy", "HomeNewsroomcontent", "Current position: Home > Local", "Home>Updates",
    "Example Net>>Hubei Channel>>Cities", ">> >>view",
    # editor and reporter lines
    "By Li Ming and Zhou Hong", "Editor: Wang Fang", "Reporter: Sun Lei",
    # tickers and teasers of other stories
    "Ministers discuss tariffs at summitWorld News March 03, 09:41",
    # addresses, sponsors and hotlines in a footer
    "www.example-news.com", "Sponsor: Information Office of Example Municipal Government", "News Hotline: 027-1234567",
])
def test_lines_of_page_furniture_in_english_pages(line):
    assert noise_reason(line, "latin") != "", line


@pytest.mark.parametrize("line", [
    "分享到:微信 微博", "【字体:大 中 小】 打印", "小字號", "【字體: 】 列印",  # share, print and font-size toggles
    "(责任编辑:王某)", "转自:某某社", "记者 王某 通讯员 李某",  # editor, reporter and repost lines
    "首页 > 新闻中心 > 本地新闻", "当前位置:首页>要闻", "某某網>>湖北頻道>>市州",  # breadcrumbs
    "某某市人民政府", "某某高新技术产业开发区管理委员会",  # the site's owner, standing alone
    "版权所有:某某市人民政府 某ICP备12345678号", "某公网安备 11010502000000号",  # licence lines
])
def test_lines_of_page_furniture_in_chinese_pages(line):
    assert noise_reason(line, "han") != "", line


@pytest.mark.parametrize("line", [
    "Residents can download the app to apply for the subsidy.",
    "The city will share its data with firms that link up with local universities.",
    "Play is central to the new children's science museum, its director said.",
    "The park (Wuhan Optics Valley) hosts 40 firms.",
    "会议期间,双方签署了战略合作协议。",
    "市政府办公室印发了实施方案。",
])
def test_article_sentences_that_share_words_with_furniture_are_kept(line):
    script = "han" if any("\u4e00" <= ch <= "\u9fff" for ch in line) else "latin"
    assert noise_reason(line, script) == "", line


def test_related_stories_after_the_article_are_dropped(tmp_path, vocabulary):
    text = (f"Wuhan signs chip investment agreements\n\n{LEAD}\n\n{MORE}\n\nRelated Stories\n"
            "Wuhan opens a new metro line to the airport\nHubei exports rise in the first quarter\n")
    post = one(tmp_path, vocabulary, text)
    assert post.content.endswith("next year.") and "metro" not in post.content


# --- Which city -----------------------------------------------------------------------------------

def test_the_wire_dateline_city_is_not_the_city_the_article_is_about(tmp_path, vocabulary):
    text = ("Hefei opens a battery research centre\n\nBEIJING, May 9, 2023 (Xinhua) -- Hefei, capital of east "
            "China's Anhui province, opened a battery research centre on Tuesday, the Hefei municipal government "
            "said. The centre will serve the city's carmakers.\n")
    post = one(tmp_path, vocabulary, text)
    assert (post["city"], post["cities"]) == ("Hefei", ["Hefei"])


def test_a_city_whose_government_acts_beats_the_venue_it_travels_to(tmp_path, vocabulary):
    text = ("某某高新技术产业开发区管理委员会\n高新区赴上海参加医药交易会并进行项目对接\n发布时间:2024-05-21\n"
            "5月15日,高新区投资服务局赴上海参加医药交易会,与多家企业进行了深入交流。"
            "高新区参会人员与合肥市投促局驻上海办事处负责同志开展联合招商,储备了一批优质项目。\n")
    post = one(tmp_path, vocabulary, text)
    assert post["city"] == "Hefei" and post["cities"] == ["Hefei", "Shanghai"]


def test_the_site_owner_in_the_footer_decides_between_a_district_and_its_partner(tmp_path, vocabulary):
    text = ("Hengqin and Macao sign youth projects\n\nHengqin New Area and Macao signed eight projects for young "
            "entrepreneurs on Dec 2, officials said. The projects bring Macao start-ups to offices in Hengqin.\n\n"
            "Macao officials said more Macao firms would follow.\n\n"
            "Copyright © Zhuhai Municipal Government. All rights reserved.\n")
    post = one(tmp_path, vocabulary, text)
    assert post["city"] == "Zhuhai" and set(post["cities"]) == {"Zhuhai", "Macau"}
    assert "city" in post["review"]  # Zhuhai itself is never named in the article


def test_cities_in_company_names_do_not_count(tmp_path, vocabulary):
    text = ("Fuzhou signs digital economy projects\n\nFuzhou signed 25 digital economy projects on April 26, "
            "2023. Beijing Example Netcom Science and Technology Co., Ltd. and Shanghai Sample Group signed "
            "agreements with the Fuzhou government, as did Beijing Example Netcom Science and Technology Co., Ltd. "
            "again for a second project.\n")
    post = one(tmp_path, vocabulary, text)
    assert post["cities"] == ["Fuzhou"]


def test_a_nickname_gives_its_city_for_review(tmp_path, vocabulary):
    text = ("蓉城发布新经济应用场景清单\n\n2023年5月9日,蓉城发布了新经济应用场景清单,涉及人工智能、数字经济等领域。"
            "清单将面向全国企业开放,蓉城各区将提供配套支持。\n")
    post = one(tmp_path, vocabulary, text)
    assert post["city"] == "Chengdu" and post["review"] == ["city"]


# --- Chinese-language pages ------------------------------------------------------------------------

TRADITIONAL = """\
某某網>>湖北頻道>>市州
武漢舉辦新能源汽車產業推介會
2023年5月10日09:15 | 來源:某某網
小字號
某某網武漢5月10日電 5月9日,武漢市委、市政府在廣州舉行新能源汽車產業推介會,數十家企業參加。會上簽約項目20個,總投資300億元。
推介會期間,武漢發布了支持新能源汽車和智能製造發展的措施,將在人才、土地和資金方面給予支持。
"""


def test_a_traditional_chinese_page(tmp_path, vocabulary):
    post = one(tmp_path, vocabulary, TRADITIONAL)
    assert post["title"] == "武漢舉辦新能源汽車產業推介會"
    assert (str(post["date"]), str(post["published"])) == ("2023-05-09", "2023-05-10")  # year from the page line
    assert post["city"] == "Wuhan" and post["cities"] == ["Wuhan", "Guangzhou"]  # the venue is involved too
    assert post["theme"] == "Advanced manufacturing" or "New energy vehicles" in post["tags"]
    assert "New energy vehicles" in post["tags"]
    # The summary is whole Chinese sentences of the article, ending at a Chinese full stop.
    assert post["summary"].endswith("。") and post["summary"] in post.content
    for noise in ("某某網>>", "小字號", "來源", "某某網武漢5月10日電"):
        assert noise not in post.content, noise
    (path,) = (tmp_path / "content").glob("*.md")
    assert path.name.startswith("2023-05-09-wu-han-ju-ban-xin-neng-yuan-qi-che")  # pinyin, ASCII


def test_a_chinese_page_with_its_year_in_the_event_name(tmp_path, vocabulary):
    text = ("某某信息港讯(某某日报 记者王某)9月3日,2023某某产业转移发展对接活动在昆明举行签约仪式,签约项目382个。"
            "作为此次活动承办地,昆明市统筹各县区力量,形成全域招商格局,活动期间全市签约项目96个。\n")
    post = one(tmp_path, vocabulary, text)
    assert str(post["date"]) == "2023-09-03" and post["city"] == "Kunming"
    assert post["title"].startswith("2023某某产业转移发展对接活动在昆明举行签约仪式")


# --- The review list and a person's edits ---------------------------------------------------------

def test_a_person_who_checks_a_field_and_deletes_it_from_review_is_never_overwritten(tmp_path, vocabulary):
    text = f"Wuhan signs chip investment agreements\n\n{LEAD}\n\n{MORE}\n"
    report, posts = ingest(tmp_path, vocabulary, {"undated.txt": text})
    assert posts["undated"]["review"][0] == "date"
    (path,) = (tmp_path / "content").glob("*.md")
    edited = path.read_text(encoding="utf-8").replace("title: ", "date: 2023-05-09\ntitle: ", 1)
    edited = re.sub(r"review:\n(?:  - \w+\n)+", "", edited)
    path.write_text(edited, encoding="utf-8")

    report, posts = ingest(tmp_path, vocabulary, {"undated.txt": text})
    assert path.read_text(encoding="utf-8") == edited
    (message,) = report.messages
    assert message.startswith(f"{path.as_posix()}: kept, because it was edited after ingest wrote it")
    assert "review" not in posts["undated"].metadata and str(posts["undated"]["date"]) == "2023-05-09"


# --- The original article's address ---------------------------------------------------------------

HEADLINE = "Wuhan signs chip investment agreements"


@pytest.mark.parametrize("first, address", [
    ("https://news.example.org/2023/05/10/wuhan-chips.html", "https://news.example.org/2023/05/10/wuhan-chips.html"),
    ("http://example.org/a?id=7", "http://example.org/a?id=7"),
])
def test_an_address_on_the_first_line_is_kept_as_source_url(tmp_path, vocabulary, first, address):
    post = one(tmp_path, vocabulary, f"{first}\n{HEADLINE}\n\n{LEAD}\n\n{MORE}\n")
    assert post["source_url"] == address
    assert post["title"] == HEADLINE and address not in post.content


@pytest.mark.parametrize("line", ["Source: https://news.example.org/wuhan-chips", "URL: https://news.example.org/wuhan-chips",
                                  "原文链接:https://news.example.org/wuhan-chips"])
def test_an_address_on_a_labelled_line_is_kept(tmp_path, vocabulary, line):
    post = one(tmp_path, vocabulary, f"{HEADLINE}\n{line}\n\n{LEAD}\n\n{MORE}\n")
    assert post["source_url"] == "https://news.example.org/wuhan-chips"
    assert "news.example.org" not in post.content


def test_an_address_inside_the_articles_sentences_is_not_taken(tmp_path, vocabulary):
    sentence = "Applications are open at https://apply.example.org/chips until June, officials said."
    post = one(tmp_path, vocabulary, f"{HEADLINE}\n\n{LEAD}\n\n{sentence}\n")
    assert "source_url" not in post.metadata
    assert sentence.split(" at ")[1].split()[0] in post.content  # still part of the article


@pytest.mark.parametrize("address", ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                                     "ftp://files.example.org/a.txt"])
def test_an_address_that_is_not_http_is_left_out_and_reported(tmp_path, vocabulary, address):
    report, posts = ingest(tmp_path, vocabulary, {"a.txt": f"{address}\n{HEADLINE}\n\n{LEAD}\n\n{MORE}\n"})
    assert "source_url" not in posts["a"].metadata
    (message,) = report.messages
    assert "a.txt" in message and f"source address {address!r} left out" in message
    assert address not in posts["a"].content


def test_a_derived_title_starts_at_the_subject_not_at_an_opening_phrase(tmp_path, vocabulary):
    lead = ("Founded in 2004 and located north of the city proper, the Wuhan chip park is an industrial hub of "
            "central China. It signed 12 projects last year.")
    post = one(tmp_path, vocabulary, f"WUHAN, China, May 9, 2023 /PRNewswire/. {lead}\n\n{MORE}\n")
    assert post["title"] == "The Wuhan chip park is an industrial hub of central China"


def test_a_wire_lead_cut_short_by_a_lost_line_break_is_the_lead_not_a_headline(tmp_path, vocabulary):
    text = (" date 2023-05-10 WUHAN, CHINA - Example Wire - 10 May 2023 - On the afternoon of May 9, the signing "
            "ceremony of chip projects in Wuhan was held at the city's expo centre as part of the 3\n\n"
            "rd Central China Chip Summit. 12 projects were signed, with a total investment of 20 billion yuan.\n")
    post = one(tmp_path, vocabulary, text)
    assert post["title"].startswith("The signing ceremony of chip projects in Wuhan was held at the city's expo")
    assert post.content.startswith("WUHAN, CHINA - Example Wire - 10 May 2023 - On the afternoon of May 9")
    assert str(post["date"]) == "2023-05-09"


def test_a_wire_dateline_is_neither_the_publisher_nor_the_event_date(tmp_path, vocabulary):
    text = (f"{HEADLINE}\nWUHAN, China, May 10, 2023 /Example Wire/ -- A report from example.org:\n\n"
            "On May 9, the city government of Wuhan signed 12 investment agreements with chip makers, officials "
            f"said.\n\n{MORE}\n")
    post = one(tmp_path, vocabulary, text)
    assert "source" not in post.metadata
    assert (str(post["date"]), str(post["published"])) == ("2023-05-09", "2023-05-10")


def test_a_long_derived_title_leaves_out_a_trailing_phrase_rather_than_cut_a_quote(tmp_path, vocabulary):
    lead = ('The 3rd Central China Chip Congress of Wuhan kicked off on July 7 with the theme "Chips for Every '
            'Industry, Building the Future Together", drawing 300 experts.')
    post = one(tmp_path, vocabulary, f"{lead}\n\n{MORE}\n")
    assert post["title"] == "The 3rd Central China Chip Congress of Wuhan kicked off on July 7"
