"""The Phoenix (PETRARCH2) dictionary converter: what it keeps, what it leaves out, and
that the shipped file is what it makes."""

from __future__ import annotations

import tomllib

from briefing.gazetteer import load
from briefing.gazetteer._build import DATA_DIR
from briefing.gazetteer.phoenix import Entry, convert, display, main, parse

GROUPS = """\
# a comment line
ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl 21 Mar 13
+ADEN_ISLAMIC_ARMY_
+ARMY_OF_MOHAMMED+_ISLAMIC_ADEN_ARMY_

CROATIAN_FREEDOM_FIGHTERS_ [USAREB]

TESTLAND_LIBERATION_FRONT
+TLF_
+AHMED_ABDI_TESTANE
+UNITY
+313
	[IMGMUSREB]

MOHAMMAD_IQBAL_TESTER_ [PAKREB]

AL-SHABAAB	[SOMREB]
+SHABAAB_

NO_CODES_AT_ALL_GROUP_
"""

INTERNATIONAL = """\
KOFI_ANNAN_
+SECRETARY-GENERAL_KOFI_ANNAN
	[IGOUNO 970101-061231]
	[ELI]
UN_OFFICE_FOR_TEST_AFFAIRS_ [IGOUNOHLH]
TESTING_RELIEF_INTERNATIONAL_ [NGOHLH]
ACADEMY_OF_TESTING_SCIENCE_ [NGOUSAEDU]
TEST_CORPORATION_ [MNCUSA]
"""


def records(known=frozenset(), common=frozenset({"unity"})):
    return {
        r["name"]: r for r in convert(parse(GROUPS), parse(INTERNATIONAL), set(known), set(common))
    }


def test_parse_reads_codes_on_their_own_lines_and_aliases_joined_by_plus():
    es = parse(GROUPS)
    aden = es[0]
    assert aden.name == "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" and aden.codes == ["YEMREB"]
    assert "ISLAMIC_ADEN_ARMY_" in [a.strip("_") + "_" for a in aden.aliases]
    tlf = next(e for e in es if e.name.startswith("TESTLAND"))
    assert tlf.codes == ["IMGMUSREB"] and "TLF_" in tlf.aliases


def test_display_case_and_the_abbreviation_in_brackets():
    assert display("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_") == ("Aden Abyan Islamic Army", "AAIA")
    assert display("ARMY_OF_THE_AL-MAHDI_") == ("Army of the al-Mahdi", None)
    assert display("UN_SPECIAL_ENVOY_FOR_TESTING_")[0] == "UN Special Envoy for Testing"


def test_groups_keep_their_country_or_the_one_their_name_gives():
    r = records()
    aden = r["Aden Abyan Islamic Army"]
    assert aden["country"] == "YEM" and aden["sector"] == "REB" and aden["type"] == "armed_group"
    assert {"AAIA", "Aden Islamic Army", "Islamic Aden Army"} <= set(aden["aliases"])
    assert r["Croatian Freedom Fighters"]["country"] == "HRV"  # the name says so, not the base
    assert "country" not in r["Testland Liberation Front"]  # IMG: an international group


def test_people_numbers_common_words_and_uncoded_entries_are_left_out():
    r = records()
    tlf = r["Testland Liberation Front"]
    assert tlf["aliases"] == ["TLF"]  # not the leader, "Unity" or "313"
    assert "Mohammad Iqbal Tester" not in r  # a person coded as a group
    assert "No Codes at All Group" not in r
    assert not any("Kofi" in n for n in r)  # dated offices are people's
    assert "Test Corporation" not in r and "Academy of Testing Science" not in r
    assert r["UN Office for Test Affairs"]["type"] == "igo"
    assert r["Testing Relief International"]["sector"] == "NGO"


def test_names_the_curated_files_know_stay_theirs():
    r = records(known={"al shabaab"})
    assert "Al-Shabaab" not in r


def test_hostile_input_gives_entries_or_nothing_never_a_crash():
    for text in [
        "",
        "+ALIAS_WITHOUT_ENTRY\n",
        "\t[SYRREB]\n",
        "[]\n",
        "NAME_ [\n",
        "_ [SYRREB]\n",
        "\x00\x01",
    ]:
        convert(parse(text), [], set(), set())
    assert convert([Entry("___", [], ["SYRREB"])], [], set(), set()) == []


def test_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 1
    assert "phoenix:" in capsys.readouterr().err


def test_the_shipped_file_loads_and_its_groups_are_found():
    with open(DATA_DIR / "actors_phoenix.toml", "rb") as f:
        data = tomllib.load(f)
    assert len(data["actor"]) > 1000
    g = load()
    e = g.get("actor:phoenix-irish-republican-army")
    assert e is not None and e.country == "IRL" and e.sector == "REB"
