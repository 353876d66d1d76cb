"""The digest as data: briefings.json and briefings.csv, every briefing's front matter and its URL.

Both are pure functions of the briefings and the base URL, with a stated
column order and no timestamps, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from json.encoder import encode_basestring as _json_string
from typing import Callable, Iterable, Iterator, Mapping

from generator.model import Briefing

JSON_EXPORT = "briefings.json"
CSV_EXPORT = "briefings.csv"
# The file each format of the `exports` setting writes.
EXPORT_FILES = {"json": JSON_EXPORT, "csv": CSV_EXPORT}

# Columns in the order the CSV shows them and the JSON objects list them:
# the page's URL first, then the front matter fields as content files order them.
EXPORT_FIELDS = ("url", "title", "date", "published", "city", "cities", "theme", "tags",
                 "source", "source_url", "seed", "summary")
LIST_FIELDS = ("cities", "tags")
# Joins a list in one CSV cell. Vocabulary names may not hold a ";" (vocabulary.py refuses one),
# and no city name in the gazetteer does.
LIST_SEPARATOR = "; "

ExportValue = str | list[str]


def export_record(briefing: Briefing, url: str) -> dict[str, ExportValue]:
    """One briefing as export fields; a field with no value (an undated briefing's date) is left out."""
    values: dict[str, ExportValue | None] = {
        "url": url,
        "title": briefing.title,
        "date": briefing.date.iso() if briefing.date else None,
        "published": briefing.published.iso() if briefing.published else None,
        "city": briefing.city,
        "cities": list(briefing.cities),
        "theme": briefing.theme,
        "tags": list(briefing.tags),
        "source": briefing.source,
        "source_url": briefing.source_url,
        "seed": briefing.seed,
        "summary": briefing.summary,
    }
    return {key: value for key, value in values.items() if value not in (None, "")}


def export_records(briefings: Iterable[Briefing], url_of: Callable[[Briefing], str]) -> Iterator[dict[str, ExportValue]]:
    """Every briefing as an export record, in the order given (the site's: newest first), one at a time:
    a digest of 100,000 briefings would hold some hundred megabytes of them at once."""
    return (export_record(b, url_of(b)) for b in briefings)


def briefings_json(records: Iterable[Mapping[str, ExportValue]]) -> bytes:
    """A JSON array of records: UTF-8, Chinese text as itself, two-space indents, a final newline.

    The same text as json.dumps(records, ensure_ascii=False, indent=2), written record by record with
    the C string encoder: json's indenting encoder is pure Python, and holds the whole document's
    small pieces at once."""
    body = b",\n".join(_json_record(record).encode("utf-8") for record in records)
    return b"[\n" + body + b"\n]\n" if body else b"[]\n"


def _json_record(record: Mapping[str, ExportValue]) -> str:
    """One record as an element of briefings_json's array (indented by two spaces, its fields by four)."""
    if not record:
        return "  {}"
    fields = []
    for key, value in record.items():
        if isinstance(value, list):
            shown = ("[\n" + ",\n".join("      " + _json_string(item) for item in value) + "\n    ]"
                     if value else "[]")
        else:
            shown = _json_string(value)
        fields.append(f"    {_json_string(key)}: {shown}")
    return "  {\n" + ",\n".join(fields) + "\n  }"


def briefings_csv(records: Iterable[Mapping[str, ExportValue]]) -> bytes:
    """One row per record under a header of EXPORT_FIELDS; lists joined by LIST_SEPARATOR.

    UTF-8 with a byte order mark: spreadsheets need it to read Chinese text as
    UTF-8, and pandas.read_csv and Python's 'utf-8-sig' codec skip it. Rows end
    in CRLF and every cell that needs quotes gets them, as RFC 4180 has it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for record in records:
        writer.writerow([_cell(record.get(field, "")) for field in EXPORT_FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def export_file(records: Iterable[Mapping[str, ExportValue]], kind: str) -> tuple[str, bytes]:
    """(file name, bytes) of one export ('json', 'csv')."""
    writers = {"json": briefings_json, "csv": briefings_csv}
    return EXPORT_FILES[kind], writers[kind](records)


def _cell(value: ExportValue) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value
