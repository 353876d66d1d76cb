"""`digest ingest`: turn raw seed texts into Markdown briefings with front matter.

The recipe, one module per stage, each a few plain functions passing a frozen record on:

1. read.py     find the seeds, read and decode each one          -> Seed
2. article.py  find the article: headline, paragraphs, datelines  -> Article
3. fields.py   derive the front matter                           -> Draft
4. write.py    write content/<slug>.md and the manifest           -> Outcome

What happened to every seed and file comes back as data (records.Outcome), which the
command line and the preview server put into words with records.describe().
"""

from __future__ import annotations

from pathlib import Path

from generator.gazetteer import Gazetteer
from generator.ingest.article import find_article
from generator.ingest.fields import derive_fields
from generator.ingest.markdown import escape_markdown
from generator.ingest.read import find_seeds, read_seed
from generator.ingest.records import REFUSED, Draft, IngestReport, Outcome, UnusableSeed, describe
from generator.ingest.write import MANIFEST, drop_clashes, write_briefings
from generator.vocabulary import Vocabulary

__all__ = ["MANIFEST", "IngestReport", "Outcome", "describe", "escape_markdown", "ingest_seeds"]


def ingest_seeds(seeds_dir: Path, content_dir: Path, vocabulary: Vocabulary, gazetteer: Gazetteer,
                 force: bool = False) -> IngestReport:
    """Write one content/<slug>.md per seeds/*.txt; an outcome for every seed and file."""
    seeds_dir, content_dir = Path(seeds_dir), Path(content_dir)
    try:
        paths = find_seeds(seeds_dir)
    except UnusableSeed as error:
        return IngestReport((Outcome(REFUSED, seeds_dir.as_posix(), reason=str(error), hint=error.hint),))
    drafts: list[Draft] = []
    refused: list[Outcome] = []
    for path in paths:
        label = path.as_posix()
        try:
            drafts.append(draft_briefing(path, label, vocabulary, gazetteer))
        except UnusableSeed as error:
            refused.append(Outcome(REFUSED, label, seed=label, reason=str(error), hint=error.hint))
    drafts, clashes = drop_clashes(drafts, content_dir)
    return IngestReport(tuple(refused + clashes + write_briefings(drafts, content_dir, force)))


def draft_briefing(path: Path, label: str, vocabulary: Vocabulary, gazetteer: Gazetteer) -> Draft:
    """Stages 1 to 3 for one seed: read it, find its article, derive the briefing."""
    return derive_fields(find_article(read_seed(path, label)), vocabulary, gazetteer)
