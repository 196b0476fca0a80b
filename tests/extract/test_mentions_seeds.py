"""The five seed articles: the actors and places an analyst expects to see.

Production text has its boilerplate cut by the ingest module; here the obvious page
furniture (newsletter blurbs, "More Must-Reads", share buttons) is cut by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract.mentions import find_mentions

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CUT_AT = ("NOW WATCH", "More Must-Reads", "Please Share", "Check Also", "\n, , ,")
DROP_LINES = ("Print Friendly",)


def _clean(text: str) -> str:
    for marker in CUT_AT:
        if marker in text:
            text = text[: text.index(marker)]
    return "\n".join(line for line in text.splitlines() if not line.startswith(DROP_LINES))


@pytest.fixture(scope="module")
def seed_mentions():
    out = {}
    for p in sorted(SEEDS.glob("*.txt")):
        text = _clean(p.read_text(encoding="utf-8"))
        out[p.name] = (text, find_mentions(text))
    return out


def _all(seed_mentions):
    return [m for _text, ms in seed_mentions.values() for m in ms]


ACTORS = {
    "actor:state:SYR": "Syria",
    "actor:state:IRQ": "Iraq",
    "actor:state:IRN": "Iran",
    "actor:state:RUS": "Russia",
    "actor:state:USA": "United States",
    "actor:state:ISR": "Israel",
    "actor:state:SAU": "Saudi Arabia",
    "actor:state:TUR": "Turkey",
    "actor:islamic-state": "Islamic State",
    "actor:kataib-hezbollah": "Kataib Hezbollah",
    "actor:kataib-sayyid-al-shuhada": "Kataib Sayyid al-Shuhada",
    "actor:pmf": "Popular Mobilization Forces",
    "actor:bashar-al-assad": "Bashar al-Assad",
    "actor:barack-obama": "Barack Obama",
    "actor:joe-biden": "Joe Biden",
    "actor:donald-trump": "Donald Trump",
    "actor:vladimir-putin": "Vladimir Putin",
    "actor:sergei-lavrov": "Sergei Lavrov",
    "actor:haider-al-abadi": "Haider al-Abadi",
    "actor:mustafa-al-kadhimi": "Mustafa al-Kadhimi",
    "actor:qassem-soleimani": "Qassem Soleimani",
    "actor:lloyd-austin": "Lloyd Austin",
    "actor:john-kirby": "John Kirby",
    "actor:kenneth-mckenzie": "Kenneth McKenzie",
    "actor:john-kerry": "John Kerry",
    "actor:ban-ki-moon": "Ban Ki-moon",
}


@pytest.mark.parametrize("eid", sorted(ACTORS))
def test_seed_actor_found(seed_mentions, eid):
    found = [m for m in _all(seed_mentions) if m.entity.id == eid]
    assert found, f"{ACTORS[eid]} ({eid}) not found in the seeds"
    assert found[0].entity.name == ACTORS[eid] or eid.startswith("actor:state:")


# place name -> (country, admin1 or None); the entity's name must contain the key
PLACES = {
    "Anbar": ("IRQ", "Anbar"),
    "Raqqa": ("SYR", "Raqqa"),
    "Hasakah": ("SYR", "Hasakah"),
    "Erbil": ("IRQ", "Erbil"),
    "Baghdad": ("IRQ", "Baghdad"),
    "Balad": ("IRQ", "Salah ad Din"),
    "Kirkuk": ("IRQ", "Kirkuk"),
    "Abu Kamal": ("SYR", "Deir ez-Zor"),
    "Al Qa'im": ("IRQ", "Anbar"),
    "Al-Tanf": ("SYR", "Homs"),
    "New York": ("USA", None),
    "Vienna": ("AUT", None),
}


@pytest.mark.parametrize("name", sorted(PLACES))
def test_seed_place_found_with_country_and_coordinates(seed_mentions, name):
    country, admin1 = PLACES[name]
    found = [
        m.entity
        for m in _all(seed_mentions)
        if m.entity.kind == "place" and name.lower() in m.entity.name.lower()
    ]
    assert found, f"place {name} not found"
    e = found[0]
    assert e.country == country
    if admin1:
        assert e.admin1 == admin1
    assert e.lat is not None and e.lon is not None


@pytest.mark.parametrize("name", ["Austin", "Kirby", "Salman", "Obama"])
def test_people_are_never_places(seed_mentions, name):
    bad = [m for m in _all(seed_mentions) if m.entity.kind == "place" and name in m.text]
    assert not bad


def test_islamic_state_from_every_spelling(seed_mentions):
    texts = {m.text for m in _all(seed_mentions) if m.entity.id == "actor:islamic-state"}
    assert {"ISIS", "Islamic State", "IS"} <= texts


def test_kataib_sayyid_al_shuhada_from_both_spellings(seed_mentions):
    texts = {m.text for m in _all(seed_mentions) if m.entity.id == "actor:kataib-sayyid-al-shuhada"}
    assert {"Kataib Sayyid al-Shuhada", "Kataib Sayyid al-Shushada"} <= texts


def test_seed_role_words(seed_mentions):
    text, ms = seed_mentions["000_67da3c83b9655e1c.txt"]
    warplanes = [m for m in ms if m.text == "Syrian warplanes"]
    assert (
        warplanes and warplanes[0].entity.id == "actor:state:SYR" and warplanes[0].sector == "MIL"
    )
    text, ms = seed_mentions["004_4fad9717a6f5e81a.txt"]
    militias = [m for m in ms if m.text == "Iran-backed militias"]
    assert militias and militias[0].entity.affiliation == "IRN"
    assert any(m.text == "Sallyport" and m.entity.id.startswith("actor:unresolved:") for m in ms)


def test_seed_spans_point_into_the_text(seed_mentions):
    for text, ms in seed_mentions.values():
        for m in ms:
            assert text[m.start : m.end] == m.text
