"""The Chinese city gazetteer: canonical names for any spelling, districts, and mentions in prose."""

from __future__ import annotations

import pytest

from generator.errors import DigestError
from generator.gazetteer import build_gazetteer, load_gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_it_is_built_once_and_cannot_be_changed(gazetteer):
    assert load_gazetteer() is gazetteer
    with pytest.raises(Exception):
        gazetteer.names["atlantis"] = "Atlantis"
    with pytest.raises(Exception):
        gazetteer.surnames = frozenset()


@pytest.mark.parametrize("name, city", [
    ("Chengdu", "Chengdu"), ("chengdu", "Chengdu"), ("CHENGDU", "Chengdu"), (" Chengdu ", "Chengdu"),
    ("Chengdu City", "Chengdu"), ("成都", "Chengdu"), ("成都市", "Chengdu"),
    ("Chongqing", "Chongqing"), ("重庆", "Chongqing"), ("Chungking", "Chongqing"),
    ("Nanjing", "Nanjing"), ("Nanking", "Nanjing"), ("南京市", "Nanjing"),
    ("Wuhan", "Wuhan"), ("武汉", "Wuhan"), ("Shenzhen", "Shenzhen"), ("深圳市", "Shenzhen"),
    ("Xi'an", "Xi'an"), ("Xi’an", "Xi'an"), ("Xian", "Xi'an"),
    ("Beijing", "Beijing"), ("Peking", "Beijing"), ("Shanghai", "Shanghai"), ("Canton", "Guangzhou"),
    ("Urumqi", "Urumqi"), ("Ürümqi", "Urumqi"), ("Hong Kong", "Hong Kong"),
])
def test_any_spelling_of_a_chinese_city_gives_its_english_name(gazetteer, name, city):
    assert gazetteer.canonical(name) == city


@pytest.mark.parametrize("district, city", [
    ("Dazu", "Chongqing"), ("Dazu District", "Chongqing"), ("Wanzhou", "Chongqing"),
    ("Hengqin", "Zhuhai"), ("横琴", "Zhuhai"), ("Tianfu New Area", "Chengdu"), ("湘江新区", "Changsha"),
    ("Jinpu New Area", "Dalian"), ("浦东新区", "Shanghai"),
    ("Pudong", "Shanghai"), ("Pudong New Area", "Shanghai"), ("Minhang", "Shanghai"),
    ("Bao'an District", "Shenzhen"), ("Longgang", "Shenzhen"), ("Shuangliu", "Chengdu"),
    ("Jinjiang District", "Chengdu"), ("Jiangning", "Nanjing"), ("Haidian", "Beijing"),
])
def test_a_district_belongs_to_its_city(gazetteer, district, city):
    assert gazetteer.canonical(district) == city


@pytest.mark.parametrize("name", [
    "Tokyo", "New York", "Singapore", "London", "Paris", "Fuji",
    "Sichuan", "Jiangsu", "Guangdong", "Zhejiang", "四川", "Inner Mongolia",
    "", "   ", "Contact us", "Atlantis", "Xinhua",
])
def test_foreign_cities_provinces_and_other_words_are_not_chinese_cities(gazetteer, name):
    assert gazetteer.canonical(name) is None


def test_non_text_is_not_a_city(gazetteer):
    assert gazetteer.canonical(None) is None
    assert gazetteer.canonical(42) is None


def test_canonical_names_are_canonical(gazetteer):
    for city in ("Chengdu", "Chongqing", "Nanjing", "Wuhan", "Shenzhen", "Xi'an", "Hong Kong"):
        assert city in gazetteer.cities
        assert gazetteer.canonical(gazetteer.canonical(city)) == gazetteer.canonical(city)


def test_names_are_compared_without_case_accents_or_punctuation():
    assert name_key("Xi’an") == name_key("xian") == name_key("XI'AN")
    assert name_key("Ürümqi") == "urumqi"
    assert name_key("Chengdu-Chongqing") == "chengduchongqing"


def cities(gazetteer, text):
    return [m.city for m in gazetteer.mentions(text)]


def test_mentions_find_cities_and_districts_in_prose(gazetteer):
    text = ("On June 28, 2023, the conference opened in Dazu District, Chongqing, "
            "with guests from Wuhan, Xi'an and Shenzhen's Nanshan District.")
    assert cities(gazetteer, text) == ["Chongqing", "Chongqing", "Wuhan", "Xi'an", "Shenzhen", "Shenzhen"]


def test_mentions_split_hyphenated_pairs_and_read_possessives(gazetteer):
    assert cities(gazetteer, "The Chengdu-Chongqing Economic Circle grew; Nanjing's plan too.") == [
        "Chengdu", "Chongqing", "Nanjing"]


def test_mentions_report_where_the_name_stands(gazetteer):
    text = "Talks in Wuhan."
    (mention,) = gazetteer.mentions(text)
    assert text[mention.start:mention.end] == "Wuhan"


def test_a_province_or_a_foreign_city_is_not_mentioned_as_a_city(gazetteer):
    text = ("Experts from Sichuan and Jiangsu Province cited Tokyo, New York and Singapore; "
            "Jilin Province is a province.")
    assert cities(gazetteer, text) == []


def test_a_persons_given_name_is_not_a_place(gazetteer):
    # Jiaxing is a city in Zhejiang, and a common given name: after a surname it is a person.
    assert cities(gazetteer, "Chen Jiaxing, deputy director, spoke.") == []
    assert cities(gazetteer, "Firms in Jiaxing signed.") == ["Jiaxing"]


def test_words_that_usually_mean_something_else_are_not_places(gazetteer):
    assert cities(gazetteer, "Xinhua reported that Dongfeng sells cars.") == []


def test_chinese_script_mentions(gazetteer):
    assert cities(gazetteer, "会议在成都举行，重庆和深圳市的代表出席。") == ["Chengdu", "Chongqing", "Shenzhen"]


def test_a_name_shared_by_districts_of_two_cities_is_no_city():
    geonames = {
        "1": {"name": "Riverside", "countrycode": "CN", "admin1code": "12", "population": 200_000,
              "latitude": 30.6, "longitude": 114.4, "alternatenames": ["江区"]},
        "2": {"name": "Riverside", "countrycode": "CN", "admin1code": "33", "population": 150_000,
              "latitude": 29.5, "longitude": 106.5, "alternatenames": []},
        "3": {"name": "Bigtown", "countrycode": "CN", "admin1code": "12", "population": 5_000_000,
              "latitude": 30.5, "longitude": 114.3, "alternatenames": ["大城市"]},
        "4": {"name": "Twinville", "countrycode": "CN", "admin1code": "12", "population": 400_000,
              "latitude": 31.5, "longitude": 113.0, "alternatenames": []},
        "5": {"name": "Twinville", "countrycode": "CN", "admin1code": "32", "population": 300_000,
              "latitude": 30.0, "longitude": 104.0, "alternatenames": []},
    }
    built = build_gazetteer(geonames, {"municipalities": {"Metro": "33"}, "provinces": ["Hubei"]})
    assert built.canonical("Riverside") is None  # Bigtown's or Metro's?
    assert built.canonical("Bigtown") == "Bigtown"
    assert built.canonical("大城") == "Bigtown"
    assert built.canonical("Metro") == "Metro"
    assert built.canonical("Hubei") is None
    # Two cities of one name share it, as Suzhou (Jiangsu) and Suzhou (Anhui) do.
    assert built.canonical("Twinville") == "Twinville"


def test_a_district_is_given_to_the_nearest_big_city_of_its_province():
    geonames = {
        "1": {"name": "Hillside", "countrycode": "CN", "admin1code": "12", "population": 200_000,
              "latitude": 30.62, "longitude": 114.42, "alternatenames": ["山区"]},
        "2": {"name": "Bigtown", "countrycode": "CN", "admin1code": "12", "population": 5_000_000,
              "latitude": 30.5, "longitude": 114.3, "alternatenames": ["大城市"]},
        "3": {"name": "Farcity", "countrycode": "CN", "admin1code": "12", "population": 6_000_000,
              "latitude": 32.0, "longitude": 112.0, "alternatenames": ["远城市"]},
    }
    built = build_gazetteer(geonames, {"municipalities": {}})
    assert built.canonical("Hillside") == "Bigtown"
    assert built.canonical("Farcity") == "Farcity"


def check_corrections(tmp_path, text: str) -> list[str]:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DigestError) as caught:
        load_gazetteer(path)
    return [str(p) for p in caught.value.problems]


def test_the_corrections_file_is_checked_when_loaded(tmp_path):
    problems = check_corrections(tmp_path, "districts:\n  Riverside: [Wuhan]\nprovinces: Hubei\nplaces: []\n")
    path = tmp_path / "gazetteer.yaml"
    assert problems == [
        f"{path}: 'places' is not a known section. Hint: known sections: municipalities, provinces, cities, "
        "districts, nicknames, not_places, surnames.",
        f"{path}: 'provinces' must be a list. Hint: write a list of province names.",
        f"{path}: 'districts' entry 'Riverside': ['Wuhan'] is not what this section holds. Hint: write a mapping "
        "of district name to the city it belongs to, e.g. Pudong: Shanghai.",
    ]


def test_a_district_of_an_unknown_city_is_named_with_its_entry(tmp_path):
    problems = check_corrections(tmp_path, "districts:\n  Riverside: Wuhna\n")
    assert problems == [f"{tmp_path / 'gazetteer.yaml'}: 'districts: Riverside' names 'Wuhna', which is not a "
                        "Chinese city the gazetteer knows. Hint: use a city's usual English name, e.g. Chengdu."]


def test_a_corrections_file_that_is_no_yaml_mapping_is_refused(tmp_path):
    assert "must be a mapping of sections" in check_corrections(tmp_path, "- just\n- a list\n")[0]


def kinds(gazetteer, text):
    return [(m.city, m.kind) for m in gazetteer.mentions(text)]


def test_nicknames_map_to_their_city_in_chinese_and_english(gazetteer):
    assert kinds(gazetteer, "蓉城与鹏城的企业在羊城签约。") == [
        ("Chengdu", "nickname"), ("Shenzhen", "nickname"), ("Guangzhou", "nickname")]
    assert kinds(gazetteer, "Visitors to the Spring City and the Ice City") == [
        ("Kunming", "nickname"), ("Harbin", "nickname")]


def test_an_ambiguous_nickname_or_a_one_character_abbreviation_is_no_city(gazetteer):
    assert cities(gazetteer, "江城和龙城的代表驻穗、驻深办事处。") == []


def test_traditional_characters_find_the_same_cities(gazetteer):
    assert cities(gazetteer, "長沙市委在深圳舉行推介會,廣州、廈門代表出席。") == [
        "Changsha", "Shenzhen", "Guangzhou", "Xiamen"]


def test_chinese_city_district_and_new_area_forms(gazetteer):
    assert cities(gazetteer, "武汉市、成都市天府新区和重庆两江新区") == ["Wuhan", "Chengdu", "Chengdu", "Chongqing",
                                                                  "Chongqing"]


def test_a_district_named_like_another_city_counts_only_as_a_district(gazetteer):
    # Xingning is a city in Guangdong, and a district of Nanning: "Xingning District" is the district.
    assert cities(gazetteer, "the Xingning District of Nanning") == ["Nanning"]
    assert kinds(gazetteer, "Hengqin New Area") == [("Zhuhai", "district")]


@pytest.mark.parametrize("city, chinese", [
    ("Chengdu", "成都"), ("Chongqing", "重庆"), ("Wuhan", "武汉"), ("Shanghai", "上海"), ("Beijing", "北京"),
    ("Suzhou", "苏州"), ("Xi'an", "西安"), ("Harbin", "哈尔滨"), ("Hong Kong", "香港"), ("Macau", "澳门"),
])
def test_a_city_has_its_name_in_simplified_chinese(gazetteer, city, chinese):
    # Not the traditional 武漢 or 重慶, nor a nickname such as 沪 or 天府, which GeoNames lists beside them.
    assert gazetteer.chinese_names[city] == chinese


def test_every_chinese_name_is_a_name_the_gazetteer_reads_back_as_the_same_city(gazetteer):
    assert len(gazetteer.chinese_names) > 400
    wrong = {city: name for city, name in gazetteer.chinese_names.items() if gazetteer.canonical(name) != city}
    assert not wrong
