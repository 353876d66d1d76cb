"""Indexes: terms with counts, cities with themes, the timeline, neighbours and related briefings."""

from generator.indexes import build_index
from generator.model import Briefing, PartialDate


def briefing(slug, date, city="Chengdu", cities=(), theme="Talent", tags=()):
    return Briefing(slug=slug, title=slug, date=date, city=city, cities=(city, *cities), theme=theme,
                    tags=tuple(tags), summary="", body="")


def test_indexes(vocabulary):
    items = [
        briefing("a", PartialDate(2023), tags=["Talent"]),
        briefing("b", PartialDate(2023, 6, 28), city="Chongqing", cities=["Chengdu"], theme="Industrial design",
                 tags=["Industrial design", "33618 cluster system"]),
        briefing("c", PartialDate(2020, 3, 31), theme="Urban industry"),
        briefing("d", PartialDate(2023, 6), city="Nanjing", theme="Talent", tags=["Talent"]),
    ]
    index = build_index(items, vocabulary)
    assert [b.slug for b in index.briefings] == ["b", "d", "a", "c"]
    assert [(e.name, e.briefings) for e in index.themes.entries] == [
        ("Industrial design", ("b",)), ("Talent", ("d", "a")), ("Urban industry", ("c",))]
    assert index.tags.get("33618 cluster system").slug == "33618-cluster-system"
    chengdu = index.cities.get("Chengdu")
    assert chengdu.briefings == ("b", "a", "c")
    assert chengdu.themes == ("Industrial design", "Talent", "Urban industry")

    years = {y.year: y for y in index.timeline}
    assert list(years) == [2023, 2020]
    assert [(m.month, m.briefings) for m in years[2023].months] == [(6, ("b", "d"))]
    assert years[2023].year_only == ("a",)
    assert years[2023].count == 3

    assert index.neighbours["b"] == (None, "d")
    assert index.neighbours["c"] == ("a", None)
    # a shares city and theme and a tag with d? No: d is Nanjing. a and c share the main city (3).
    assert index.related["c"][0] == "a"
    assert index.related["d"][0] == "a"  # same theme (2) and tag (1)
    assert "d" not in index.related["c"]


def test_related_is_capped_at_five(vocabulary):
    items = [briefing(f"s{i}", PartialDate(2020 + i)) for i in range(8)]
    index = build_index(items, vocabulary)
    assert len(index.related["s0"]) == 5
    assert index.related["s0"] == ("s1", "s2", "s3", "s4", "s5")  # equal scores: closest in time first
