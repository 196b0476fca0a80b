"""Sides named away from the trigger (issue 21): past the words that count or describe a
group's men, in a clause of their own after "when", and the dead's own side kept apart.
Each sentence was written for this file (none is a row of a gold set)."""

from __future__ import annotations

import pytest

from briefing.extract import extract
from briefing.model import Article, Event


def attack(text: str) -> Event:
    art = Article(id="s", title="", text=text, date="2024-03-12")
    evs = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert evs, text
    return max(evs, key=lambda e: e.killed or 0)


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "Nine soldiers were killed in an attack by suspected members of the Islamic "
            "State West Africa Province on a base in Monguno.",
            "actor:iswap",
        ),
        (
            "Eleven marines were killed in a firefight with more than 80 heavily armed Abu "
            "Sayyaf members in Patikul.",
            "actor:abu-sayyaf",
        ),
        (
            "About 15 soldiers were killed when the Arakan Army staged attacks on two army "
            "outposts near Kyauktaw.",
            "actor:arakan-army",
        ),
        (
            "Three jawans were killed when Maoists on Friday set off a landmine in Sukma district.",
            "actor:cpi-maoist",
        ),
        (
            "Two soldiers were killed and two injured in an encounter with militants in "
            "Kishtwar district.",
            "actor:militants",
        ),
    ],
)
def test_the_side_named_away_from_the_trigger_acted(text, actor):
    ev = attack(text)
    assert actor in {p.id for p in ev.actors}, (text, ev.actors)


def test_the_dead_s_own_side_launching_an_assault_did_not_kill_them():
    ev = attack(
        "At least 25 rebel fighters were killed when rebels launched a failed assault on the road."
    )
    assert not ev.actors, ev.actors


def test_a_speaker_after_the_count_is_no_fighter_among_the_dead():
    ev = attack(
        "Air strikes hit the port city of Hodeidah on Tuesday night, killing at least four "
        "people and wounding 10 others, the Houthi rebels said."
    )
    assert [(p.id, p.inferred) for p in ev.targets] == [("actor:civilians", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kill 6, burn homes in Plateau village",
        "Car bomb kills eight in Mogadishu",
        "21 killed, 9 abducted in bandit attacks in Zamfara",
        "Militants kill at least 11 in eastern Congo attack",
    ],
)
def test_a_bare_count_of_a_one_sided_attack_counts_people(text):
    ev = attack(text)
    assert [(p.id, p.inferred) for p in ev.targets] == [("actor:civilians", True)], text


def test_a_bare_count_killed_by_a_state_s_forces_counts_no_one():
    ev = attack("Army kills 25 in raid on Sambisa hideouts")
    assert "actor:civilians" not in {p.id for p in ev.targets}


def test_the_lede_s_people_name_the_headline_s_bare_count():
    ev = attack(
        "Gunmen kill 9 in Celaya bar attack\n\nGunmen burst into a bar in Celaya on Saturday "
        "and killed nine people, officials said."
    )
    assert [(p.id, p.text) for p in ev.targets] == [("actor:civilians", "people")]


def test_a_clause_after_the_dead_lists_none_of_them():
    ev = attack("Two people were killed and three injured by Ukrainian shelling in Belgorod.")
    assert "actor:civilians" in {p.id for p in ev.targets}


@pytest.mark.parametrize(
    "text, country",
    [
        ("Militants kill at least 11 in eastern Congo attack", "COD"),
        ("Gunmen kill 5 in Nigerian village attack", "NGA"),
    ],
)
def test_the_country_of_an_attack_s_land_is_where_not_who(text, country):
    ev = attack(text)
    assert country not in {p.country for p in ev.actors if p.type == "state"}, ev.actors


def test_a_titled_victim_counts_one():
    ev = attack("Bandits killed the village head of Dangoma in Katsina State on Friday.")
    assert ev.killed == 1
    ev = attack("Troops killed the insurgents in their hideouts near Bama.")
    assert ev.killed is None  # (plural: no count)


@pytest.mark.parametrize(
    "text, country",
    [
        ("At least 30 inmates were killed in a riot at a Honduran prison.", "HND"),
        ("Brazilian police killed eight suspects in a raid on Tuesday.", "BRA"),
    ],
)
def test_a_country_told_only_by_a_demonym_or_its_police_places_the_event(text, country):
    ev = attack(text)
    assert ev.locations and ev.locations[0].country == country, ev.locations


def test_security_officials_are_the_state_s_forces():
    ev = attack("Gunmen killed 12 security officials in Zamfara.")
    assert any(p.sector == "MIL" or p.id == "actor:government-forces" for p in ev.targets), (
        ev.targets
    )


def test_where_a_state_s_forces_were_hit_is_their_country():
    ev = attack("Boko Haram fighters killed 14 Chadian soldiers in an ambush.")
    assert [loc.country for loc in ev.locations][:1] == ["TCD"], ev.locations


def test_gunmen_bursting_in_killed_the_dead():
    ev = attack("Nine people were killed when gunmen burst into a bar in Celaya.")
    assert "actor:militants" in {p.id for p in ev.actors}, ev.actors


def test_a_bearing_before_the_country_of_an_attack_keeps_it_where():
    ev = attack("ELN rebels kill 3 soldiers in southwest Colombia attack")
    assert "actor:eln" in {p.id for p in ev.actors}, ev.actors


def test_a_demonym_before_a_qualified_group_gives_the_group_its_country():
    ev = attack("Eight villagers killed by Cameroonian English-speaking separatists")
    assert "actor:state:CMR" not in {p.id for p in ev.actors}, ev.actors
    assert {p.country for p in ev.actors} == {"CMR"}, ev.actors


@pytest.mark.parametrize(
    "text",
    [
        "Bandits killed the village head of Tunga in Sokoto State.",
        "Naxalites killed a villager in Kanker district.",
        "Gunmen killed a farmer on his farm in Benue State.",
    ],
)
def test_a_villager_killed_is_a_civilian(text):
    ev = attack(text)
    assert [(p.id, p.inferred) for p in ev.targets] == [("actor:civilians", True)], ev.targets
    assert ev.killed == 1
