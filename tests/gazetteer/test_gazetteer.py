"""The gazetteer: entities by id, states and countries, user dictionaries, governorates."""

from __future__ import annotations

import itertools

import pytest

from briefing import paths
from briefing.extract.mentions import find_mentions
from briefing.gazetteer import compiled_path, load


def test_load_is_cached_per_process():
    assert load() is load()


def test_compiled_file_is_shared_across_homes(tmp_path, monkeypatch):
    p = compiled_path(build_if_missing=False)
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "other"))
    assert compiled_path(build_if_missing=False) == p
    assert load() is load()


def test_get_by_id_for_every_kind():
    g = load()
    assert g.get("actor:kataib-hezbollah").name == "Kataib Hezbollah"
    assert g.get("actor:state:SYR").type == "state"
    assert g.get("place:country:SYR").type == "country"
    assert g.get("place:admin1:SY.08").name == "Rif Dimashq"
    e = g.get("place:geonames:170063")
    assert (e.name, e.country, e.admin1, e.type) == ("Aleppo", "SYR", "Aleppo", "city")
    assert g.get("place:geonames:5128581").name == "New York"
    assert g.get("actor:no-such-thing") is None
    assert g.get("place:geonames:notanumber") is None
    backed = g.get("actor:iran-backed-militias")
    assert backed.affiliation == "IRN" and backed.type == "armed_group"


def test_hezbollah_and_kataib_hezbollah_are_distinct():
    g = load()
    h, kh = g.get("actor:hezbollah"), g.get("actor:kataib-hezbollah")
    assert h.country == "LBN" and kh.country == "IRQ"
    assert kh.affiliation == "IRN"


def test_entities_cover_actors_countries_and_regions():
    ids = {e.id for e in load().entities()}
    assert {
        "actor:islamic-state",
        "actor:state:IRQ",
        "place:country:IRQ",
        "place:admin1:IQ.01",
        "place:al-tanf",
    } <= ids
    assert len(ids) > 1000
    cities = list(
        itertools.islice((e for e in load().entities(cities=True) if e.type == "city"), 5)
    )
    assert all(e.id.startswith("place:") for e in cities)


def test_every_entity_has_kind_prefixed_id_and_origin():
    for e in load().entities():
        assert e.id.startswith(f"{e.kind}:")
        assert e.origin


def test_states_and_countries_convert():
    g = load()
    syria = g.get("actor:state:SYR")
    assert g.as_place(syria).id == "place:country:SYR"
    assert g.as_actor(g.get("place:country:SYR")).id == "actor:state:SYR"
    assert g.as_actor(g.get("place:geonames:112931")).id == "actor:state:IRN"  # Tehran
    assert g.as_actor(syria) is syria
    aleppo = g.get("place:geonames:170063")
    assert g.as_actor(aleppo) is aleppo  # not a capital
    assert g.capital_of(g.get("place:geonames:524901")) == "RUS"  # Moscow


def test_people_have_offices_with_years():
    offices = load().offices("actor:lloyd-austin")
    assert offices and offices[0]["from"] == 2021


# Towns the corpus names often, with the governorate they must resolve to (scored).
GOVERNORATES = {
    "Aleppo": "Aleppo", "Manbij": "Aleppo", "Kobani": "Aleppo", "Azaz": "Aleppo", "Al-Bab": "Aleppo",
    "Jarablus": "Aleppo", "Tal Rifaat": "Aleppo", "Afrin": "Aleppo", "Sheikh Maqsoud": "Aleppo",
    "Idlib": "Idlib", "Khan Sheikhoun": "Idlib", "Saraqib": "Idlib", "Maarat al-Numan": "Idlib",
    "Foua": "Idlib", "Kefraya": "Idlib", "Jisr al-Shughur": "Idlib", "Ariha": "Idlib",
    "Deir ez-Zor": "Deir ez-Zor", "Deir Ezzor": "Deir ez-Zor", "Mayadin": "Deir ez-Zor",
    "Albukamal": "Deir ez-Zor", "Abu Kamal": "Deir ez-Zor", "Hajin": "Deir ez-Zor",
    "Homs": "Homs", "Palmyra": "Homs", "Qusayr": "Homs", "Rastan": "Homs", "Al-Waer": "Homs",
    "Hama": "Hama", "Salamiyah": "Hama", "Morek": "Hama", "Latamneh": "Hama",
    "Raqqa": "Raqqa", "Tabqa": "Raqqa", "Tal Abyad": "Raqqa", "Ain Issa": "Raqqa",
    "Hasakah": "Hasakah", "Hasakeh": "Hasakah", "Qamishli": "Hasakah", "Ras al-Ain": "Hasakah", "Shaddadi": "Hasakah",
    "Daraa": "Daraa", "Deraa": "Daraa", "Busra al-Sham": "Daraa",
    "Quneitra": "Quneitra", "Latakia": "Latakia", "Lattakia": "Latakia", "Qardaha": "Latakia",
    "Tartus": "Tartus", "Baniyas": "Tartus", "Damascus": "Damascus", "Jobar": "Damascus",
    "Douma": "Rif Dimashq", "Eastern Ghouta": "Rif Dimashq", "Ghouta": "Rif Dimashq", "Harasta": "Rif Dimashq",
    "Zamalka": "Rif Dimashq", "Daraya": "Rif Dimashq", "Madaya": "Rif Dimashq", "Zabadani": "Rif Dimashq",
    "Yabroud": "Rif Dimashq", "Jayrud": "Rif Dimashq", "Qalamoun": "Rif Dimashq", "Sayyida Zeinab": "Rif Dimashq",
    "Kafr Batna": "Rif Dimashq", "Adra": "Rif Dimashq", "Suwayda": "Suwayda", "Sweida": "Suwayda",
}  # fmt: skip


@pytest.mark.parametrize("town", sorted(GOVERNORATES))
def test_syrian_towns_resolve_to_their_governorate(town):
    text = f"Syrian government forces shelled {town} on Tuesday, the Syrian Observatory said."
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place" and m.text == town]
    assert places, f"{town} not found"
    assert (places[0].country, places[0].admin1) == ("SYR", GOVERNORATES[town])


USER_DICT = """
[[actor]]
id = "liwa-al-testiyeen"
name = "Liwa al-Testiyeen"
type = "armed_group"
country = "SYR"
sector = "REB"
affiliation = "TUR"
aliases = ["Testiyeen Brigade"]

[[actor]]
id = "hezbollah"
name = "Hezbollah"
aliases = ["Hizb Allah al-Lubnani"]

[[place]]
id = "tell-testa"
name = "Tell Testa"
type = "city"
country = "SYR"
admin1 = "SY.09"
lat = 36.3
lon = 37.2
aliases = ["Tal Testa"]
"""


def test_user_dictionaries_add_and_override(isolated_home):
    d = paths.config_dir() / "dictionaries"
    d.mkdir(parents=True)
    (d / "mine.toml").write_text(USER_DICT, encoding="utf-8")
    g = load()
    new = g.get("actor:liwa-al-testiyeen")
    assert new.origin == str(d / "mine.toml") and new.affiliation == "TUR"
    h = g.get("actor:hezbollah")
    assert h.country == "LBN"  # kept from the builtin entry
    assert "Hizb Allah al-Lubnani" in h.aliases and "Hizbollah" in h.aliases
    ms = find_mentions("The Testiyeen Brigade and Hizb Allah al-Lubnani fought near Tal Testa.", g)
    got = {m.text: m.entity for m in ms}
    assert got["Testiyeen Brigade"].id == "actor:liwa-al-testiyeen"
    assert got["Hizb Allah al-Lubnani"].id == "actor:hezbollah"
    assert got["Tal Testa"].admin1 == "Aleppo"


BAD_ENTRIES = """
[[actor]]
name = "No Id Brigade"

[[actor]]
id = "aliases-not-a-list"
name = "Liwa Wrong"
aliases = "Wrong"

[[actor]]
id = "liwa-al-sahih"
name = "Liwa al-Sahih"
aliases = ["Sahih Brigade"]

[[place]]
name = "Nowhere Without Id"
lat = "north"

[[person]]
id = "someone"
name = "Abu Testa"
from = "last year"
"""


def test_a_broken_user_dictionary_is_skipped_and_said_and_the_others_still_load(
    isolated_home, caplog
):
    d = paths.config_dir() / "dictionaries"
    d.mkdir(parents=True)
    (d / "a-broken.toml").write_text('[[actor]\nid = "x"', encoding="utf-8")
    (d / "b-binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    (d / "c-entries.toml").write_text(BAD_ENTRIES, encoding="utf-8")
    (d / "d-good.toml").write_text(USER_DICT, encoding="utf-8")
    with caplog.at_level("WARNING", logger="briefing"):
        g = load()
    said = "\n".join(g.problems)
    assert "a-broken.toml skipped" in said and "b-binary.toml skipped" in said
    assert "actor 1 left out: no id" in said
    assert "actor 2 left out: aliases must be a list of text" in said
    assert "place 1 left out: no id or geonames" in said
    assert "person 1 left out: from must be a number" in said
    assert caplog.records, "the problems reach the log"
    # the good entries of the same file and the other files are in
    assert g.get("actor:liwa-al-sahih").name == "Liwa al-Sahih"
    assert g.get("actor:liwa-al-testiyeen") is not None
    assert g.get("actor:aliases-not-a-list") is None


def test_user_dictionaries_do_not_leak_into_the_builtin_gazetteer():
    # this test has its own BRIEFING_HOME without the file of the previous test
    g = load()
    assert g.get("actor:liwa-al-testiyeen") is None
    assert "Hizb Allah al-Lubnani" not in g.get("actor:hezbollah").aliases
