"""Places the gazetteer does not list (issue 21): villages, counties, local government
areas and camps announced by the words around them become places of their own, in the
division or country the sentence places them in. Each sentence was written for this file
(none is a row of a gold set)."""

from __future__ import annotations

import pytest

from briefing.extract import extract
from briefing.gazetteer import load
from briefing.model import Article, Location


def scene(text: str) -> list[Location]:
    """The locations of the text's first attack, primary first."""
    art = Article(id="u", title="", text=text, date="2024-03-12")
    evs = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert evs, text
    return evs[0].locations


def unlisted(locs: list[Location]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (x.name, x.admin1, x.country, x.precision)
        for x in locs
        if (x.id or "").startswith("place:unlisted:")
    ]


@pytest.mark.parametrize(
    "text, place, admin1, country",
    [
        (
            "Bandits killed six people in Gidan Kwano village in Maru Local Government Area "
            "of Zamfara State on Sunday.",
            "Gidan Kwano",
            "Zamfara",
            "NGA",
        ),
        (
            "Gunmen killed three farmers in Ungwan Mata community, Kajuru local government "
            "area of Kaduna State.",
            "Ungwan Mata",
            "Kaduna",
            "NGA",
        ),
        (
            "Insurgents attacked the village of Nakalilo in Macomia district, Cabo Delgado "
            "province, killing five people.",
            "Nakalilo",
            "Cabo Delgado",
            "MOZ",
        ),
        (
            "At least 14 civilians were killed in an attack on Dourgou, a village in the "
            "Mopti region, officials said.",
            "Dourgou",
            "Mopti",
            "MLI",
        ),
        (
            "Armed men killed nine people in Oromia's Gidami district on Friday.",
            "Gidami",
            "Oromia",
            "ETH",
        ),
    ],
)
def test_a_village_the_gazetteer_lacks_is_placed_in_its_division(text, place, admin1, country):
    locs = scene(text)
    assert (place, admin1, country, "admin1") in unlisted(locs), locs
    # the village comes before the division that places it, which stays on the event
    names = [x.name for x in locs]
    assert names.index(place) < names.index(admin1), names


def test_a_village_placed_only_by_its_country_has_country_precision():
    locs = scene(
        "Gunmen killed at least 20 villagers in Tinakoula, a locality in eastern Burkina Faso."
    )
    assert unlisted(locs) == [("Tinakoula", None, "BFA", "country")]
    assert locs[0].name == "Tinakoula"


def test_a_demonym_before_the_noun_gives_the_country():
    locs = scene("Jihadists killed 12 civilians in the Malian village of Tessit Kouma.")
    assert ("Tessit Kouma", None, "MLI", "country") in unlisted(locs)


def test_a_county_named_with_its_capitalised_noun():
    locs = scene(
        "Cattle raiders killed eight people in Panyijiar County of Unity State on Tuesday."
    )
    assert ("Panyijiar", "Unity", "SSD", "admin1") in unlisted(locs)


def test_the_one_division_a_story_names_places_the_village_of_the_state():
    locs = scene(
        "The Benue State Police Command said gunmen killed seven people in Tse Akaa "
        "village, in a local government area of the state."
    )
    assert ("Tse Akaa", "Benue", "NGA", "admin1") in unlisted(locs)


def test_a_known_town_in_the_division_named_is_that_town():
    # Jibia is a GeoNames town of Katsina: the local government area named after it is
    # that town, not a place of its own
    locs = scene(
        "Bandits killed four people in Jibia Local Government Area of Katsina State on Monday."
    )
    assert not unlisted(locs)
    assert locs[0].name == "Jibia" and locs[0].admin1 == "Katsina" and locs[0].precision == "city"


def test_a_foreign_town_of_the_same_name_is_not_taken_across_a_border():
    # Kwande is also Kouandé in Benin: the division named after it says Nigeria
    locs = scene(
        "Gunmen killed five people in Mbakyaa community in Kwande Local Government Area of "
        "Benue State."
    )
    assert {x.country for x in locs} == {"NGA"}, locs


@pytest.mark.parametrize(
    "text",
    [
        # a people, not a place
        "Gunmen attacked a Christian village in Plateau State, killing nine people.",
        "Herders attacked the Tiv community in Guma, Benue State, killing five.",
        # a headline's capitalised noun
        "Boko Haram Fighters Kill 12 In Attack On Borno Village",
        # a name nothing places: no country, no division, nothing to put on the map
        "Attackers killed ten people in the village of Keremu on Sunday.",
    ],
)
def test_no_place_is_made_of_what_the_words_do_not_announce_or_place(text):
    assert not unlisted(scene(text))


def test_the_gazetteer_gives_back_an_unlisted_place_by_its_id():
    g = load()
    e = g.get("place:unlisted:NG.24:tsayau")
    assert e is not None
    assert (e.kind, e.type, e.country, e.admin1, e.origin) == (
        "place", "city", "NGA", "Katsina", "unlisted"
    )  # fmt: skip
    assert e.lat is not None and e.lon is not None
    assert g.get("place:unlisted:BFA:kodyel").country == "BFA"  # type: ignore[union-attr]
    for bad in (
        "place:unlisted:",
        "place:unlisted:XX.99:a",
        "place:unlisted:NG.24:",
        "place:unlisted:a:b:c",
    ):
        assert g.get(bad) is None


@pytest.mark.parametrize(
    "text, admin1, country",
    [
        (
            "Gunmen killed four border guards near Saravan in Sistan-Baluchistan province.",
            "Sistan and Baluchestan",
            "IRN",
        ),
        ("Gunmen killed five people in Quetta, the capital of Baluchistan.", "Balochistan", "PAK"),
    ],
)
def test_iran_s_province_is_not_pakistan_s(text, admin1, country):
    loc = scene(text)[0]
    assert (loc.admin1, loc.country) == (admin1, country)
