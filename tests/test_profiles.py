"""City profiles, the city-by-theme matrix and the cities that lead on a theme, from small made-up briefings."""

from generator.model import Briefing, PartialDate
from generator.profiles import Count, YearCount, city_profile, city_theme_matrix, theme_leaders


def briefing(slug, date, city="Chengdu", cities=(), theme="Talent", tags=()):
    return Briefing(slug=slug, title=slug, date=date, city=city, cities=(city, *cities), theme=theme,
                    tags=tuple(tags), summary="", body="")


# Newest first, as SiteIndex.briefings holds them.
BRIEFINGS = (
    briefing("e", PartialDate(2024, 2, 1), city="Wuhan", cities=["Chengdu"], theme="Opening-up", tags=["Talent"]),
    briefing("d", PartialDate(2023, 6, 28), city="Chongqing", cities=["Chengdu"], theme="Industrial design",
             tags=["Industrial design", "Conference"]),
    briefing("c", PartialDate(2023, 6), city="Nanjing", theme="Talent", tags=["Talent"]),
    briefing("b", PartialDate(2023), theme="Talent", tags=["Talent", "Conference"]),
    briefing("a", PartialDate(2020, 3, 31), cities=["Chongqing"], theme="Urban industry", tags=["Conference"]),
)


def involving(city):
    return [b for b in BRIEFINGS if city in b.cities]


def test_a_city_profile_counts_themes_years_companions_and_tags():
    profile = city_profile("Chengdu", involving("Chengdu"))
    assert profile.total == 4
    assert [(c.theme, c.briefings) for c in profile.by_theme] == [
        ("Industrial design", ("d",)), ("Opening-up", ("e",)), ("Talent", ("b",)), ("Urban industry", ("a",))]
    # They are the city's cells of the comparison table.
    assert set(profile.by_theme) == {c for c in city_theme_matrix(BRIEFINGS).cells if c.city == "Chengdu"}
    assert profile.leading_theme == "Industrial design"  # a tie goes to the first by name
    # Every year from the first to the last, the empty ones too, so a chart shows the gap.
    assert profile.by_year == (YearCount(2020, 1), YearCount(2021, 0), YearCount(2022, 0), YearCount(2023, 2),
                               YearCount(2024, 1))
    assert profile.undated == 0
    assert profile.companions == (Count("Chongqing", 2), Count("Wuhan", 1))
    # "Talent" on b repeats b's theme and is left out; on e it is a real second topic.
    assert profile.tags == (Count("Conference", 3), Count("Talent", 1))


def test_the_leading_theme_is_the_one_with_most_briefings():
    profile = city_profile("Nanjing", [briefing("x", PartialDate(2022), city="Nanjing", theme="Opening-up"),
                                       briefing("y", PartialDate(2021), city="Nanjing", theme="Talent"),
                                       briefing("z", PartialDate(2020), city="Nanjing", theme="Talent")])
    assert profile.leading_theme == "Talent"
    assert (profile.by_theme[0].theme, profile.by_theme[0].count) == ("Talent", 2)


def test_the_matrix_counts_a_briefing_once_for_each_of_its_cities():
    matrix = city_theme_matrix(BRIEFINGS)
    assert matrix.cities == (Count("Chengdu", 4), Count("Chongqing", 2), Count("Nanjing", 1), Count("Wuhan", 1))
    assert matrix.themes == (Count("Talent", 2), Count("Industrial design", 1), Count("Opening-up", 1),
                             Count("Urban industry", 1))
    assert matrix.cell("Chengdu", "Talent").briefings == ("b",)
    assert matrix.cell("Chongqing", "Industrial design").briefings == ("d",)
    assert matrix.cell("Nanjing", "Opening-up") is None
    assert all(c.count for c in matrix.cells)
    # Each row adds up to the city's total, each column to the theme's.
    for city in matrix.cities:
        assert sum(c.count for c in matrix.cells if c.city == city.name) == city.count
    for theme in matrix.themes:
        assert len({s for c in matrix.cells if c.theme == theme.name for s in c.briefings}) == theme.count
    assert matrix.largest == 1


def test_theme_leaders_agree_with_the_matrix():
    matrix = city_theme_matrix(BRIEFINGS)
    leaders = theme_leaders("Talent", [b for b in BRIEFINGS if b.theme == "Talent"])
    assert [(c.city, c.briefings) for c in leaders] == [("Chengdu", ("b",)), ("Nanjing", ("c",))]
    for cell in leaders:
        assert cell == matrix.cell(cell.city, cell.theme)
    assert len(theme_leaders("Talent", BRIEFINGS, limit=1)) == 1
