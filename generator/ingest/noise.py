"""Page furniture: the classes of line a scraped news page carries besides its article.

Each rule names the class of line it catches (share bars, breadcrumbs, credits, ...) and
is written for that class on any site, never for one site's or one sample's wording.
"""

from __future__ import annotations

import re

from generator.text import HAN, SENTENCE_FINAL, script_of, size, words

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’()\u00c0-\u024f.-]*")

# A line that starts with one of these labels is contact data, legal text or page furniture.
_LABEL = re.compile(
    r"^[\W\d_]*(?:tel|telephone|phone|mobile phone|fax|add|addr|address|e-?mail|contact(?: us)?|hotline"
    r"|post ?code|zip(?: code)?|disclaimer|statement|legal notice|copyright|editor|editors|editor in charge"
    r"|responsible editor|chief editor|executive editor|proofreader|source|sources|tags?|keywords?"
    r"|related(?: articles| news| stories| reading)?|recommended|share(?: this)?|print|follow us|icp"
    r"|电话|传真|地址|邮编|邮箱|责任编辑|编辑|来源|声明|免责声明|版权|关键词)\s*[:：]",
    re.IGNORECASE,
)
SOURCE_LABEL = re.compile(r"^\W*(?:source|sources|来源)\s*[:：]\s*(.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:[Bb]y|[Rr]eporters?|[Ww]riter|[Aa]uthor|[Ww]ritten by)\s*:?\s+(?:[A-Z][\w'.-]*\s*){1,4}"
                     r"(?:(?:and|&)\s+(?:[A-Z][\w'.-]*\s*){1,4})?$")
_COPYRIGHT = re.compile(r"©|\ball rights reserved\b|^\W*copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|\(c\)\s*(?:19|20)\d\d"
                        r"|版权所有|icp备|icp证", re.IGNORECASE)
# Phrases that only site furniture uses: search boxes, comment forms, app and social prompts, disclaimers.
_CHROME_PHRASES = re.compile(
    r"press enter to search|start typing|type (?:and|to) search|font size|text size|join the conversation"
    r"|comments? (?:may|will) be (?:removed|deleted)|enter the (?:words|code|characters)|user ?name required"
    r"|^\W*(?:user ?name|your (?:comment|name|e-?mail)|password|captcha)\W*$|download our app"
    r"|scan the qr code to (?:follow|download|subscribe|share)|click here to|sign up for our|subscribe to our"
    r"|back to top|you may also like|most (?:read|popular|viewed)"
    r"|please contact us for (?:removal|deletion)|infringes? (?:upon )?(?:your|the) rights"
    r"|are sourced from the internet"
    r"|reproduced (?:from|with permission)|views expressed (?:here|in this)"
    r"|resolution (?:is|are) (?:suggested|recommended)|best viewed (?:with|in|at)"
    r"|^\W*(?:share|share this|share on|print|e-?mail|bookmark)\W*$|^\W*(?:previous|next)(?: page| article)?\W*$",
    re.IGNORECASE,
)
# Words of buttons, menus and forms. A short line made mostly of these is furniture.
_UI_WORDS = frozenset("""
    share shares shared print printer email e-mail mail bookmark bookmarks comment comments comment(s) forum
    follow twitter facebook weibo wechat linkedin whatsapp telegram youtube instagram tiktok douyin rss
    newsletter newsletters subscribe subscription download app apps mobile login logout log-in signin
    register password username search typing font explore contact homepage menu sitemap privacy cookies
    cookie moderator captcha tweet reply replies submit feedback copyright disclaimer advertisement
    advertising ads qr wap pc archive archives close
""".split())
_STOPWORDS = frozenset("""
    a an the and or of to in on at for from by with this that these those your you our us we it its is are
    be no not more all here now go get see
""".split())
_PAGINATION = re.compile(r"^[\s<>«»‹›|.…·-]*(?:(?:\d{1,3}|first|last|prev|previous|next|more|page)"
                         r"[\s<>«»‹›|.…·-]*){2,}$"
                         r"|^\W*page \d+ (?:of|/) \d+\W*$", re.IGNORECASE)
# "Home > News > Business": short items between separators, and no sentence.
_NAVIGATION = re.compile(r"^\W*(?:[^\s>»›|/.!?。][^>»›|/.!?。]{0,30}\s*[>»›|/]\s*){2,}"
                         r"[^>»›|/.!?。]{0,30}$")
_CAPTION = re.compile(r"[\[(（【]\s*(?:photo|photos|image|picture|pic|video)\s*(?:[:：/]|by\b)"
                      r"|^\W*(?:photo|photos|image|picture)\s*(?:[:：/]|by\b)|图[:：/]|摄影?[:：]",
                      re.IGNORECASE)


def noise_reason(text: str, script: str) -> str:
    """Why a line is page furniture rather than article text, or '' if it may be article text."""
    letters = len(HAN.findall(text)) + len(_LATIN.findall(text))
    if letters == 0:
        return "pagination row" if _PAGINATION.match(text) else "no words"
    if script_of(text) != script and (len(HAN.findall(text)) >= 2 or size(text) >= 3):
        return "text in another script"
    if _PAGINATION.match(text):
        return "pagination row"
    if _COPYRIGHT.search(text) and size(text) <= 40:
        return "copyright line"
    if _LABEL.match(text):
        return "contact or label line"
    if _CHROME_PHRASES.search(text) and size(text) <= 40:
        return "site furniture"
    if _mostly_ui_words(words(text)) or _mostly_ui_words(_WORDS.findall(text)):
        return "share bar or menu"
    if _NAVIGATION.match(text):
        return "navigation"
    if _BYLINE.match(text) and not SENTENCE_FINAL.search(text):
        return "byline"
    if _CAPTION.search(text) and size(text) <= 40:
        return "photo caption (the photo is not in the text)"
    return ""


def _mostly_ui_words(found: list[str]) -> bool:
    """A short line whose words are mostly those of buttons and menus."""
    tokens = [w.lower().strip(".'’-") for w in found]
    content = [t for t in tokens if t and t not in _STOPWORDS]
    ui = [t for t in content if t in _UI_WORDS]
    return bool(ui) and len(tokens) <= 12 and 2 * len(ui) >= len(content)
