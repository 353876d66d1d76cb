"""Page furniture: the classes of line a scraped news page carries besides its article.

Each rule names the class of line it catches (share bars, breadcrumbs, credits, ...) and
is written for that class on any site, never for one site's or one sample's wording.
Chinese rules are written in simplified characters and matched against the simplified
form of a line, so they catch traditional-character pages too.
"""

from __future__ import annotations

import re

from generator.text import HAN, SENTENCE_FINAL, script_of, simplified, size, words

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’()\u00c0-\u024f.-]*")

# Label lines: contact data, legal notices, editor and reporter credits, source and
# repost labels, tags, a site's sponsor or hotline. "Tel: ...", "责任编辑：...", "转自:...".
_LABEL = re.compile(
    r"^[\W\d_]*(?:tel|telephone|phone|mobile phone|fax|add|addr|address|e-?mail|contact(?: us)?"
    r"|(?:news |service )?hotline|post ?code|zip(?: code)?|disclaimer|statement|legal notice|copyright|editor|editors"
    r"|editor in charge|responsible editor|chief editor|executive editor|proofreader|source|sources|tags?"
    r"|keywords?|related(?: articles| news| stories| reading)?|recommended|share(?: this)?|print|follow us|icp"
    r"|sponsor(?:ed by)?|organi[sz]er|technical support|web ?master|url|link|original (?:article|url|link)"
    r"|电话|传真|地址|邮编|邮箱|责任编辑|编辑|记者|通讯员|作者|摄影|校对|审核|审校|来源|转自|转载自|声明|免责声明|版权"
    r"|关键词|主办|主办单位|承办|承办单位|协办|技术支持|网站标识码|热线|新闻热线|原文链接|原文地址|原文网址|原文|网址)\s*[:：]",
    re.IGNORECASE,
)
SOURCE_LABEL = re.compile(r"^\W*(?:source|sources|来源|來源)\s*[:：]\s*(.+)$", re.IGNORECASE)
# Reporter and writer lines: "By Li Jing", "Reporter: Wang Yi and Zhou Min".
_BYLINE = re.compile(r"^(?:[Bb]y|[Rr]eporters?|[Ww]riter|[Aa]uthor|[Ww]ritten by)\s*:?\s+(?:[A-Z][\w'.-]*\s*){1,4}"
                     r"(?:(?:and|&)\s+(?:[A-Z][\w'.-]*\s*){1,4})?$"
                     r"|^[(（]?\s*(?:(?:本报|本台)?(?:记者|通讯员|摄影|编辑|实习生)\s*[\u4e00-\u9fff·]{2,4}\s*)+[)）]?$")
# Copyright, licence and registration lines of a site's footer (ICP and public-security numbers).
_COPYRIGHT = re.compile(r"©|\ball rights reserved\b|^\W*copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|\(c\)\s*(?:19|20)\d\d"
                        r"|版权所有|icp备|icp证|公网安备|网安备", re.IGNORECASE)
# Phrases only site furniture uses, by class: search boxes; comment forms and their moderation
# notices; captcha prompts; app, newsletter and social-media prompts; browser notes; reposting
# notices; buttons and links that stand alone on a line; video players.
_CHROME_PHRASES = re.compile(
    r"press enter to search|start typing|type (?:and|to) search|font size|text size"
    r"|comments? (?:may|will) be (?:removed|deleted|moderated)|^\W*(?:add|post|leave|write) (?:a |your )?comments?\W*$"
    r"|enter the (?:words|code|characters)|user ?name required"
    r"|^\W*(?:user ?name|your (?:comment|name|e-?mail)|password|captcha)\W*$"
    r"|download our app|scan the qr code to (?:follow|download|subscribe|share)|click here to|sign up for our"
    r"|subscribe to our"
    r"|follow (?:us|\S+) on (?:twitter|facebook|wechat|weibo|linkedin|instagram|youtube)"
    r"|back to top|you may also like|most (?:read|popular|viewed)"
    r"|reproduced (?:from|with permission)|views expressed (?:here|in this)|does not (?:necessarily )?represent"
    r"|resolution (?:is|are) (?:suggested|recommended)|best viewed (?:with|in|at)"
    r"|your browser does not support|enable javascript|javascript is (?:disabled|required)"
    r"|^\W*(?:share|share this|share on|print|e-?mail|bookmark|link copied|copy link)\W*$"
    r"|^\W*(?:previous|next)(?: page| article| story)?\W*$|^\W*(?:go|back|return) to (?:the )?\w+(?: page)?\W*$"
    r"|^\W*(?:play|pause|replay) (?:video|audio)\W*$|^\W*\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}\W*$",
    re.IGNORECASE,
)
# Words of buttons, menus, forms, font-size toggles and players. A short line made mostly of
# these is a share bar, a menu or a player's controls.
_UI_WORDS = frozenset("""
    share shares shared print printer email e-mail mail bookmark bookmarks comment comments comment(s) comments()
    follow twitter facebook weibo wechat linkedin whatsapp telegram youtube instagram tiktok douyin rss
    newsletter newsletters subscribe subscription download app apps mobile login logout log-in signin
    register password username search typing font explore contact homepage menu sitemap privacy cookies
    cookie captcha tweet reply replies submit feedback copyright disclaimer advertisement
    advertising ads qr wap pc archive archives close nav navigation options copied copy link
    large medium small larger smaller video play pause replay mute unmute fullscreen volume
""".split())
# Words that do not count for or against a line being a button row.
_STOPWORDS = frozenset("""
    a an the and or of to in on at for from by with this that these those your you our us we it its is are
    be no not more all here now go get see page view
""".split())
# The same for a Chinese page: share and print buttons, font-size toggles ("小字号"), favourites,
# QR codes, back-to-top and close links. A short line of nothing else is furniture.
_UI_HAN = re.compile(r"分享到|分享按钮|分享|打印本页|打印|列印|关闭窗口|关闭|收藏本页|收藏|复制链接|扫一扫|二维码|返回顶部"
                     r"|返回|[大中小]?字号|字体|默认|纠错|微信|微博|评论|浏览次数|阅读数|点击数|视频|播放"
                     r"|(?<![\u4e00-\u9fff])[大中小](?![\u4e00-\u9fff])")
# Pagination rows: "< 1 2 3 4 >", "First Prev 1 2 Next", "Page 1 of 3".
_PAGINATION = re.compile(r"^[\s<>«»‹›|.…·-]*(?:(?:\d{1,3}|first|last|prev|previous|next|more|page)"
                         r"[\s<>«»‹›|.…·-]*){2,}$"
                         r"|^\W*page \d+ (?:of|/) \d+\W*$", re.IGNORECASE)
# Breadcrumbs and menus: "Home > News > Business", "人民网>>湖南频道>>市州县域", ">> >>view",
# "Home>Updates", a line starting "Current position", or "Home" glued to the next link ("HomePress").
_NAVIGATION = re.compile(r"^\W*(?:[^\s>»›|/.!?。][^>»›|/.!?。]{0,30}\s*[>»›|/]+\s*){2,}[^>»›|/.!?。]{0,30}$"
                         r"|^\W*(?:[>»›]+\s*){2,}\w{0,12}\W*$"
                         r"|^\W*(?:home|homepage|首页|主页)\s*(?:[>»›|/]+|(?=[A-Z]))"
                         r"|^\W*(?:current\s*pos\w*|you are here|当前位置|您的位置|您现在的位置)\s*[:：]?",
                         re.IGNORECASE)
# Photo captions and credits, whose photo the text does not carry: "[Photo/Xinhua]", "[Photo courtesy
# of X]", "Photo: X", "图：", "摄影：".
_CAPTION = re.compile(r"[\[(（【]\s*(?:photo|photos|image|picture|pic|video)\s*(?:[:：/]|by\b|courtesy\b)"
                      r"|^\W*(?:photo|photos|image|picture)\s*(?:[:：/]|by\b|courtesy\b)|图[:：/]|摄影?[:：]",
                      re.IGNORECASE)
# An image's file name left where the image stood: "a1b2c3.png", "1920-694.jpg Expo opens".
_IMAGE_FILE = re.compile(r"\S\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)\b", re.IGNORECASE)
# A wire service's or site's credit alone in parentheses: "(Xinhua)", "(China Daily)", "（新华社）".
_CREDIT_IN_PARENTHESES = re.compile(r"^\s*[(（【\[]\s*[^()（）\[\]【】.!?。]{2,40}[)）】\]]\s*$")
# Press-release wire boilerplate: "View original content ...", "SOURCE Example Corp" (the wire's
# capitalised label), "Photo - https://...", "CONTACT: ...".
_WIRE_CREDIT = re.compile(r"(?i:view original content)|^\s*SOURCE\s+\S|^\s*(?:photo|logo|video)\s+-\s+https?://"
                          r"|^\s*CONTACT\s*:")
# A teaser of another story glued to a section name and a time of day without a year, as
# tickers and "latest news" boxes print them: "... Diplomacy February 06, 14:29".
_TICKER = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{1,2}:\d{2}\W*$")
# A site's or organisation's name standing alone at the top or bottom of a Chinese page:
# "某某市人民政府", "某某高新技术产业开发区管理委员会", "某某网".
_ORGANISATION_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{2,30}(?:管理委员会|管委会|人民政府|委员会|办公室|办公厅|网|频道)$")
# A web address on a line of its own (or a bare domain): the page's own address or a site name.
WEB_ADDRESS = re.compile(r"^\W*(?:(?:https?|ftp)://\S+|www\.[\w-]+(?:\.[\w-]+)+\S*|[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|gov)(?:\.cn)?/?)\W*$",
                         re.IGNORECASE)


def is_ticker(text: str) -> bool:
    """A teaser of another story with its section and time of day: it dates nothing of this page."""
    return bool(_TICKER.search(text)) and not SENTENCE_FINAL.search(text) and size(text) >= 6


def noise_reason(text: str, script: str) -> str:
    """Why a line is page furniture rather than article text, or '' if it may be article text."""
    han = len(HAN.findall(text))
    letters = han + len(_LATIN.findall(text))
    if letters == 0:
        return "pagination row" if _PAGINATION.match(text) else "no words"
    if WEB_ADDRESS.match(text):
        return "web address"
    if script_of(text) != script and (han >= 2 or size(text) >= 3):
        return "text in another script"
    if _PAGINATION.match(text):
        return "pagination row"
    short = size(text) <= 40
    plain = simplified(text)
    if _COPYRIGHT.search(plain) and short:
        return "copyright line"
    if _LABEL.match(plain):
        return "contact or label line"
    if _WIRE_CREDIT.search(text) and short:
        return "wire-service credit"
    if _CHROME_PHRASES.search(text) and short:
        return "site furniture"
    if _mostly_ui_words(words(text)) or _mostly_ui_words(_WORDS.findall(text)) or _mostly_han_ui(plain):
        return "share bar or menu"
    if _NAVIGATION.match(plain):
        return "navigation"
    if _BYLINE.match(text) and not SENTENCE_FINAL.search(text):
        return "byline"
    if _CAPTION.search(text) and short:
        return "photo caption (the photo is not in the text)"
    if _IMAGE_FILE.search(text) and size(text) <= 20:
        return "image file name"
    if _CREDIT_IN_PARENTHESES.match(text) and size(text) <= 8:
        return "credit in parentheses"
    if is_ticker(text):
        return "ticker or teaser"
    if _ORGANISATION_LINE.match(plain):
        return "site or organisation name"
    return ""


def _mostly_ui_words(found: list[str]) -> bool:
    """A short line whose words are mostly those of buttons and menus."""
    tokens = [w.lower().strip(".'’-") for w in found]
    content = [t for t in tokens if t and t not in _STOPWORDS]
    ui = [t for t in content if t in _UI_WORDS]
    return bool(ui) and len(tokens) <= 12 and 2 * len(ui) >= len(content)


def _mostly_han_ui(plain: str) -> bool:
    """A short Chinese line with nothing but button and toggle words once those are taken out."""
    if len(HAN.findall(plain)) > 24 or not _UI_HAN.search(plain):
        return False
    return len(HAN.findall(_UI_HAN.sub("", plain))) <= 1
