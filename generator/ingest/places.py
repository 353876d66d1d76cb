"""Which Chinese city an article is about, and which others it prominently involves.

The city an article is about is the one whose government or event it reports, not the
wire service's dateline or a venue its delegation travels to. Every mention counts by
where it stands (headline, lead, body) and by the role the words around it give it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.gazetteer import CITY, Gazetteer, Mention
from generator.ingest.article import split_dateline
from generator.ingest.records import LEAD_WEIGHT, Article
from generator.text import simplified

# Outside the headline, a city is "prominently involved" with this score, share of the main city's
# score, and number of mentions.
CITY_THRESHOLD, CITY_SHARE, CITY_MIN_MENTIONS = 2, 1 / 3, 2
# A city whose government acts counts double; a place a delegation goes to, or where a city
# holds its event, half; a company's name and a wire dateline not at all.
GOVERNMENT, VENUE, NOT_COUNTED = 2.0, 0.5, 0.0
# The site's owner, named in its header or footer ("Copyright © X Municipal Government"),
# counts as much as a government named in the lead: government sites report their own city.
PUBLISHER_SCORE = GOVERNMENT * LEAD_WEIGHT

# A city's government or one of its organs right after its name.
_GOVERNMENT_AFTER = re.compile(
    r"^(?:'s)?\s+(?:Municipal|City Government|(?:People's )?Government|(?:CPC |Party )?Committee"
    r"|Administrative Committee|Management Committee|Development and Reform Commission|Bureau of)\b"
    r"|^市?(?:委|政府|人民政府|人大|政协|[\u4e00-\u9fff]{1,6}?(?:局|委|委员会|管委会|办公室|新闻办))")
# ...or before it: "the mayor of X", "the government of X", "Party chief of X".
_GOVERNMENT_BEFORE = re.compile(r"\b(?:mayor|government|governor|party (?:secretary|chief)|authorities) of\s+$",
                                re.IGNORECASE)
# A place travelled to or where an event is held: "赴上海", "驻上海", "在深圳举行".
_VENUE_BEFORE = re.compile(r"(?:赴|前往|驻|到)$")
_VENUE_AROUND = re.compile(r"在$")
_VENUE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:举行|举办|召开)")
# A company whose name begins with a city's: "Beijing Baidu Netcom Science and Technology Co., Ltd.",
# "某某集团"; the city is where the firm is registered, not what the article is about.
_COMPANY_AFTER = re.compile(r"^(?:\s+(?:[A-Z][\w&'.-]*|and|&|of)){0,6}\s+(?:Co\.|Company|Corporation|Corp\.|Group"
                            r"|Ltd|Limited|Inc\b|Holdings)"
                            r"|^[\u4e00-\u9fff]{0,8}(?:集团|公司|有限|股份|银行)")


@dataclass(frozen=True)
class Places:
    """The article's city, every city it prominently involves (that one first), and whether the
    city was inferred: named only by a district, a nickname or the site's owner."""

    city: str | None
    cities: tuple[str, ...]
    inferred: bool


def role(text: str, mention: Mention) -> float:
    """How much a mention says the article is about its city, from the words around it."""
    before, after = text[:mention.start], text[mention.end:]
    plain_before, plain_after = simplified(before[-12:]), simplified(after[:40])
    if _COMPANY_AFTER.match(after[:80]) or _COMPANY_AFTER.match(plain_after):
        return NOT_COUNTED
    if _GOVERNMENT_AFTER.match(after[:60]) or _GOVERNMENT_AFTER.match(plain_after) \
            or _GOVERNMENT_BEFORE.search(before[-40:]):
        return GOVERNMENT
    if _VENUE_BEFORE.search(plain_before) or (_VENUE_AROUND.search(plain_before) and _VENUE_AFTER.match(plain_after)):
        return VENUE
    return 1.0


def find_cities(article: Article, gazetteer: Gazetteer) -> Places:
    """The city the briefing is mainly about, and every city prominently involved.

    Mentions are weighted by where they stand and by their role. Another city counts as
    involved when the headline names it, when the headline or lead names it as the place the
    event is held or a delegation goes, or when the text names it more than once and its weight
    is a fair share of the main city's; a city named in passing or as a comparison does not.
    """
    scores: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    named: set[str] = set()
    in_title: set[str] = set()
    venues: set[str] = set()
    first_seen: dict[str, int] = {}
    for index, (text, weight) in enumerate(article.weighted_texts()):
        # A wire dateline ("BEIJING, Aug. 9 (Xinhua) --") says where the story was filed, not what it is about.
        dateline_end = len(split_dateline(text)[0]) if index == 1 else 0
        for mention in gazetteer.mentions(text):
            factor = NOT_COUNTED if mention.start < dateline_end else role(text, mention)
            if factor == NOT_COUNTED:
                continue
            scores[mention.city] += weight * factor
            mentions[mention.city] += 1
            first_seen.setdefault(mention.city, len(first_seen))
            if mention.kind == CITY:
                named.add(mention.city)
            if index == 0:  # the headline
                in_title.add(mention.city)
            if factor == VENUE and index <= 1:
                venues.add(mention.city)
    for city in publisher_cities(article, gazetteer):
        scores[city] += PUBLISHER_SCORE
        first_seen.setdefault(city, len(first_seen))
    if not scores:
        return Places(None, (), False)
    ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    main = ranked[0]
    floor = max(CITY_THRESHOLD, CITY_SHARE * scores[main])
    involved = [c for c in ranked[1:] if c in in_title or c in venues
                or (scores[c] >= floor and mentions[c] >= CITY_MIN_MENTIONS)]
    return Places(main, (main, *involved), main not in named)


def publisher_cities(article: Article, gazetteer: Gazetteer) -> set[str]:
    """Cities whose government runs the site, as its header, footer or datelines name it."""
    found = set()
    for line in (*article.chrome, *article.meta):
        for mention in gazetteer.mentions(line):
            if role(line, mention) == GOVERNMENT or _ORGANISATION_NAME.search(simplified(line)[mention.end:]):
                found.add(mention.city)
    return found


# The rest of a line that names an organisation of the city: "...高新技术产业开发区管理委员会".
_ORGANISATION_NAME = re.compile(r"^[\u4e00-\u9fff]{0,16}(?:管理委员会|管委会|人民政府|委员会)")
