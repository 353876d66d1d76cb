"""The summary: one or two sentences of the article, word for word, that tell what happened."""

from __future__ import annotations

import re

from generator.gazetteer import Gazetteer
from generator.ingest.article import split_dateline
from generator.ingest.dates import find_dates
from generator.ingest.records import Article
from generator.ingest.topics import term_pattern
from generator.text import content_words, simplified, size, split_sentences
from generator.vocabulary import Vocabulary

_EVENT = re.compile(r"\b(?:held|hosted|opened|launched|kicked off|took place|convened|released|issued|unveiled"
                    r"|announced|signed|inaugurated|concluded|staged|organi[sz]ed|will|plans?|aims?|approved"
                    r"|published|introduced|rolled out)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|I|[Mm]y)\b")


def summarise(article: Article, vocabulary: Vocabulary, gazetteer: Gazetteer) -> str:
    """One or two sentences, verbatim, that best tell what happened, from the opening paragraphs.

    A sentence scores for reporting an event or a plan, for a date, for the article's
    topics (vocabulary keywords and cities) and for sharing words with the headline;
    it loses for coming late and for the first person of a speaker.
    """
    patterns = [p for p in (term_pattern(t) for t in (*vocabulary.themes, *vocabulary.tags)) if p]
    title_words = content_words(article.title)
    candidates = []
    for p_index, paragraph in enumerate(article.prose()[:5]):
        if paragraph.rstrip().endswith("?") or "?" in paragraph[-20:]:
            continue  # a journalist's question says what was asked, not what happened
        sentences = split_sentences(paragraph)
        for s_index, sentence in enumerate(sentences):
            if size(sentence) < 6 or sentence.endswith("?"):
                continue
            topics = sum(len(p.findall(simplified(sentence))) for p in patterns) + len(gazetteer.mentions(sentence))
            score = (2 * bool(_EVENT.search(sentence)) + 2 * bool(find_dates(sentence)) + min(4, topics)
                     + min(3, len(content_words(sentence) & title_words)) - bool(_FIRST_PERSON.search(sentence))
                     - (size(sentence) > 60) - _is_list(sentence) - 0.5 * p_index - 0.2 * s_index)
            candidates.append((score, -p_index, -s_index, sentence, sentences[s_index + 1:s_index + 2]))
    if not candidates:
        first = article.prose()[0] if article.prose() else article.title
        return split_sentences(first)[0]
    _, _, _, best, following = max(candidates, key=lambda c: c[:3])
    # "XI'AN, May 18 (Xinhua) -- Xi'an will ...": the place, date and agency in front are no summary.
    best = split_dateline(best)[1] or best
    if (following and size(best) < 25 and size(best) + size(following[0]) <= 60
            and not following[0].endswith("?") and not _is_list(following[0])):
        joiner = "" if article.script == "han" else " "
        return f"{best}{joiner}{following[0]}"
    return best


def _is_list(sentence: str) -> bool:
    """'three clusters: a, b, and c' enumerates rather than tells."""
    return bool(re.search(r"[:;]", sentence)) and sentence.count(",") >= 2
