"""The theme and tags of an article, from the keywords of the vocabulary."""

from __future__ import annotations

import re

from generator.ingest.records import Article
from generator.text import has_han, simplified
from generator.vocabulary import Term, Vocabulary

# A term applies when its weighted score reaches this: one mention up top, or two below.
TAG_THRESHOLD = 2


def term_pattern(term: Term) -> re.Pattern | None:
    """One regex for a term's keywords, longest first, as whole words (Han keywords anywhere)."""
    if not term.keywords:
        return None
    parts = []
    for keyword in sorted(term.keywords, key=lambda k: (-len(k), k)):
        escaped = re.escape(keyword).replace(r"\ ", r"\s+")
        parts.append(escaped if has_han(keyword) else rf"(?<![\w-]){escaped}(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE)


def score_terms(article: Article, terms: tuple[Term, ...]) -> dict[str, int]:
    """How strongly the article speaks of each term: keyword matches weighted by where they are."""
    # Keywords are written in simplified characters; a traditional-character article matches them too.
    texts = [(simplified(text), weight) for text, weight in article.weighted_texts()]
    scores = {}
    for term in terms:
        pattern = term_pattern(term)
        scores[term.name] = sum(weight * len(pattern.findall(text)) for text, weight in texts) if pattern else 0
    return scores


def find_topics(article: Article, vocabulary: Vocabulary) -> tuple[str, tuple[str, ...], bool]:
    """(theme, tags, guessed): the strongest theme, and every theme and tag that applies, theme first."""
    theme_scores = score_terms(article, vocabulary.themes)
    tag_scores = score_terms(article, vocabulary.tags)
    # max() keeps the first of equal scores, so ties go to the vocabulary's order.
    theme = max(vocabulary.themes, key=lambda t: theme_scores[t.name]).name
    guessed = theme_scores[theme] == 0
    others = [t.name for t in vocabulary.themes if t.name != theme and theme_scores[t.name] >= TAG_THRESHOLD]
    others += [t.name for t in vocabulary.tags if tag_scores[t.name] >= TAG_THRESHOLD and t.name not in others
               and t.name != theme]
    return theme, tuple([theme] + others), guessed
