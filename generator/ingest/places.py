"""Which Chinese city an article is about, and which others it prominently involves."""

from __future__ import annotations

from collections import Counter

from generator.gazetteer import Gazetteer
from generator.ingest.records import Article

# Outside the headline, a city is "prominently involved" with this score, share of the main city's
# score, and number of mentions.
CITY_THRESHOLD, CITY_SHARE, CITY_MIN_MENTIONS = 2, 1 / 3, 2


def find_cities(article: Article, gazetteer: Gazetteer) -> tuple[str | None, tuple[str, ...]]:
    """The city the briefing is mainly about, and every city prominently involved (that one first).

    Mentions are weighted by where they stand. Another city counts as involved when
    the headline names it, or when the text names it more than once and its weight is
    a fair share of the main city's; a city named in passing or as a comparison does not.
    """
    scores: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    in_title: set[str] = set()
    first_seen: dict[str, int] = {}
    for index, (text, weight) in enumerate(article.weighted_texts()):
        for mention in gazetteer.mentions(text):
            scores[mention.city] += weight
            mentions[mention.city] += 1
            first_seen.setdefault(mention.city, len(first_seen))
            if index == 0:  # the headline
                in_title.add(mention.city)
    if not scores:
        return None, ()
    ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    main = ranked[0]
    floor = max(CITY_THRESHOLD, CITY_SHARE * scores[main])
    return main, tuple([main] + [c for c in ranked[1:]
                                 if c in in_title or (scores[c] >= floor and mentions[c] >= CITY_MIN_MENTIONS)])
