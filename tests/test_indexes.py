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


def test_related_briefings_kept_from_the_last_build_equal_recomputed_ones():
    import dataclasses
    import random

    from generator.indexes import build_related_basis

    rng = random.Random(5)
    cities, themes, tags = ["Chengdu", "Wuhan", "Nanjing"], ["Talent", "Opening-up"], ["t1", "t2", "t3", "t4"]

    def make(slug):
        return briefing(slug, PartialDate(rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                        city=rng.choice(cities), cities=rng.sample(cities, rng.randint(0, 2)),
                        theme=rng.choice(themes), tags=rng.sample(tags, rng.randint(0, 3)))

    items = {f"b{i}": make(f"b{i}") for i in range(300)}
    # A small window, so that most lists are kept and only the reachable ones are recomputed.
    basis = build_related_basis(tuple(sorted(items.values(), key=Briefing.sort_key, reverse=True)), None, window=3)
    for step in range(40):
        slug = rng.choice(sorted(items))
        action = rng.choice(["add", "delete", "redate", "move", "retag"])
        if action == "add":
            items[f"n{step}"] = make(f"n{step}")
        elif action == "delete":
            del items[slug]
        elif action == "redate":
            items[slug] = dataclasses.replace(items[slug], date=make(slug).date)
        elif action == "move":
            items[slug] = dataclasses.replace(items[slug], city=rng.choice(cities))
        else:
            items[slug] = dataclasses.replace(items[slug], tags=tuple(rng.sample(tags, 2)))
        ordered = tuple(sorted(items.values(), key=Briefing.sort_key, reverse=True))
        basis = build_related_basis(ordered, basis, window=3)
        assert basis.related == build_related_basis(ordered, None, window=3).related, (step, action)
