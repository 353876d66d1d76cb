"""The data export: briefings.json and briefings.csv read back as a notebook or a spreadsheet would."""

from __future__ import annotations

import csv
import io
import json

from generator.exports import (EXPORT_FIELDS, LIST_SEPARATOR, briefings_csv, briefings_json, export_record,
                               export_records)
from generator.gazetteer import load_gazetteer
from generator.model import Briefing, PartialDate

TRICKY_TITLE = 'Chengdu\'s "new scenes", 1,000 of them; =SUM(A1) <b>&amp;</b> 成都'


def briefing(slug: str = "a", **fields) -> Briefing:
    values = dict(slug=slug, title="Chengdu releases scenes", date=PartialDate(2020, 3, 31), city="Chengdu",
                  cities=("Chengdu", "Chongqing"), theme="Talent", tags=("Talent", "Industrial design"),
                  summary="A summary.", body="Text.\n", source="ChinaNews",
                  source_url="https://www.chinanews.com.cn/a.shtml", seed="seeds/a.txt",
                  published=PartialDate(2020, 4))
    return Briefing(**{**values, **fields})


def url_of(b: Briefing) -> str:
    return f"https://example.org/briefings/{b.slug}/"


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_a_record_holds_every_field_dates_at_their_precision_and_lists_as_lists():
    assert export_record(briefing(), url_of(briefing())) == {
        "url": "https://example.org/briefings/a/",
        "title": "Chengdu releases scenes",
        "date": "2020-03-31",
        "published": "2020-04",
        "city": "Chengdu",
        "cities": ["Chengdu", "Chongqing"],
        "theme": "Talent",
        "tags": ["Talent", "Industrial design"],
        "source": "ChinaNews",
        "source_url": "https://www.chinanews.com.cn/a.shtml",
        "seed": "seeds/a.txt",
        "summary": "A summary.",
    }


def test_an_undated_briefing_has_no_date_and_absent_fields_are_left_out():
    record = export_record(briefing(date=None, published=None, source=None, source_url=None, seed=None,
                                    summary=""), "u")
    assert set(record) == {"url", "title", "city", "cities", "theme", "tags"}


def test_json_reads_back_as_the_records_in_order_with_chinese_as_itself():
    records = list(export_records([briefing("b", title=TRICKY_TITLE), briefing("a", date=None)], url_of))
    data = briefings_json(records)
    assert json.loads(data.decode("utf-8")) == records
    assert [r["url"] for r in json.loads(data)] == [url_of(briefing("b")), url_of(briefing("a"))]
    assert "成都".encode("utf-8") in data and data.endswith(b"\n")


def test_csv_has_a_header_a_row_per_briefing_and_lists_joined_by_the_separator():
    records = list(export_records([briefing("b", title=TRICKY_TITLE), briefing("a", date=None, tags=())], url_of))
    data = briefings_csv(records)
    assert data.startswith("\ufeffurl,title,".encode("utf-8"))
    rows = read_csv(data)
    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert rows[0]["title"] == TRICKY_TITLE
    assert rows[0]["cities"] == "Chengdu; Chongqing" and rows[0]["tags"].split(LIST_SEPARATOR) == [
        "Talent", "Industrial design"]
    assert rows[1]["date"] == "" and rows[1]["tags"] == "" and rows[1]["published"] == "2020-04"
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])


def test_no_city_name_holds_the_list_separator():
    names = set(load_gazetteer().names.values())
    assert names and not [name for name in names if LIST_SEPARATOR.strip() in name]


def test_json_is_written_as_the_standard_library_indents_it():
    awkward = 'quote " backslash \\ newline \n tab \t control \x01 line separator \u2028 成都 emoji \U0001F600'
    records = [export_record(briefing("b", title=awkward, summary=awkward, tags=()), url_of(briefing("b"))),
               export_record(briefing("a", date=None, cities=(awkward,)), url_of(briefing("a"))), {}]
    for chosen in (records, records[:1], records[2:], []):
        assert briefings_json(iter(chosen)) == (json.dumps(chosen, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
