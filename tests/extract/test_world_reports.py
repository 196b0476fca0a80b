"""Reports from conflicts beyond Syria and Iraq (issue 21, class 9): the world actor
dictionary, demonyms of every state, generic agents that keep the country the sentence
gives them, and ambiguous names read from the article's other places. Each sentence was
written for this file (none is a row of a gold set)."""

from __future__ import annotations

import pytest

from briefing.extract import extract, find_mentions
from briefing.model import Article, Event


def assaults(text: str, date: str = "2024-03-12") -> list[Event]:
    art = Article(id="w", title=text.split(".")[0], text=text, date=date)
    return [e for e in extract(art).events if e.type in ("ASSAULT", "COERCE")]


def parties(evs: list[Event]) -> dict[str, str | None]:
    return {p.id: p.country for e in evs for p in e.actors + e.targets}


@pytest.mark.parametrize(
    "text, actor_id, country",
    [
        (
            "Al-Shabaab militants stormed a hotel in Kismayo, killing nine people.",
            "actor:al-shabaab",
            "SOM",
        ),
        (
            "Boko Haram fighters burned a village in Borno state on Sunday.",
            "actor:boko-haram",
            "NGA",
        ),
        ("Suspected JNIM jihadists ambushed a convoy near Djibo.", "actor:jnim", "MLI"),
        ("M23 rebels seized the town of Rubaya in North Kivu.", "actor:m23", "COD"),
        ("The RSF shelled a market in Omdurman, killing 15 people.", "actor:rsf-sudan", "SDN"),
        ("ELN guerrillas attacked an army post in Arauca.", "actor:eln", "COL"),
        ("Pakistani Taliban militants attacked a checkpoint in Bannu.", "actor:ttp", "PAK"),
        ("ISKP claimed a suicide bombing at a mosque in Kunduz.", "actor:iskp", "AFG"),
        ("Fano militiamen clashed with federal troops near Gondar.", "actor:fano", "ETH"),
        ("The Arakan Army captured the town of Paletwa in Chin state.", "actor:arakan-army", "MMR"),
        ("Maoist rebels killed two policemen in Bijapur district.", "actor:cpi-maoist", "IND"),
        ("ISWAP fighters overran a base in Marte, killing 10 soldiers.", "actor:iswap", "NGA"),
        ("Gunmen from the CJNG killed 11 people at a bar in Celaya.", "actor:cjng", "MEX"),
    ],
)
def test_armed_groups_of_the_world_are_named_with_their_country(text, actor_id, country):
    evs = assaults(text)
    got = {p.id: p.country for e in evs for p in e.actors}
    assert got.get(actor_id) == country, (text, got)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Militants killed 12 Somali soldiers in an ambush near Afgoye.", "SOM"),
        ("Jihadists killed 20 Burkinabe soldiers near Djibo.", "BFA"),
        ("Gunmen attacked Nigerian troops in Maiduguri, killing four.", "NGA"),
        ("Rebels ambushed Malian soldiers near Gao.", "MLI"),
        ("Fighters clashed with Ethiopian troops in Amhara region.", "ETH"),
        ("Insurgents attacked Mozambican forces in Cabo Delgado.", "MOZ"),
        ("Militants killed three Kenyan police officers in Lamu.", "KEN"),
    ],
)
def test_state_forces_of_every_country_keep_their_country_as_target(text, country):
    evs = assaults(text)
    assert country in {p.country for e in evs for p in e.targets}, text


@pytest.mark.parametrize(
    "text, country",
    [
        ("Colombian troops killed five rebels in Cauca.", "COL"),
        ("Chadian soldiers repelled an attack near Lake Chad.", "TCD"),
        ("Congolese troops shelled rebel positions in North Kivu.", "COD"),
        ("The army clashed with protesters in Khartoum.", "SDN"),  # the place gives the army
    ],
)
def test_state_forces_of_every_country_keep_their_country_as_actor(text, country):
    evs = assaults(text)
    assert country in {p.country for e in evs for p in e.actors}, text


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Bandits abducted 30 villagers in Zamfara state.", "actor:bandits"),
        ("Gangs killed 20 people in Port-au-Prince.", "actor:gangs"),
        ("Separatists attacked a school in Bamenda.", "actor:rebels"),
    ],
)
def test_bandits_gangs_and_separatists_are_actors_not_nothing(text, actor_id):
    evs = assaults(text)
    assert actor_id in {p.id for e in evs for p in e.actors}, text


@pytest.mark.parametrize(
    "text, country",
    [
        (
            "Clashes between rival militias in Tripoli killed 12 people, the Libyan health ministry said.",
            "LBY",
        ),
        ("Israeli strikes hit Tripoli in northern Lebanon, killing two people.", "LBN"),
    ],
)
def test_an_ambiguous_place_is_read_from_the_articles_other_names(text, country):
    evs = assaults(text)
    tripoli = [loc for e in evs for loc in e.locations if loc.name == "Tripoli"]
    assert tripoli and tripoli[0].country == country, text


def test_hyphenated_place_names_with_lower_case_words_are_places():
    (ev,) = assaults("Gangs killed 20 people in Port-au-Prince.")
    assert [loc.name for loc in ev.locations] == ["Port-au-Prince"]


def test_a_toll_participle_shares_the_subject_its_clause_opens_with():
    evs = assaults("ISWAP fighters overran a base in Marte, killing 10 soldiers.")
    toll = [e for e in evs if e.killed == 10]
    assert toll and [p.id for p in toll[0].actors] == ["actor:iswap"]
    # never the object: the jets struck the rebels
    (ev,) = assaults("Russian jets bombed rebels in Idlib, killing 12.")
    assert [p.country for p in ev.actors] == ["RUS"]


@pytest.mark.parametrize(
    "text, country, sector",
    [
        ("Soldiers shot dead three protesters in Nairobi.", "KEN", "MIL"),
        ("Police opened fire on demonstrators in Dhaka, killing 20.", "BGD", "COP"),
        ("Government troops shelled rebel positions near Kidal in northern Mali.", "MLI", "MIL"),
        ("Pro-government militias killed 15 villagers in Darfur, Sudan.", "SDN", "MIL"),
    ],
)
def test_forces_named_by_a_common_noun_are_the_forces_of_the_story_country(text, country, sector):
    """'soldiers', 'police', 'government troops' name no country: they are the forces of
    the country the story is about, never Syria's by default."""
    evs = assaults(text)
    got = {(p.country, p.sector) for e in evs for p in e.actors}
    assert (country, sector) in got, (text, got)
    assert "SYR" not in {c for c, _ in got}


@pytest.mark.parametrize(
    "text, country",
    [
        ("Al-Qaeda fighters attacked a checkpoint in Abyan, Yemen, killing five soldiers.", "YEM"),
        ("The Southern Transitional Council clashed with government troops in Aden.", "YEM"),
    ],
)
def test_soldiers_attacked_are_the_story_country_target(text, country):
    evs = assaults(text)
    assert country in {p.country for e in evs for p in e.targets}, text


def test_who_puts_the_toll_at_a_figure_counted_the_dead_and_killed_none():
    (ev,) = assaults(
        "A car bomb exploded at a market in Mogadishu. Police put the death toll at 12."
    )
    assert ev.killed == 12 and ev.actors == []
    (ev,) = assaults(
        "A suicide bomber blew himself up in Hasakah, Syria. Kurdish police put the toll at 16."
    )
    assert not [p for p in ev.actors if p.type == "state"] and ev.killed == 16


@pytest.mark.parametrize(
    "text, killed, wounded",
    [
        ("Gunmen killed eight soldiers and three policemen in Zamfara.", 11, None),
        ("Gunmen killed eight soldiers, three policemen and two civilians in Zamfara.", 13, None),
        (
            "At least 30 people, including 18 soldiers and 12 militants, were killed in Borno.",
            30,
            None,
        ),
        ("A suicide bomber killed 30 people injured 90 at a wedding in Kabul.", 30, 90),
        ("Jihadists killed 12 people and wounded 20 others near Djibo.", 12, 20),
        ("The attack killed 20 people, 12 of them children, in Mogadishu.", 20, None),
        ("The toll from the shelling of Kharkiv has risen to 13 and 106 injured.", 13, 106),
    ],
)
def test_a_toll_sums_its_list_of_dead_and_keeps_the_total_over_its_parts(text, killed, wounded):
    evs = [e for e in assaults(text) if e.killed is not None]
    assert [(e.killed, e.wounded) for e in evs][:1] == [(killed, wounded)], text


@pytest.mark.parametrize(
    "text, actor_id, target_id",
    [
        # who pushes to take a place back fights whom it is taken from
        ("Iraqi troops push to retake Tikrit from rebels.", "actor:state:IRQ", "actor:rebels"),
        (
            "Government forces pressed an offensive to retake Wad Madani from the RSF in Sudan.",
            "actor:state:SDN",
            "actor:rsf-sudan",
        ),
        # tribesmen are a party of their own
        (
            "Tribesmen advancing towards Fallujah clashed with Islamic State militants.",
            "actor:tribal-fighters",
            "actor:islamic-state",
        ),
    ],
)
def test_ground_combat_names_both_parties(text, actor_id, target_id):
    evs = assaults(text)
    assert any(
        actor_id in {p.id for p in e.actors} and target_id in {p.id for p in e.targets} for e in evs
    ), text


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Dozens killed as al-Shabaab storms army base in Lower Shabelle.", "actor:al-shabaab"),
        ("Hundreds dead as Islamic State seizes Syrian air base.", "actor:islamic-state"),
        ("Twelve people died when M23 rebels attacked Sake.", "actor:m23"),
    ],
)
def test_the_dead_fell_to_whoever_stormed_or_seized_as_they_died(text, actor_id):
    evs = assaults(text)
    assert actor_id in {p.id for e in evs if e.type == "ASSAULT" for p in e.actors}, text
    assert actor_id not in {p.id for e in evs if e.type == "ASSAULT" for p in e.targets}, text


def test_both_sides_of_clashes_between_are_actors_even_before_a_toll_verb():
    (ev,) = assaults("Clashes between the army and the RSF killed 30 people in El Fasher.")
    assert {p.id for p in ev.actors} == {"actor:state:SDN", "actor:rsf-sudan"}
    assert ev.killed == 30


# --- armies' statements: "eliminated", "neutralised" ---------------------------------------


@pytest.mark.parametrize(
    "text, killed, target_id",
    [
        (
            "Troops eliminated 30 terrorists in Borno state on Monday, the army said.",
            30,
            "actor:terrorists",
        ),
        (
            "The army neutralised 12 Boko Haram fighters near Bama, a spokesman said.",
            12,
            "actor:boko-haram",
        ),
    ],
)
def test_an_army_that_eliminated_fighters_killed_them(text, killed, target_id):
    (ev,) = [e for e in assaults(text) if e.killed]
    assert ev.killed == killed
    assert target_id in {t.id for t in ev.targets}
    assert {a.country for a in ev.actors} == {"NGA"}


@pytest.mark.parametrize(
    "text",
    [
        "Engineers neutralised an explosive device found near the stadium in Kano on Monday.",
        "The minister said the plan would eliminate the threat to shipping in the Red Sea.",
    ],
)
def test_eliminating_a_thing_kills_no_one(text):
    assert not [e for e in assaults(text) if e.killed]
    assert not [e for e in assaults(text) if "eliminat" in e.trigger or "neutrali" in e.trigger]


@pytest.mark.parametrize(
    "text",
    [
        "The army killed 12 Daesh militants (a terrorist group banned in Russia) near Palmyra.",
        "Troops killed 20 Hayat Tahrir al-Sham fighters (outlawed in Russia) in Idlib province.",
    ],
)
def test_a_group_s_aside_names_no_party_and_no_place(text):
    evs = [e for e in assaults(text) if e.killed]
    assert evs
    assert not [p for e in evs for p in e.actors + e.targets if p.country == "RUS"]
    assert not [loc for e in evs for loc in e.locations if loc.country == "RUS"]


@pytest.mark.parametrize(
    "text, group, country",
    [
        ("Haitian gangs killed 17 people near Port-au-Prince on Sunday.", "actor:gangs", "HTI"),
        ("Nigerian bandits killed 30 villagers in Zamfara state.", "actor:bandits", "NGA"),
        ("Mexican cartel gunmen killed 11 people at a bar in Guanajuato.", "actor:gangs", "MEX"),
    ],
)
def test_a_demonym_before_a_group_gives_its_country_and_the_state_did_nothing(text, group, country):
    (ev,) = [e for e in assaults(text) if e.killed]
    assert [(a.id, a.country) for a in ev.actors] == [(group, country)]


@pytest.mark.parametrize(
    "text",
    [
        "Maoist rebels killed 22 security personnel in Chhattisgarh's Bijapur district.",
        "Maoists killed five policemen in Bijapur, Chhattisgarh, on Monday.",
    ],
)
def test_a_division_named_beside_a_town_picks_the_town_of_that_division(text):
    (ev,) = [e for e in assaults(text) if e.killed]
    assert ev.locations[0].admin1 == "Chhattisgarh"


@pytest.mark.parametrize(
    "text, country",
    [
        ("ADF rebels killed 40 villagers in eastern Congo on Sunday.", "COD"),
        ("Gunmen killed three people in Congo on Sunday.", "COD"),
        ("Clashes in the Pool region of Congo near Brazzaville killed four people.", "COG"),
    ],
)
def test_congo_is_the_one_the_article_s_other_names_are_in(text, country):
    (ev,) = [e for e in assaults(text) if e.killed]
    assert {loc.country for loc in ev.locations} == {country}


def test_a_capital_s_district_is_a_place_in_the_capital():
    (ev,) = assaults("Haftar's forces shelled Tripoli's Abu Salim district, killing 4 civilians.")
    assert [loc.name for loc in ev.locations] == ["Tripoli"]
    assert "LBY" not in {t.country for t in ev.targets if t.type == "state"}


def test_a_close_spelling_of_a_place_in_another_country_is_no_match():
    (ev,) = assaults("New People's Army rebels killed two soldiers in Northern Samar on Monday.")
    assert all(loc.country in (None, "PHL") for loc in ev.locations)


def test_gunmen_suspected_to_be_members_of_a_group_acted():
    (ev,) = assaults("Gunmen suspected to be IPOB members killed 4 police officers in Imo state.")
    assert ev.modality == "asserted"
    assert [a.id for a in ev.actors] == ["actor:ipob"]


@pytest.mark.parametrize(
    "text, target",
    [
        (
            "SPLA-IO fighters clashed with the South Sudanese army in Upper Nile, leaving 14 dead.",
            "SSD",
        ),
        ("Two UN peacekeepers were killed when their vehicle struck a mine near Kidal.", None),
    ],
)
def test_targets_keep_their_own_country(text, target):
    (ev,) = [e for e in assaults(text) if e.killed]
    assert [t.country for t in ev.targets] == [target]
    assert "actor:undof" not in {t.id for t in ev.targets}


def test_a_town_announced_by_in_or_near_is_a_place_in_a_report_naming_no_country():
    (ev,) = assaults("Rebels attacked the town of Kiwanja near Rutshuru, killing 8 people.")
    # (Kiwanja, which GeoNames lacks, is a place of its own near the town that places it)
    assert [(loc.name, loc.country) for loc in ev.locations] == [
        ("Rutshuru", "COD"),
        ("Kiwanja", "COD"),
    ]


def test_a_foreign_homonym_stays_out_of_a_report_about_another_country():
    evs = assaults("Syrian jets bombed al-Jadida near Raqqa, killing 5 people, a monitor said.")
    assert all(loc.country == "SYR" for e in evs for loc in e.locations)


def test_fighting_told_before_the_news_was_fought_by_its_subject():
    text = "M23 rebels seized the town of Bunagana in North Kivu after heavy fighting with Congolese troops."
    art = Article(id="t", title="", text=text, date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert [p.id for p in ev.actors] == ["actor:m23"] and "COD" in {p.country for p in ev.targets}


def test_clashes_people_fled_after_are_still_clashes():
    art = Article(
        id="t",
        title="",
        text="Civilians fled the town after fierce clashes between insurgents and the army in Cabo Delgado.",
        date="2024-03-12",
    )
    assert [e for e in extract(art).events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "ELN guerrillas attacked a police station in Arauca, Colombia, killing two officers.",
        "Armed gangs killed 20 people in the Cite Soleil neighbourhood of Port-au-Prince, Haiti.",
    ],
)
def test_an_armed_groups_attack_that_names_no_weapon_is_a_fight_with_small_arms(text):
    art = Article(id="t", title="", text=text, date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert ev.mode == "firearms"


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "Two Israeli soldiers were killed in southern Lebanon by a Hezbollah anti-tank "
            "missile, the army said.",
            "actor:hezbollah",
        ),
        (
            "Three soldiers were killed on Sunday by al-Shabaab fighters in Lower Shabelle.",
            "actor:al-shabaab",
        ),
    ],
)
def test_a_passives_by_phrase_past_its_place_and_day_names_the_actor(text, actor):
    art = Article(id="t", title="", text=text, date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert [p.id for p in ev.actors] == [actor]


def test_a_word_of_a_name_is_no_trigger():
    art = Article(
        id="t",
        title="",
        text="The Rapid Support Forces shelled El Fasher on Sunday.",
        date="2024-03-12",
    )
    assert [e.type for e in extract(art).events] == ["ASSAULT"]


@pytest.mark.parametrize(
    "headline, place",
    [
        ("Car Bomb Kills 8 In Mogadishu", "SOM"),
        ("Russian Attack On Kharkiv Kills Two, Injures 30", "UKR"),
        ("Al-Shabaab Claims Attack On Kenyan Army Base In Lamu", "KEN"),
    ],
)
def test_a_title_case_headline_keeps_its_town(headline, place):
    art = Article(id="t", title=headline, text=headline + ".", date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert ev.locations and ev.locations[0].country == place
    assert ev.locations[0].precision in ("city", "point")


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Israeli troops killed three Palestinians in a West Bank raid.", "firearms"),
        ("Iraqi soldiers killed 5 militants in a raid near Mosul.", "firearms"),
        ("Coalition raids killed 8 in Raqqa.", "aerial"),
    ],
)
def test_troops_raid_on_the_ground(text, mode):
    art = Article(id="t", title="", text=text, date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert ev.mode == mode


def test_the_dead_of_clashes_are_their_victims_not_their_actors():
    art = Article(
        id="t", title="", text="Rebels were killed in clashes near Goma.", date="2024-03-12"
    )
    (ev,) = [e for e in extract(art).events if e.type == "ASSAULT"]
    assert not ev.actors and [p.id for p in ev.targets] == ["actor:rebels"]


def _one_assault(text: str, types: tuple[str, ...] = ("ASSAULT", "COERCE")) -> Event:
    art = Article(id="t", title="", text=text, date="2024-03-12")
    (ev,) = [e for e in extract(art).events if e.type in types]
    return ev


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Security forces killed five separatists in a raid in Turbat.", "firearms"),
        ("Police killed two robbers in a raid in Lagos.", "firearms"),
    ],
)
def test_police_and_security_forces_raid_on_the_ground(text, mode):
    assert _one_assault(text).mode == mode


@pytest.mark.parametrize(
    "text, place, country",
    [
        ("Mozambican troops recaptured Mocimboa da Praia from insurgents.", "Mocímboa da Praia", "MOZ"),
        ("Gunmen killed 4 police officers in an ambush in Aguililla, Michoacan.", "Aguililla", "MEX"),
        ("Gunmen killed 23 villagers in Zamfara state's Maru district.", "Maru", "NGA"),
    ],
)  # fmt: skip
def test_small_towns_and_names_with_particles_of_every_country_are_places(text, place, country):
    ev = _one_assault(text)
    assert (ev.locations[0].name, ev.locations[0].country) == (place, country)
    assert all(loc.country == country for loc in ev.locations)


def test_a_small_town_is_no_place_where_the_words_name_no_place():
    # Fallon is a town of Nevada (8,000 people); here it is a surname in a story that
    # names the United States
    text = "US jets struck Raqqa on Monday. Fallon said the strikes would go on."
    assert "Fallon" not in {m.text for m in find_mentions(text) if m.entity.kind == "place"}


def test_a_division_named_after_a_foreign_town_is_no_place_in_that_country():
    ev = _one_assault("Unidentified gunmen killed a village chief in Kongoussi, Bam province.")
    assert [loc.country for loc in ev.locations] == ["BFA"]


@pytest.mark.parametrize(
    "text, actors",
    [
        ("RSF and SAF fighters clashed in El Obeid.", {"actor:rsf-sudan", "actor:saf"}),
        ("The RSF and the army clashed in El Obeid.", {"actor:rsf-sudan", "actor:state:SDN"}),
        ("Hamas and Fatah fighters clashed in Gaza.", {"actor:hamas", "actor:phoenix-al-fatah"}),
    ],
)
def test_sides_that_clashed_are_both_actors(text, actors):
    ev = _one_assault(text)
    assert {p.id for p in ev.actors} == actors and not ev.targets


@pytest.mark.parametrize(
    "note", ["Casualties unknown.", "Fatalities unknown.", "No casualties were reported."]
)
def test_a_note_on_casualties_with_no_count_is_no_second_attack(note):
    text = f"Al-Shabaab militants ambushed a convoy near Bardale. {note}"
    art = Article(id="t", title="", text=text, date="2024-03-12")
    assert len([e for e in extract(art).events if e.type == "ASSAULT"]) == 1


def test_a_grenade_attack_is_explosives():
    ev = _one_assault("Assailants threw a grenade at a bar in Bujumbura, wounding 14.")
    assert ev.mode == "explosives" and ev.wounded == 14


@pytest.mark.parametrize(
    "text",
    [
        "Police seized grenades and rifles in Nairobi.",
        "Troops defused a roadside bomb near Kismayo.",
        "Soldiers found an IED on the road to Gao.",
    ],
)
def test_weapons_found_or_defused_are_no_attack(text):
    art = Article(id="t", title="", text=text, date="2024-03-12")
    assert not [e for e in extract(art).events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Ambazonian separatists killed a gendarme in Bamenda.",
        "Gunmen shot and killed a village chief in Kongoussi.",
        "Bandits killed a farmer near Gusau.",
    ],
)
def test_one_person_killed_is_a_toll_of_one(text):
    assert _one_assault(text).killed == 1


@pytest.mark.parametrize(
    "text, country",
    [
        ("Mali army says it killed 40 jihadists near Burkina border.", "MLI"),
        ("Burkina Faso soldiers killed in ambush near Niger border.", "BFA"),
        ("Niger says 17 soldiers killed in jihadist attack near Mali border.", "NER"),
    ],
)
def test_a_country_across_the_border_is_not_where_it_happened(text, country):
    assert [loc.country for loc in _one_assault(text).locations] == [country]


def test_a_border_between_two_countries_named_together_stays_a_place():
    ev = _one_assault("Clashes on the Iraq-Syria border killed 5.")
    assert ev.locations and ev.locations[0].name == "Iraq-Syria border"


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Haiti gangs kill 20 in Port-au-Prince.", "actor:gangs"),
        ("Haiti gang violence kills 20 in Port-au-Prince.", "actor:gangs"),
        ("Nigerian bandits kill 30 in Zamfara.", "actor:bandits"),
    ],
)
def test_a_country_s_gangs_are_not_the_state(text, actor_id):
    ev = _one_assault(text)
    assert [(p.id, p.country) for p in ev.actors] == [(actor_id, ev.locations[0].country)]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Azerbaijan launched a military operation in Nagorno-Karabakh, killing 27.", "Nagorno-Karabakh"),
        ("Shelling hit Stepanakert on Tuesday, killing two.", "Stepanakert"),
        ("A bomb killed 54 at a rally in Bajaur.", "Bajaur"),
        ("Gangs killed 20 in Cite Soleil.", "Cité Soleil"),
    ],
)  # fmt: skip
def test_conflict_places_geonames_lacks_are_places(text, place):
    assert _one_assault(text).locations[0].name == place


@pytest.mark.parametrize(
    "text, place",
    [
        ("Al-Shabab extremists attacked a hotel in Somalia's capital, killing nine.", "Mogadishu"),
        ("Al-Shabab extremists attacked a hotel in the Somali capital, killing nine.", "Mogadishu"),
        ("Clashes erupted in the Libyan capital on Monday, killing 3.", "Tripoli"),
        ("Fighting in Sudan's capital Khartoum killed 25.", "Khartoum"),
        ("An Israeli strike on a school in Gaza City killed at least 22 people.", "Gaza City"),
        ("A suicide bomber killed 54 people at a rally in northwest Pakistan.", "Pakistan"),
    ],
)
def test_a_country_s_capital_is_its_capital_town(text, place):
    assert _one_assault(text).locations[0].name == place


@pytest.mark.parametrize(
    "text, actor_id, country",
    [
        ("Colombia's ELN rebels killed two soldiers in Arauca.", "actor:eln", "COL"),
        ("Nigeria's Boko Haram killed 12 in Borno.", "actor:boko-haram", "NGA"),
        ("Syria's rebels shelled Aleppo.", "actor:rebels", "SYR"),
    ],
)
def test_a_country_s_possessive_before_its_group_is_no_state_actor(text, actor_id, country):
    assert [(p.id, p.country) for p in _one_assault(text).actors] == [(actor_id, country)]


def test_a_later_clause_with_no_side_and_no_toll_tells_the_same_attack():
    ev = _one_assault(
        "Suspected Islamist militants killed 21 civilians in central Mali on Monday, local "
        "officials said, in an attack on a bus near the town of Bandiagara."
    )
    assert ev.killed == 21 and ev.locations[0].name == "Bandiagara"


def test_where_people_came_from_is_not_the_scene_even_in_the_first_country_named():
    ev = _one_assault(
        "Two UN peacekeepers from Tanzania were killed in an ambush in the Central African "
        "Republic."
    )
    assert ev.locations[0].country == "CAF"


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Israeli forces killed seven Palestinians in a raid on the Jenin refugee camp.", "firearms"),
        ("US forces killed an ISIS leader in a raid in Idlib.", "firearms"),
        ("Russian forces carried out raids on Idlib, killing 12.", "aerial"),
    ],
)  # fmt: skip
def test_forces_raid_once_on_the_ground_their_raids_come_from_the_air(text, mode):
    assert _one_assault(text).mode == mode


def test_communal_militias_are_actors():
    ev = _one_assault("Fulani herders killed 30 farmers in Benue state, police said.")
    assert [p.id for p in ev.actors] == ["actor:militias"] and ev.killed == 30


def test_members_of_a_group_opening_the_clause_did_the_killing_after_the_comma():
    text = (
        "Fighters of the Arakan Army overran a border guard post in Maungdaw township, "
        "killing 20 police officers."
    )
    ev = _one_assault(text, ("ASSAULT",))
    assert [p.id for p in ev.actors] == ["actor:arakan-army"]
    assert ev.locations[0].name == "Maungdaw"


@pytest.mark.parametrize(
    "name, actor_id",
    [
        ("3R", "actor:3r-car"),
        ("400 Mawozo", "actor:400-mawozo"),
        ("MS-13", "actor:ms-13"),
        ("Nyatura", "actor:nyatura"),
        ("Katiba Macina", "actor:katiba-macina"),
        ("the Amal Movement", "actor:amal-movement"),
    ],
)
def test_groups_whose_names_start_with_a_number_or_were_missing_are_known(name, actor_id):
    ms = find_mentions(f"Fighters of {name} attacked a village near the border.")
    assert actor_id in {m.entity.id for m in ms}


def test_a_word_the_finder_turned_down_is_no_foreign_town_by_another_road():
    text = "Myanmar junta troops torched a village in Sagaing's Kani township."
    assert "JPN" not in {m.entity.country for m in find_mentions(text)}


def test_libya_s_recognised_government_and_the_sambisa_forest_are_known():
    ms = {
        m.text: m.entity.id
        for m in find_mentions("GNA forces retook Gharyan from Haftar's forces.")
    }
    assert ms["GNA forces"] == "actor:state:LBY"
    ev = _one_assault("Nigerian troops killed 30 Boko Haram fighters in Sambisa forest.")
    assert ev.locations[0].name == "Sambisa Forest"


_SUDAN = (
    "CAIRO (AP) — Sudan's paramilitary Rapid Support Forces attacked a village in the "
    "country's central Gezira province, killing at least 104 people, a doctors' group said.\n\n"
    "The group said RSF fighters used heavy artillery to shell the village on Wednesday.\n\n"
    "Meanwhile, in the western region of Darfur, military airstrikes on a market killed at "
    "least 15 people, according to local activists.\n\n"
    "The conflict has killed more than 14,000 people, according to the United Nations."
)


def _sudan_events():
    art = Article(id="t", title="", text=_SUDAN, date="2024-06-06")
    return [e for e in extract(art).events if e.type == "ASSAULT"]


def test_what_a_weapon_was_used_to_do_happened():
    (ev,) = [e for e in _sudan_events() if "heavy artillery" in e.sentence]
    assert ev.modality == "asserted" and ev.mode == "heavy-weapons"


def test_another_incident_in_a_place_of_its_own_keeps_its_place_and_the_military_did_it():
    (ev,) = [e for e in _sudan_events() if e.killed == 15]
    assert [loc.name for loc in ev.locations] == ["Darfur"]
    assert [p.id for p in ev.actors] == ["actor:state:SDN"]


def test_a_war_s_toll_alone_is_no_attack():
    assert not [e for e in _sudan_events() if "14,000" in e.sentence]


def test_drones_launched_at_a_country_are_its_attacker_s_drone_attack():
    text = (
        "Russian forces launched 40 drones and three missiles at Ukraine overnight, the air "
        "force said, with most shot down over the Kyiv and Odesa regions."
    )
    ev = _one_assault(text)
    assert ev.mode == "drone" and [p.id for p in ev.actors] == ["actor:state:RUS"]


def test_settlers_are_not_the_state_and_a_ship_attacked_at_sea_is_at_sea():
    ev = _one_assault("Israeli settlers attacked the West Bank village of Huwara.")
    assert [(p.id, p.country) for p in ev.actors] == [("actor:settlers", "ISR")]
    ev = _one_assault("Houthi rebels attacked a commercial ship in the Red Sea with two missiles.")
    assert [loc.name for loc in ev.locations] == ["Red Sea"]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Niger's army says 17 soldiers were killed near Koutougou.", "NER"),
        ("Tigray forces say they shot down an Ethiopian military plane.", "ETH"),
        ("Russian jets struck rebel positions on Monday.", None),
        ("Wagner mercenaries and Malian soldiers executed dozens of civilians.", None),
        ("Clashes between Armenian and Azerbaijani forces killed two soldiers.", None),
    ],
)
def test_an_attack_placed_nowhere_is_in_the_country_of_its_targets_and_rebels(text, country):
    ev = _one_assault(text)
    assert [loc.country for loc in ev.locations] == ([country] if country else [])


@pytest.mark.parametrize(
    "text, country",
    [
        ("Gunmen killed 12 people in Bokkos LGA of Plateau state on Monday.", "NGA"),
        ("Clashes broke out in the Plateau department on Monday.", "BEN"),
    ],
)
def test_a_division_name_several_countries_use_is_the_one_its_word_fits(text, country):
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert places and {e.country for e in places} == {country}


@pytest.mark.parametrize(
    "text",
    [
        "Colombia - ELN attack on military base leaves 9 soldiers dead in Cesar",
        "Afghanistan: Taliban attack kills 12 police in Helmand",
    ],
)
def test_a_country_heading_a_report_is_no_actor(text):
    ev = _one_assault(text)
    assert all(p.type != "state" for p in ev.actors)


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Philippine Maoist rebels killed 3 soldiers in Samar.", "actor:npa-philippines"),
        (
            "Maoist guerrillas attacked an army camp, the Philippine army said.",
            "actor:npa-philippines",
        ),
        ("Maoist rebels ambushed a police patrol in Chhattisgarh.", "actor:cpi-maoist"),
    ],
)
def test_maoist_rebels_are_those_of_the_story_s_country(text, actor_id):
    assert actor_id in {m.entity.id for m in find_mentions(text)}


def test_a_part_of_a_town_named_with_its_possessive_is_in_that_town_s_country():
    places = [m.entity for m in find_mentions("Clashes in Mosul's al-Zahra district.")]
    assert [e.country for e in places if e.kind == "place"] == ["IRQ"]


def test_storms_is_an_attack():
    ev = _one_assault("Iraqi troops storms an IS-held village south of Mosul.")
    assert ev.locations[0].name == "Mosul"


@pytest.mark.parametrize(
    "text, person, country",
    [
        ("Zelensky said Russian strikes hit Kharkiv.", "actor:volodymyr-zelensky", "UKR"),
        ("Hemedti's fighters shelled El Fasher.", "actor:mohamed-hamdan-dagalo", "SDN"),
        ("Kenyan President William Ruto met Somali leaders.", "actor:william-ruto", "KEN"),
    ],
)
def test_leaders_of_today_s_conflicts_are_known_with_their_country(text, person, country):
    got = {m.entity.id: m.entity.country for m in find_mentions(text)}
    assert got.get(person) == country


@pytest.mark.parametrize(
    "text, country",
    [
        ("Pakistan blasts kill 30.", "PAK"),
        ("Somalia car bomb kills 10.", "SOM"),
        ("Nigeria attacks kill 50 in villages.", "NGA"),
    ],
)
def test_a_country_heading_an_incident_in_a_headline_is_where_not_who(text, country):
    ev = _one_assault(text)
    assert not any(p.type == "state" for p in ev.actors)
    assert country in {loc.country for loc in ev.locations}


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Russia attacks Ukraine with 100 drones.", "actor:state:RUS"),
        ("Syria air strike on jihadist camp kills 18.", "actor:state:SYR"),
    ],
)
def test_a_country_that_attacks_or_flies_is_still_the_actor(text, actor):
    assert actor in {p.id for p in _one_assault(text).actors}


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Russia bombs Aleppo.", "actor:state:RUS"),
        ("Israel bombs Gaza, killing 30.", "actor:state:ISR"),
    ],
)
def test_a_country_that_bombs_a_place_is_the_actor(text, actor):
    ev = _one_assault(text)
    assert [p.id for p in ev.actors] == [actor] and ev.mode == "aerial"


def test_a_demonym_before_a_town_noun_says_whose_town_it_is():
    text = "A Ukrainian drone struck a fuel depot in the Russian city of Oryol."
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert [(e.name, e.country) for e in places] == [("Orël", "RUS")]


def test_a_division_is_not_displaced_by_a_small_town_s_other_name():
    text = "Houthis killed 20 coalition troops in Jawf."
    assert [m.entity.id for m in find_mentions(text) if m.entity.kind == "place"] == [
        "place:admin1:YE.21"
    ]


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Haitian gangs led by Jimmy Cherizier attacked police stations.", "actor:gangs"),
        ("Libyan forces loyal to Haftar clashed with a rival militia in Tripoli.", "actor:state:LBY"),
    ],
)  # fmt: skip
def test_a_group_led_by_or_loyal_to_a_named_man_is_the_actor(text, actor):
    assert [p.id for p in _one_assault(text).actors] == [actor]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Sri Lankan navy arrests 22 fishermen.", "LKA"),
        ("South Korean troops fired warning shots.", "KOR"),
        ("The Central African army retook Bambari.", "CAF"),
    ],
)
def test_a_demonym_of_two_words_before_a_role_noun_names_the_state_s_forces(text, country):
    (m,) = [m for m in find_mentions(text) if m.entity.type == "state"]
    assert (m.entity.country, m.sector) == (country, "MIL")


def test_gunmen_who_abduct_abduct():
    assert _one_assault("Gunmen abduct 15 in Zamfara, police say.").mode == "abduct"


def test_two_attacks_spliced_by_a_comma_are_two_events_each_in_its_place():
    evs = assaults("Car bomb kills 9 in Mogadishu, gunmen kill 4 soldiers in Baidoa.")
    got = sorted((e.killed, e.locations[0].name) for e in evs)
    assert got == [(4, "Baidoa"), (9, "Mogadishu")], got


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb killed 12 people in Kabul, the deadliest attack this year.",
        "Militants attacked a checkpoint near Quetta, soldiers killed in the attack were buried.",
        "Jets struck a market in Idlib, killing 12 people.",
    ],
)
def test_an_appositive_or_participle_after_a_comma_is_the_same_attack(text):
    assert len(assaults(text)) == 1, [(e.killed, e.sentence) for e in assaults(text)]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Suspected jihadists killed 15 civilians, the Malian army said on Sunday.", "MLI"),
        ("Gunmen killed four people at a bus stop, Pakistani police said.", "PAK"),
        # a state that acted reports where it came from, not where it struck
        ("Israeli strikes killed 20 people, the Israeli military said.", None),
        ("US forces killed 10 militants in an airstrike, the Pentagon said.", None),
    ],
)
def test_a_state_s_army_police_or_ministry_speaking_places_what_nothing_else_does(text, country):
    (ev,) = assaults(text)
    assert (ev.locations[0].country if ev.locations else None) == country


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Gunmen shot dead a journalist in Mogadishu.", 1),
        ("A journalist was gunned down in Mogadishu.", 1),
        ("Twelve villagers were gunned down in Zamfara.", 12),
        ("Attackers hacked to death a village chief in Ituri.", 1),
        ("At least 14 people were hacked to death with machetes in a village in Ituri.", 14),
        ("Militiamen burned alive 5 people in Djugu.", 5),
        ("A mob lynched two men in Kasai.", 2),
    ],
)
def test_killings_by_gun_blade_or_fire_are_attacks_with_their_toll(text, killed):
    (ev,) = assaults(text)
    assert ev.killed == killed


def test_a_killing_by_blade_guesses_no_weapon():
    (ev,) = assaults("At least 14 people were hacked to death by ADF rebels in Beni.")
    assert ev.mode is None and ev.killed == 14


@pytest.mark.parametrize(
    "text, scene, not_scene",
    [
        (
            "Gunmen attacked a bus travelling to the capital, Nairobi, killing six passengers "
            "near Mandera.",
            "Mandera",
            "Nairobi",
        ),
        (
            "Fighter jets deployed from Maiduguri killed 20 militants near Gwoza.",
            "Gwoza",
            "Maiduguri",
        ),
        (
            "Soldiers wounded in the ambush near Jolo were airlifted to a military hospital in "
            "Zamboanga.",
            "Jolo",
            "Zamboanga",
        ),
        (
            "Boko Haram fighters from the towns of Bama and Dikwa attacked Gwoza, killing nine.",
            "Gwoza",
            "Dikwa",
        ),
    ],
)
def test_where_people_went_or_were_sent_from_is_no_place_of_the_attack(text, scene, not_scene):
    (ev,) = assaults(text)
    names = [loc.name for loc in ev.locations]
    assert names[0] == scene and not_scene not in names, names


def test_a_town_a_witness_speaks_from_gives_no_more_than_its_province():
    text = "Gunmen killed 12 people in a village, a resident speaking from the city of Dori said."
    (ev,) = assaults(text)
    assert [(loc.name, loc.precision) for loc in ev.locations] == [("Dori", "admin1")]


def test_an_evacuation_is_placed_where_it_began():
    text = "Hundreds of families were evacuated from the towns of Foua and Kefraya on Friday."
    evs = [e for e in extract(Article(id="w", title="", text=text)).events]
    assert evs and evs[0].locations[0].name == "Foua", [(e.type, e.locations) for e in evs]


@pytest.mark.parametrize(
    "text, town, country",
    [
        ("Israeli strikes on Khan Younis killed 20 people.", "Khān Yūnis", "PSE"),
        ("An Israeli strike hit Jabalia, killing five.", "Jabālyā", "PSE"),
        ("Israeli jets struck Nabatieh, killing two.", "Nabatîyé et Tahta", "LBN"),
        ("Russian missiles hit Sloviansk, killing two.", "Slovyansk", "UKR"),
        ("Russian troops took Pokrovsk after months of fighting.", "Pokrovsk", "UKR"),
        ("A Russian glide bomb killed three people in Huliaipole.", "Hulyaypole", "UKR"),
        # a report that names no country: a town of some size that an attack hits
        ("Rockets hit Sderot, wounding two.", "Sderot", "ISR"),
        ("A strike in Beit Hanoun killed three.", "Bayt Ḩānūn", "PSE"),
    ],
)
def test_a_town_across_the_border_of_the_country_named_is_the_war_s_other_side(text, town, country):
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert [(e.name, e.country) for e in places] == [(town, country)]


def test_around_syria_an_unknown_name_is_no_neighbour_s_town_of_another_spelling():
    text = "Syrian jets bombed Aleppo. According to the al-Quds hospital, four people died."
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert {e.country for e in places} == {"SYR"}


@pytest.mark.parametrize(
    "text, country",
    [
        ("Gunmen killed 3 soldiers in Northeastern Colombia.", "COL"),
        ("Separatists killed 3 soldiers in the anglophone Northwest province of Cameroon.", "CMR"),
        ("Jihadists killed 9 civilians in the Sahel region of Niger.", "NER"),
    ],
)
def test_a_division_named_by_a_bearing_is_only_its_own_country_s(text, country):
    (ev,) = assaults(text)
    assert {loc.country for loc in ev.locations} <= {country}
    assert not {p.country for p in ev.targets} - {country, None}


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("Gunmen killed two people on Abelardo Medina street in Celaya.", "Medina"),
        ("Al-Shabaab killed 5 soldiers, police commander Sadik Aden Ali said.", "Aden"),
        ("Militants killed 3 villagers in Manipur, Bikram told reporters.", "Bikram"),
    ],
)
def test_a_town_s_name_in_a_person_s_or_a_street_s_is_no_place(text, not_a_place):
    places = [m for m in find_mentions(text) if m.entity.kind == "place"]
    assert not [m for m in places if m.text == not_a_place], places


@pytest.mark.parametrize(
    "text, division",
    [("Clashes in Tshopo killed five.", "Tshopo"), ("Militants killed 3 in Manipur.", "Manipur")],
)
def test_a_division_the_words_announce_is_placed_without_its_country(text, division):
    assert [m.entity.name for m in find_mentions(text) if m.entity.kind == "place"] == [division]


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Three militants, a soldier and seven civilians were killed in clashes in Kunar.", 11),
        ("Seven soldiers, including a young officer, were killed in an ambush in Cauca.", 7),
        ("10 soldiers, 2 civilians killed in attack in Sulu.", 12),
        ("Gunmen killed a mayor, his father and 16 other people in Guerrero.", 18),
        ("The attackers killed a young student and a woman in Mora.", 2),
        # parts of a toll are not added to it
        ("Gunmen killed 18 people including five children and two women in Zamfara.", 18),
        ("Five civilians, including a child and a woman, were killed in Beni.", 5),
        # one count of the dead and the hurt together is neither
        ("The Taliban kill, wound 15 soldiers in Helmand.", None),
    ],
)
def test_a_list_of_victims_is_summed_item_by_item(text, killed):
    (ev,) = assaults(text)
    assert ev.killed == killed


@pytest.mark.parametrize(
    "text, actor",
    [
        ("The attack was carried out by an armed group called OLF Shane, killing 14.", "actor:ola"),
        (
            "Suicide bombers suspected of belonging to Boko Haram killed 9 in Mora.",
            "actor:boko-haram",
        ),
        (
            "The TTP, linked to the Afghan Taliban, attacked a checkpoint in Bannu, killing 7 soldiers.",
            "actor:ttp",
        ),
        ("About 200 bandits on Wednesday morning killed 18 villagers in Zamfara.", "actor:bandits"),
        ("Kenya bus attack: al-Shabaab kills 28 near Mandera.", "actor:al-shabaab"),
        ("ISWAP Militants Kill 11 Soldiers in Nigeria Base Raid.", "actor:iswap"),
        (
            "Fighters of the 444th Brigade clashed with the Tripoli Protection Force in Tripoli.",
            "actor:brigade-444",
        ),
    ],
)
def test_the_side_that_acted_is_the_actor_however_it_is_introduced(text, actor):
    evs = assaults(text)
    actors = [p.id for e in evs for p in e.actors]
    targets = [p.id for e in evs for p in e.targets]
    assert actor in actors and actor not in targets, (actors, targets)
    assert not [p for e in evs for p in e.actors if p.type == "state"], actors


def test_people_counted_before_a_toll_of_their_own_are_its_victims():
    (ev,) = assaults("25 Nusra fighters were killed in Idlib.")
    assert [p.id for p in ev.targets] == ["actor:nusra-front"] and not ev.actors


@pytest.mark.parametrize(
    "text, scene, dateline",
    [
        ("Raipur - Two Maoists were killed in an encounter in Sukma.", "Sukma", "Raipur"),
        ("Kano - Boko Haram fighters killed 12 villagers in Gwoza.", "Gwoza", "Kano"),
        ("Zamboanga City - Abu Sayyaf gunmen killed three soldiers in Jolo.", "Jolo", "Zamboanga"),
    ],
)
def test_a_dateline_in_title_case_is_where_the_report_was_filed(text, scene, dateline):
    (ev,) = assaults(text)
    names = [loc.name for loc in ev.locations]
    assert names[0] == scene and not [n for n in names if n.startswith(dateline)], names


@pytest.mark.parametrize(
    "text, town",
    [
        ("Gunmen killed 13 people in Bokkos Local Government Area of Plateau State.", "Bokkos"),
        ("Gunmen killed 12 people in Maru LGA of Zamfara.", "Maru"),
        ("Militants killed four people in Kyauktaw Township.", "Kyauktaw"),
    ],
)
def test_a_town_before_its_district_noun_is_the_place(text, town):
    (ev,) = assaults(text)
    assert ev.locations[0].name == town, ev.locations
    assert not ev.actors or ev.actors[0].type != "state"


@pytest.mark.parametrize(
    "text, killed",
    [
        ("13 persons were confirmed killed in Bokkos.", 13),
        ("Six people confirmed dead after gunmen attacked Kagoro.", 6),
        ("Attack in Benue claims five lives.", 5),
        ("Eight jawans and a driver were killed in an IED blast in Dantewada.", 9),
        (
            "At least 30 people died when the army shelled a market in Omdurman, the worst "
            "since the war began.",
            30,
        ),
    ],
)
def test_tolls_told_the_ways_world_news_tells_them(text, killed):
    (ev,) = assaults(text)
    assert ev.killed == killed


def test_a_war_s_toll_alone_is_no_event_even_past_a_hundred_thousand():
    assert assaults("The war has claimed 300,000 lives.") == []


def test_an_encounter_with_security_forces_is_a_gunfight_with_the_state():
    (ev,) = assaults("Two militants were killed in an encounter with security forces in Shopian.")
    assert ev.mode == "firearms" and [p.country for p in ev.actors] == ["IND"]


def test_a_suicide_bomber_who_crashed_into_a_gate_attacked():
    (ev,) = assaults(
        "A suicide car bomber crashed into a gate outside a hotel in Mogadishu, killing 15."
    )
    assert ev.killed == 15 and ev.mode == "suicide-attack"


def test_sudan_s_paramilitary_is_the_rsf():
    (ev,) = assaults("Sudan's paramilitary killed 20 villagers in North Kordofan.")
    assert [p.id for p in ev.actors] == ["actor:rsf-sudan"]


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Six Colombian soldiers have been killed in fighting with ELN guerrillas.", 6),
        ("Ten children and five women have been killed in air strikes in Aleppo province.", 15),
    ],
)
def test_a_few_told_killed_in_the_perfect_are_one_report_s_toll(text, killed):
    (ev,) = assaults(text)
    assert ev.killed == killed


def test_the_region_of_a_town_s_name_is_the_division():
    (ev,) = assaults("Ukrainian drones hit the Russian border region of Belgorod, killing 2.")
    assert [(loc.name, loc.precision) for loc in ev.locations] == [("Belgorod Oblast", "admin1")]


@pytest.mark.parametrize(
    "text, accused",
    [
        ("A car bombing blamed on al-Shabaab killed 26 people in Mogadishu.", "actor:al-shabaab"),
        (
            "The bombing in Diyarbakir, which killed 6, was blamed by officials on the PKK.",
            "actor:pkk",
        ),
        (
            "A car bomb killed 9 in Mogadishu. Officials blamed the attack on al-Shabaab.",
            "actor:al-shabaab",
        ),
    ],
)
def test_the_side_an_attack_is_blamed_on_is_its_actor_never_its_target(text, accused):
    evs = assaults(text)
    assert all(accused in [p.id for p in e.actors] for e in evs), [
        (e.actors, e.targets) for e in evs
    ]
    assert not [p for e in evs for p in e.targets if p.id == accused]


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Boko Haram in fresh attack in Borno, kills 17.", "actor:boko-haram"),
        (
            "According to BBC, Boko Haram members launched a fresh attack at a village, killing 9.",
            "actor:boko-haram",
        ),
        ("The massacre of 12 villagers in Beni was attributed to the ADF.", "actor:adf"),
        (
            "Fighters from the al-Shabab group attacked a base in Afgoye, killing 8.",
            "actor:al-shabaab",
        ),
        ("Cattle raiders killed 100 people in Jonglei.", "actor:militias"),
    ],
)
def test_a_group_named_around_the_attack_is_its_actor(text, actor):
    evs = assaults(text)
    assert actor in [p.id for e in evs for p in e.actors], [(e.actors, e.targets) for e in evs]


def test_militants_of_a_group_killed_are_its_victims():
    (ev,) = assaults("Seven militants from the Nusra Front were killed in air strikes in Idlib.")
    assert "actor:nusra-front" not in [p.id for p in ev.actors]


@pytest.mark.parametrize(
    "text, town, country",
    [
        ("Gunmen killed 10 people in Riyom, Plateau state.", "Riyom", "NGA"),
        ("Abu Sayyaf gunmen killed three soldiers in Patikul, Sulu.", "Patikul", "PHL"),
        ("ELN rebels attacked an army post in Saravena, Colombia.", "Saravena", "COL"),
    ],
)
def test_a_village_or_district_seat_is_known_in_a_story_about_its_country(text, town, country):
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert (town, country) in [(e.name, e.country) for e in places]


def test_a_village_far_away_is_no_place_in_a_story_about_elsewhere():
    text = "Syrian jets struck Aleppo. Assads forces advanced on Monday."
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert {e.country for e in places} == {"SYR"}


@pytest.mark.parametrize(
    "text, mode",
    [
        (
            "Four Palestinians were killed during Israeli military raids in the West Bank.",
            "firearms",
        ),
        ("Police raids in Cite Soleil killed 4 gang members.", "firearms"),
        ("Air raids killed 5 people in Idlib.", "aerial"),
    ],
)
def test_raids_on_the_ground_are_no_air_raids(text, mode):
    (ev,) = assaults(text)
    assert ev.mode == mode


@pytest.mark.parametrize(
    "text, town",
    [
        ("Drone strikes hit the capital of the northern Tigray region, killing 12.", "Mek'ele"),
        ("Gunmen killed 5 people in the capital of North Kivu province.", "Goma"),
        ("Strikes hit Tigray's capital, killing 3.", "Mek'ele"),
    ],
)
def test_a_division_s_capital_is_its_largest_town(text, town):
    (ev,) = assaults(text)
    assert [(loc.name, loc.precision) for loc in ev.locations][:1] == [(town, "city")]


def test_a_division_after_a_town_and_in_is_the_division_it_lies_in():
    text = (
        "Insurgents set off bombs in Sungai Kolok in Narathiwat and Sadao in Songkhla, killing 2."
    )
    (ev,) = assaults(text)
    got = {loc.name: loc.precision for loc in ev.locations}
    assert got.get("Songkhla") == "admin1" and got.get("Sadao") == "city", got


def test_a_headline_s_source_at_its_end_is_no_scene():
    (ev,) = assaults("Russian attacks on Ukraine kill five civilians, damage power grid: Kyiv")
    assert not [loc for loc in ev.locations if loc.precision == "city"]


def test_a_country_in_a_phrase_of_place_after_the_subject_is_not_the_actor():
    (ev,) = assaults("Suspected militants in northern Burkina Faso have killed three soldiers.")
    assert "actor:state:BFA" not in [p.id for p in ev.actors]


def test_a_town_s_possessive_gives_the_division_of_the_town_after_it():
    text = "The security forces in Bastar's Bijapur district gunned down two Maoists."
    places = [m.entity for m in find_mentions(text) if m.entity.kind == "place"]
    assert [e.admin1 for e in places] == ["Chhattisgarh", "Chhattisgarh"], places


@pytest.mark.parametrize(
    "text, town",
    [
        ("Militants shot dead two policemen in Kashmir's Shopian district.", "Shopian"),
        ("A soldier was killed in an ambush near Jammu and Kashmir's Kathua.", "Kathua"),
    ],
)
def test_a_small_town_after_a_region_s_possessive_is_told_as_a_place(text, town):
    (ev,) = assaults(text)
    assert ev.locations[0].name == town, ev.locations


def test_a_division_named_in_another_country_s_division_is_not_that_division():
    (ev,) = assaults("ADF rebels killed 12 civilians in the Beni region of North Kivu.")
    assert [loc.country for loc in ev.locations] == ["COD"], ev.locations


@pytest.mark.parametrize(
    "text, place, precision",
    [
        (
            "DIYARBAKIR - Three soldiers were killed in a car bombing on a barracks in Turkey,"
            " security sources said.",
            "Diyarbakır",
            "city",
        ),
        (
            "QUETTA - Five soldiers were killed in a bomb blast in the turbulent southwest of"
            " Pakistan, police said.",
            "Balochistan",
            "admin1",
        ),
    ],
)
def test_a_dateline_is_the_place_of_a_report_that_names_no_other(text, place, precision):
    (ev,) = assaults(text)
    assert (ev.locations[0].name, ev.locations[0].precision) == (place, precision)


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW - Three soldiers were killed in a car bombing on a barracks, officials said.",
        "KANO, Nigeria - Gunmen killed 12 villagers in Zurmi, Zamfara state, police said.",
        "London/Quetta - Ten Iranian border guards were killed by militants on the frontier"
        " with Pakistan.",
        "ERBIL, Kurdistan Region - Three Iranian border guards were killed in an attack in"
        " Sistan and Baluchestan province.",
    ],
)
def test_a_dateline_of_a_capital_or_beside_another_place_is_no_scene(text):
    (ev,) = assaults(text)
    dateline = text.split(" - ")[0]
    assert not [loc for loc in ev.locations if loc.text in dateline], ev.locations


def test_a_country_after_a_dateline_s_town_is_no_actor():
    (ev,) = assaults(
        "KHARKIV, Ukraine - A Russian missile hit an industrial area in the city on Wednesday,"
        " killing at least five people."
    )
    assert [p.country for p in ev.actors] == ["RUS"], ev.actors


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Ambush claims lives of 12 soldiers, 7 civilians in Peru", 19),
        ("Israeli strikes on Lebanon kill Hezbollah fighter, 2 children", 3),
        ("Militant leader, 3 accomplices shot dead in Nalchik gunfight", 4),
        ("5 Abu Sayyaf men, soldier killed in Sulu clash", 6),
        ("Six militants and a female suicide bomber were killed in Dagestan.", 7),
        ("Gunmen killed the chief imam and an Okada rider in Kaduna.", 2),
        ("Eleven personnel of the CRPF (Central Reserve Police Force) have died in an ambush.", 11),
        ("Seven soldiers are believed to have been killed in clashes with the KIA.", 7),
        ("No fewer than 42 persons have been reportedly killed in attacks by bandits.", 42),
        ("Gunmen attacked the village, leading to the death of eight people.", 8),
    ],
)
def test_world_tolls_told_in_lists_hedges_and_phrases(text, killed):
    evs = assaults(text)
    assert max(e.killed or 0 for e in evs) == killed, [(e.killed, e.sentence) for e in evs]


def test_a_sum_over_such_attacks_is_no_attack_s_toll():
    (ev,) = assaults(
        "Rockets hit Kilis on Monday. A total of 21 people were killed in such attacks."
    )
    assert ev.killed is None


@pytest.mark.parametrize(
    "text, actor_id",
    [
        (
            "Five soldiers were killed in an attack by guerrillas from the National Liberation"
            " Army (ELN) in Arauca.",
            "actor:eln",
        ),
        (
            "Seven soldiers were killed in an ambush committed by left-wing guerrilla"
            " organization FARC in Cauca.",
            "actor:farc",
        ),
        ("Militants of the Province of Sinai killed 5 soldiers in Arish.", "actor:wilayat-sinai"),
        (
            "Taliban fighters in the southern Afghan province of Helmand attacked a police"
            " checkpoint, killing 5.",
            "actor:taliban",
        ),
        (
            "A group of Taliban militants attacked a checkpoint in Kunduz, killing 4.",
            "actor:taliban",
        ),
        (
            "Suspected al-Shabab militants from Somalia killed 5 people in Mandera.",
            "actor:al-shabaab",
        ),
        ("Taliban kill 9 Afghan soldiers in Kunduz raids", "actor:taliban"),
        (
            "One soldier was killed in a Kurdistan Workers’ Party (PKK) attack in Hakkari.",
            "actor:pkk",
        ),
        ("A soldier was killed in an attack believed to be by AQAP in Abyan.", "actor:aqap"),
    ],
)
def test_the_group_that_acted_past_apposition_place_phrases_and_hedges(text, actor_id):
    evs = assaults(text)
    assert actor_id in {p.id for e in evs for p in e.actors}, [e.actors for e in evs]


@pytest.mark.parametrize(
    "text, actor_id",
    [
        (
            "Three policemen were killed in a car bombing suspected to be the work of the"
            " Kurdistan Workers' Party (PKK).",
            "actor:pkk",
        ),
        (
            "Eight people were killed in the shelling of a compound in Hodeidah, the government"
            " said, pointing the finger at the Houthis.",
            "actor:houthis",
        ),
    ],
)
def test_the_group_an_attack_is_laid_on_is_its_inferred_actor(text, actor_id):
    (ev,) = assaults(text)
    assert [(p.id, p.inferred) for p in ev.actors] == [(actor_id, True)], ev.actors


@pytest.mark.parametrize(
    "text, country",
    [("16 killed in Mozambique insurgency attack", "MOZ"), ("Three killed in Kenya attack", "KEN")],
)
def test_a_country_heading_an_attack_after_in_is_where_not_who(text, country):
    (ev,) = assaults(text)
    assert not ev.actors and [loc.country for loc in ev.locations] == [country]


@pytest.mark.parametrize(
    "text, party, country",
    [
        ("Eleven CRPF jawans were killed by Maoists in Sukma.", "target", "IND"),
        ("Two Frontier Corps soldiers were killed in Kech.", "target", "PAK"),
        ("Eight Tamil Tiger separatists were killed by government forces.", "target", "LKA"),
    ],
)
def test_state_forces_and_groups_named_by_their_own_names(text, party, country):
    (ev,) = assaults(text)
    got = ev.targets if party == "target" else ev.actors
    assert country in {p.country for p in got}, got
    assert "actor:suheil-al-hassan" not in {p.id for p in got}


@pytest.mark.parametrize(
    "text, place",
    [
        ("Two soldiers and ten BIFF men were killed in a clash in Maguindanao.", "Maguindanao"),
        ("Three soldiers were killed in an ambush in a village in Ifugao province.", "Ifugao"),
        ("Gunmen killed 3 farmers in Quezon province.", "Quezon province"),
        ("Six policemen killed in Ingushetia bombing", "Ingushetia"),
        ("Four militants were killed in a shootout in Kabardino-Balkariya.", "Kabardino-Balkaria"),
        ("Militants attacked a base in Bardhere, killing 8 soldiers.", "Baardheere"),
        ("Gunmen killed 5 soldiers in Sheikh Zuweid.", "Ash Shaykh Zuwayd"),
        ("Bandits killed 12 in the Bungudu Local Government Area of Zamfara State.", "Bungudu"),
    ],
)
def test_provinces_regions_and_towns_in_the_news_spellings(text, place):
    (ev,) = assaults(text)
    assert ev.locations and ev.locations[0].name == place, ev.locations


@pytest.mark.parametrize("text", ["Rizal said the attack killed 4.", "Aurora said 3 were killed."])
def test_a_province_named_like_a_person_needs_its_noun(text):
    (ev,) = assaults(text)
    assert not [loc for loc in ev.locations if loc.country == "PHL"], ev.locations


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Taliban storm the district headquarters in Faryab", None),
        ("Skirmish on the border of Kyrgyzstan and Tajikistan kills 4", 4),
        ("Two militants have been eliminated in a counter-terrorism operation in Nalchik.", 2),
        ("Cruise missile hits city council building in Kharkiv", None),
        ("Four men were murdered in a village near Medellin.", 4),
        ("Gunmen stormed the village and murdered 12 people.", 12),
    ],
)
def test_more_ways_of_telling_an_attack(text, killed):
    evs = assaults(text)
    assert evs and max((e.killed or 0) for e in evs) == (killed or 0), evs


@pytest.mark.parametrize(
    "text",
    ["A storm killed 4 people in Luzon.", "Officials eliminated the threat of floods in Kano."],
)
def test_weather_and_threats_are_no_attacks(text):
    assert not assaults(text)


@pytest.mark.parametrize(
    "text, first, precision",
    [
        (
            "Boko Haram killed 5 people in the Tchakamari area of Northern Cameroon.",
            "Cameroon",
            "country",
        ),
        ("Gunmen killed 7 soldiers southwest of the Algerian capital.", "Algiers", "region"),
        (
            "A soldier was killed in Abyan governorate, east of the capital city Aden.",
            "Abyan",
            "admin1",
        ),
        ("24 CRPF men killed in Maoists attack in Chhattisgarh's Sukma area", "Sukma", "admin1"),
        (
            "Naxals ambushed a CRPF party in Chhattisgarh's restive Sukma district, killing 24.",
            "Sukma",
            "city",
        ),
        ("Shabwa: Five Southern Forces soldiers killed in an ambush", "Shabwa", "admin1"),
    ],
)
def test_where_bearings_areas_and_headline_prefixes_place_it(text, first, precision):
    (ev,) = assaults(text)
    assert (ev.locations[0].name, ev.locations[0].precision) == (first, precision), ev.locations


@pytest.mark.parametrize(
    "text, not_place",
    [
        (
            "Three soldiers were killed in an attack in Hakkari, Dogan News Agency reported.",
            "Dogan",
        ),
        ("Israeli troops raided Nablus' crowded Old City, killing 2.", "Old City"),
    ],
)
def test_outlets_and_old_quarters_are_no_towns(text, not_place):
    (ev,) = assaults(text)
    assert not_place not in [loc.text for loc in ev.locations], ev.locations


def test_a_town_s_possessive_before_a_distant_town_is_its_province():
    (ev,) = assaults("In Hodeida's Hays town in western Yemen, two civilians were killed.")
    got = {loc.name: loc.precision for loc in ev.locations}
    assert got.get("Hodeidah") == "admin1" and "Ḩays" in got, got


def test_unknown_assailants_are_the_attackers():
    (ev,) = assaults("Unknown assailants killed a tribal elder in Bajaur.")
    assert [p.id for p in ev.actors] == ["actor:militants"]


def test_hostages_counted_in_a_relative_clause_are_no_toll():
    (ev,) = assaults(
        "The marines, who were taking part in an operation to rescue about 100 people who are"
        " being held hostage by Maute, were killed by improvised explosive devices."
    )
    assert ev.killed != 100


@pytest.mark.parametrize(
    "text, killed, place",
    [
        ("UPDATE 2-Suicide bomber kills 12 at mosque in Peshawar", 12, "Peshawar"),
        ("Afghan violence kills 20 as Taliban step up attacks", 20, "Afghanistan"),
        ("Iraq violence kills 14 as January toll tops 800", 14, "Iraq"),
        ("Burkina Faso: 15 civilians killed in attack on village", 15, "Burkina Faso"),
        ("Mozambique: insurgents behead 11 in Cabo Delgado", 11, "Cabo Delgado"),
    ],
)
def test_wire_headlines_of_the_world(text, killed, place):
    (ev,) = assaults(text)
    assert (ev.killed, ev.locations[0].name) == (killed, place), ev
    assert ev.mode != "aerial"
    assert not [p for p in ev.actors if p.type == "state" and p.country in ("AFG", "BFA")]


@pytest.mark.parametrize(
    "text, town, admin1",
    [
        ("Gunmen killed four in Villa Hidalgo, Zacatecas.", "Villa Hidalgo", "Zacatecas"),
        (
            "MAGUINDANAO - Five BIFF members perished in a gunfight with soldiers in Datu"
            " Paglas Wednesday.",
            "Datu Paglas",
            None,
        ),
    ],
)
def test_a_town_is_the_one_its_words_place_it_in(text, town, admin1):
    (ev,) = assaults(text)
    assert ev.locations[0].name == town, ev.locations
    assert admin1 is None or ev.locations[0].admin1 == admin1


@pytest.mark.parametrize(
    "text", ["A car bomb in Kirkuk, Iraq killed 7.", "Fighting in Gao, Mali killed 4 soldiers."]
)
def test_the_country_after_a_town_is_no_subject(text):
    (ev,) = assaults(text)
    assert not [p for p in ev.actors if p.type == "state"], ev.actors


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Police have confirmed at least 27 people died in Mpeketoni attack by gunmen and"
            " warned the toll could rise.",
            "Mpeketoni",
        ),
        (
            "Two officers were killed when their vehicle ran over an IED in Garissa County.",
            "Garissa",
        ),
        ("Attackers have killed at least 19 people in the African country of Niger.", "Niger"),
    ],
)
def test_a_report_before_a_forecast_and_a_division_by_its_noun(text, place):
    (ev,) = assaults(text)
    assert ev.locations[0].name == place, ev.locations
    assert ev.killed


def test_a_toll_forecast_alone_tells_no_attack():
    evs = assaults("A car bomb killed 12 in Mosul. The toll could rise as others remain wounded.")
    assert len(evs) == 1 and evs[0].killed == 12


@pytest.mark.parametrize(
    "text, country",
    [
        ("Soldier killed in PKK attack in Turkey's Hakkari", "TUR"),
        ("Three border guards killed in attack in Iran's restive southeast", "IRN"),
    ],
)
def test_a_soldier_and_border_guards_are_the_state_s_forces(text, country):
    (ev,) = assaults(text)
    assert country in {p.country for p in ev.targets}, ev.targets


@pytest.mark.parametrize(
    "text, place, precision",
    [
        ("Bandits killed 12 villagers in Kaduna.", "Kaduna", "city"),
        (
            "Taliban attacked police in the south-eastern province of Khost, killing 6.",
            "Khowst",
            "admin1",
        ),
        (
            "Junta troops torched houses in Madaya Township, Mandalay Region, killing 3.",
            "Mandalay",
            "admin1",
        ),
        (
            "QUETTA - Gunmen killed five labourers in the Hoshab area, police said.",
            "Balochistan",
            "admin1",
        ),
    ],
)
def test_places_of_the_second_world_round(text, place, precision):
    (ev,) = assaults(text)
    assert (ev.locations[0].name, ev.locations[0].precision) == (place, precision), ev.locations


def test_a_word_of_land_alone_is_no_capital_s_name():
    (ev,) = assaults("Militants attacked a checkpoint in the Tirah Valley, killing 4 soldiers.")
    assert not [loc for loc in ev.locations if loc.country == "AIA"]
    assert not [p for p in ev.targets if p.country == "AIA"]


@pytest.mark.parametrize(
    "text, actor_id",
    [
        (
            "The Islamic State West Africa Province (ISWAP) terrorists killed 9 soldiers in Borno.",
            "actor:iswap",
        ),
        ("Islamic State (ISIS) militants killed 5 soldiers near Kirkuk.", "actor:islamic-state"),
        ("Boko Haram has hit Damaturu", "actor:boko-haram"),
    ],
)
def test_a_group_named_before_its_generic_noun_acts(text, actor_id):
    (ev,) = assaults(text)
    assert [p.id for p in ev.actors] == [actor_id], ev.actors


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Two soldiers embraced martyrdom in an attack in Kech.", 2),
        ("Four jawans laid down their lives in the attack.", 4),
        ("Security forces killed a Maoist in an encounter in Gadchiroli.", 1),
        # (the village head, not the 17 abducted)
        ("Bandits killed a village head and abducted 17 others in Zamfara.", 1),
    ],
)
def test_tolls_of_the_second_world_round(text, killed):
    evs = assaults(text)
    assert max((e.killed or 0) for e in evs) == (killed or 0), [(e.killed, e.rule) for e in evs]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Security forces killed 5 militants in Bara in the Khyber tribal region.", "Khyber"),
        ("Gunmen killed 3 policemen in DI Khan.", "Dera Ismail Khan"),
        ("A suicide bomber killed 12 in Parachinar.", "Parachinar"),
        ("Fighting between the KNLA and junta troops in Karen State killed 6.", "Kayin"),
        ("Five Maoists were killed in Malkangiri.", "Malakanagiri"),
    ],
)
def test_south_asia_s_districts_and_towns_in_the_news_spellings(text, place):
    (ev,) = assaults(text)
    assert ev.locations[0].name == place, ev.locations
    assert "NGA" not in {p.country for p in ev.actors + ev.targets}


@pytest.mark.parametrize(
    "text",
    ["Houthi rockets kill 14 civilians in Marib", "Air strikes killed 15 villagers in Idlib."],
)
def test_civilians_killed_are_the_targets(text):
    (ev,) = assaults(text)
    assert "actor:civilians" in [p.id for p in ev.targets], ev.targets
    assert "actor:civilians" not in [p.id for p in ev.actors]


@pytest.mark.parametrize(
    "text, killed",
    [
        ("An IED blast killed 31 Assam Rifles personnel in Manipur.", None),
        ("Azerbaijan reports death of its soldier in incident at border with Armenia", 1),
    ],
)
def test_a_unit_s_number_is_no_toll_and_a_death_reported_is_one(text, killed):
    (ev,) = assaults(text)
    assert ev.killed == killed


def test_a_suicide_bomber_is_the_attacker():
    (ev,) = assaults("A suicide bomber killed at least one soldier in Baidoa.")
    assert [p.id for p in ev.actors] == ["actor:militants"], ev.actors


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Taliban militants attacked a police post in Bajaur, Pakistan, killing 3.", "actor:ttp"),
        ("Taliban fighters killed six Afghan soldiers in Kunduz province.", "actor:taliban"),
        ("Afghan Taliban gunmen shot dead two guards in Kurram, Pakistan.", "actor:taliban"),
    ],
)
def test_the_taliban_of_a_story_about_pakistan_are_pakistan_s(text, actor_id):
    (ev,) = assaults(text)
    assert [p.id for p in ev.actors] == [actor_id], ev.actors


def test_a_state_that_says_it_hit_a_group_is_the_attacker():
    (ev,) = assaults("Israel says it hit Hezbollah targets in southern Lebanon.")
    assert [p.id for p in ev.actors] == ["actor:state:ISR"], ev.actors
    assert "actor:hezbollah" in [p.id for p in ev.targets], ev.targets


@pytest.mark.parametrize(
    "text, killed",
    [
        ("Militants killed two soldiers as well as four civilians in Borno State.", 6),
        ("Three policemen as well as a child were killed in the blast in Quetta.", 4),
    ],
)
def test_victims_joined_by_as_well_as_are_one_list(text, killed):
    evs = assaults(text)
    assert [e.killed for e in evs] == [killed], [(e.killed, e.rule) for e in evs]


def test_a_capitalised_bearing_before_a_town_is_no_first_name():
    (ev,) = assaults("Gunmen killed 11 villagers in Southern Kaduna on Sunday.")
    assert [loc.admin1 for loc in ev.locations] == ["Kaduna"], ev.locations


@pytest.mark.parametrize(
    "text, place, precision",
    [
        ("Gunmen killed nine people in the state of Zacatecas on Sunday.", "Zacatecas", "admin1"),
        ("Eleven people were killed in the province of Guanajuato.", "Guanajuato", "admin1"),
        (
            "Armed men killed 11 people in the municipality of Apaseo el Alto.",
            "Apaseo el Alto",
            "city",
        ),
    ],
)
def test_a_division_or_town_its_noun_announces(text, place, precision):
    (ev,) = assaults(text)
    assert (ev.locations[0].name, ev.locations[0].precision) == (place, precision), ev.locations


def test_a_foreign_town_is_no_province_of_the_story_s_country():
    (ev,) = assaults("JNIM militants killed 15 Burkinabe soldiers near Djibo in the Soum province.")
    assert {loc.country for loc in ev.locations} == {"BFA"}, ev.locations


def test_an_ethnic_group_is_no_place():
    (ev,) = assaults("Gunmen killed 30 ethnic Amhara civilians in the Oromia region.")
    assert [loc.name for loc in ev.locations] == ["Oromia"], ev.locations


def test_a_speaker_s_own_forces_act_and_downed_drones_fall_on_the_defender():
    (ev,) = assaults("Ukraine's military said its forces shot down 30 Russian drones.")
    assert [p.country for p in ev.actors] == ["UKR"], ev.actors
    assert [loc.country for loc in ev.locations] == ["UKR"], ev.locations


@pytest.mark.parametrize(
    "text, actor_country, place",
    [
        ("Armed Forces of the Philippines killed 8 Abu Sayyaf members in Sulu.", "PHL", "Sulu"),
        ("Troops killed 30 al-Shabaab fighters in Middle Shabelle.", None, "Middle Shabelle"),
        ("Maoists killed 10 policemen in an IED blast in Dantewada.", "IND", "Dantewāra"),
    ],
)
def test_forces_and_places_by_the_names_the_news_gives(text, actor_country, place):
    (ev,) = assaults(text)
    if actor_country:
        assert actor_country in [p.country for p in ev.actors], ev.actors
    assert ev.locations[0].name == place, ev.locations


@pytest.mark.parametrize(
    "text, civilians",
    [
        ("Gunmen killed 35 people in three villages in Zamfara state.", True),
        ("A bomb blast killed 12 persons at a market in Maiduguri.", True),
        ("Nine people were killed in clashes between the army and rebels in Chad.", False),
        ("Air strikes killed 12 people including two rebel fighters in Idlib.", False),
        ("Militants killed three construction workers in Balochistan.", True),
        ("A shopkeeper was martyred in a terrorist attack in Bannu.", True),
        ("Gunmen shot dead two bystanders in Peshawar.", True),
    ],
)
def test_people_killed_in_a_one_sided_attack_are_civilians_inferred(text, civilians):
    (ev,) = assaults(text)
    got = [p for p in ev.targets if p.id == "actor:civilians"]
    assert bool(got) == civilians, ev.targets
    assert all(p.inferred for p in got)


def test_both_communities_of_a_clash_are_its_sides():
    (ev,) = assaults("Nine people were killed in clashes between herders and farmers in Chad.")
    names = [p.name for p in ev.actors + ev.targets]
    assert "civilians" in names and "militias" in names, names


def test_a_place_s_country_is_no_object_and_the_next_verb_s_is():
    (ev,) = assaults("Gunmen attacked Ethiopia's western Oromia region, killing 320 civilians.")
    assert [p.id for p in ev.targets] == ["actor:civilians"], ev.targets


def test_a_speaker_s_perfect_tense_makes_no_war_toll():
    evs = assaults(
        "Eritrean soldiers killed hundreds of civilians in the town of Axum, "
        "Amnesty International has said."
    )
    assert [p.country for e in evs for p in e.actors] == ["ERI"]


@pytest.mark.parametrize(
    "text, actor_id, place",
    [
        (
            "Thirteen people were killed in an attack on a village in South-east Niger by Boko "
            "Haram insurgents, local officials said.",
            "actor:boko-haram",
            "Niger",
        ),
        ("Gunmen killed 9 villagers in South-west Nigeria.", "actor:militants", "Nigeria"),
    ],
)
def test_an_attack_s_agent_past_its_scene_and_a_hyphenated_bearing(text, actor_id, place):
    (ev,) = assaults(text)
    assert actor_id in [p.id for p in ev.actors], ev.actors
    assert ev.locations[0].name == place, ev.locations


def test_suspected_members_killed_dozens_of_people():
    (ev,) = assaults('Suspected members of Boko Haram killed "dozens" of people in Borno.')
    assert [p.id for p in ev.targets] == ["actor:civilians"], ev.targets


@pytest.mark.parametrize(
    "text, actor_id",
    [
        (
            "The PKK attacked a border post. Turkish warplanes then struck Kurdish militants "
            "in Hakkari province, the army said.",
            "actor:pkk",
        ),
        (
            "Washington's support for Kurdish militants in northern Syria angered Turkey.",
            "actor:ypg",
        ),
    ],
)
def test_a_generic_stands_for_the_group_its_story_names_where_it_is(text, actor_id):
    ids = {p.id for m in find_mentions(text) for p in [m.entity]}
    assert actor_id in ids, ids


@pytest.mark.parametrize(
    "text, country",
    [
        ("A jawan died in an encounter with militants in Anantnag.", "IND"),
        ("A roadside bomb killed one army ranger in Narathiwat.", "THA"),
        ("Twenty local police were killed when gunmen stormed checkpoints in Kunduz.", "AFG"),
    ],
)
def test_role_nouns_of_the_state_s_forces_are_its_targets(text, country):
    (ev,) = assaults(text)
    assert country in [p.country for p in ev.targets], ev.targets


@pytest.mark.parametrize(
    "text, place",
    [
        ("Three Rohingya were shot dead in Ukhiya, Cox's Bazar on Monday.", "Cox’s Bāzār"),
        ("Gunmen killed nine people near Balochistan's Noshki on Saturday.", "Nushki"),
        ("Militants attacked a police post in Budgam district of Jammu and Kashmir.", "Badgām"),
    ],
)
def test_towns_by_a_possessive_name_and_by_another_transliteration(text, place):
    (ev,) = assaults(text)
    assert ev.locations[0].name == place, ev.locations


def test_another_transliteration_is_read_only_in_the_story_s_country():
    # "Kabun" is a district of Damascus, no Russian Kuban, though the story names Russia
    evs = assaults(
        "Russian jets struck Idlib, RIA Novosti said. The Syrian army fought rebels in Kabun."
    )
    assert not [loc for e in evs for loc in e.locations if loc.country == "RUS"]


def test_a_spelling_is_read_in_the_country_its_words_give_it():
    # the story is about U.S. planes, but "Iraq's Amerli" is no Amarillo
    evs = assaults("U.S. planes strike militants near Iraq's Amerli, airdrop aid.")
    assert not [loc for e in evs for loc in e.locations if loc.country == "USA"]


@pytest.mark.parametrize(
    "text, killed",
    [
        ("The airstrike on the market resulted in at least eight deaths, officials said.", 8),
        ("A drone attack hit the base, resulting in two deaths.", 2),
        ("Ten people were shot to death at a bar in Celaya.", 10),
        ("Gunmen carried out the massacre of around 21 miners in Bolivar state.", 21),
        ("The shelling caused the loss of 11 lives in Taiz.", 11),
        ("Presidential candidate Fernando Villavicencio was assassinated in Quito.", 1),
        ("Journalist Juan Perez was shot and killed in Tijuana on Monday.", 1),
        ("The Observatory said the deaths came in three separate clashes near Aleppo.", None),
    ],
)
def test_tolls_of_the_fifth_world_round(text, killed):
    evs = assaults(text)
    assert max((e.killed or 0) for e in evs) == (killed or 0), [(e.killed, e.rule) for e in evs]


@pytest.mark.parametrize(
    "text, ids",
    [
        (
            "Los Chapitos gunmen clashed with La Mayiza fighters in Culiacan.",
            {"actor:los-chapitos", "actor:la-mayiza"},
        ),
        ("Los Lobos inmates attacked Los Choneros in the Litoral prison.", {"actor:los-lobos"}),
        ("The West Papua National Liberation Army (TPNPB) shot two soldiers.", {"actor:tpnpb"}),
    ],
)
def test_rival_factions_are_apart_and_long_names_beat_their_tails(text, ids):
    got = {m.entity.id for m in find_mentions(text)}
    assert ids <= got, got
    assert "actor:eln" not in got


def test_a_clash_reported_between_two_groups_has_both_sides():
    (ev,) = assaults(
        "A clash has been reported between the Arakan Army (AA) and Arakan Rohingya "
        "Salvation Army (ARSA) in Buthidaung Township, Rakhine State."
    )
    ids = {p.id for p in ev.actors + ev.targets}
    assert {"actor:arakan-army", "actor:arsa"} <= ids, ids


def test_a_town_in_a_title_case_headline_is_no_name():
    (ev,) = assaults("Boko Haram Attacks Maiduguri")
    assert [loc.name for loc in ev.locations] == ["Maiduguri"], ev.locations


@pytest.mark.parametrize(
    "text, country, not_place",
    [
        (
            "Nine people were killed in clashes 500 km south of Chad's capital N'Djamena.",
            "TCD",
            "N'Djamena",
        ),
        ("Gunmen killed 12 villagers 570km north of the capital, Addis Ababa.", "ETH", "Addis"),
        (
            "N'Djamena, Chad | AFP - Boko Haram fighters killed 10 soldiers near Lake Chad.",
            None,
            "N'Djamena",
        ),
        (
            "JERUSALEM, Nov 1 (NNN-MA'AN) - Israeli forces shot dead a Palestinian in Hebron.",
            "PSE",
            "Ma'an",
        ),
    ],
)
def test_reference_points_and_agencies_are_no_scene(text, country, not_place):
    (ev,) = assaults(text)
    assert not [loc for loc in ev.locations if loc.name.startswith(not_place)], ev.locations
    if country:
        assert ev.locations[0].country == country, ev.locations


def test_a_town_some_miles_away_is_a_region_around_it():
    (ev,) = assaults("Rebels killed four soldiers about 43 miles from the city of Cali.")
    assert (ev.locations[0].name, ev.locations[0].precision) == ("Cali", "region")


@pytest.mark.parametrize(
    "text, country",
    [
        ("Dhaka, Jan 5 (IANS): Two people were killed in clashes in Naniarchar.", "BGD"),
        ("Bomb kills 25 at Egypt's Coptic Christian cathedral.", "EGY"),
    ],
)
def test_a_country_where_nothing_else_places_the_attack(text, country):
    (ev,) = assaults(text)
    assert [loc.country for loc in ev.locations] == [country], ev.locations


@pytest.mark.parametrize(
    "text, not_party",
    [
        (
            "At least six people lost their lives in clashes at Ain al-Helweh, a Palestinian "
            "refugee camp in south Lebanon.",
            "PSE",
        ),
        ("Gunmen barged into a bar in rural Mexico, shooting eight patrons dead.", "MEX"),
    ],
)
def test_a_country_describing_a_place_is_no_party(text, not_party):
    evs = assaults(text)
    assert not_party not in {p.country for e in evs for p in e.actors + e.targets}


def test_a_group_s_bombers_are_on_the_ground():
    (ev,) = assaults("Boko Haram bombers kill seven in Maiduguri")
    assert [p.id for p in ev.actors] == ["actor:boko-haram"], ev.actors
    assert ev.mode != "aerial"


@pytest.mark.parametrize(
    "text, killed, place",
    [
        ("Police said Abdul Majid, 45, was shot dead by unknown gunmen in Quetta.", 1, "Quetta"),
        ("The attack claimed a life in Bajaur, police said.", 1, "Bajaur"),
        (
            "Militants attacked a checkpoint in south Kashmir's Shopian district, killing a "
            "policeman.",
            1,
            "Shopian",
        ),
    ],
)
def test_a_victim_s_age_is_no_toll_and_a_named_victim_is_one(text, killed, place):
    (ev,) = assaults(text)
    assert (ev.killed, ev.locations[0].name) == (killed, place), (ev.killed, ev.locations)


def test_a_ministry_in_the_capital_speaks_and_is_no_scene():
    (ev,) = assaults(
        "An Azerbaijani soldier was killed by Armenian sniper fire, the defense ministry in "
        "Baku said."
    )
    assert "Baku" not in [loc.name for loc in ev.locations], ev.locations


@pytest.mark.parametrize(
    "text, killed",
    [
        (
            "Militants killed five members of the security forces and four civilians in Tillaberi.",
            9,
        ),
        ("Thirteen civilians, eight of them children, were killed in an air strike in Idlib.", 13),
        ("Jihadists attacked the town on 9 and 10 August, beheading at least two people.", 2),
        ("Clashes killed 30 regime fighters as well as 50 rebels, the Observatory said.", 80),
    ],
)
def test_tolls_of_the_sixth_world_round(text, killed):
    evs = assaults(text)
    assert max((e.killed or 0) for e in evs) == killed, [(e.killed, e.rule) for e in evs]


def test_dozens_of_them_wounded_are_no_part_of_the_dead():
    (ev,) = assaults(
        "The army ambushed a group of terrorists, killing 15 and injuring dozens of them."
    )
    assert (ev.killed, ev.wounded) == (15, 12)


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("A woman Naxal was killed in an encounter with police in Gadchiroli.", "actor:state:IND"),
        (
            "Two soldiers were killed in a clash with members of the left-wing New People's Army "
            "rebels in Samar province.",
            "actor:npa-philippines",
        ),
        (
            "Thirteen IS militants were killed during battles with other opposition groups in Idlib.",
            "actor:syrian-opposition",
        ),
    ],
)
def test_the_side_the_dead_fought_with_killed_them(text, actor_id):
    evs = assaults(text)
    assert actor_id in [p.id for e in evs for p in e.actors], [e.actors for e in evs]


def test_an_ally_s_support_is_no_opponent():
    evs = assaults("The SDF is fighting with US support to capture Raqqa from IS, killing 20.")
    assert "USA" not in [p.country for e in evs for p in e.actors + e.targets]


def test_a_mob_kills_and_a_bare_man_in_a_headline_is_a_civilian():
    (ev,) = assaults("Man killed by sword-wielding mob as Sri Lanka's anti-Muslim riots escalate")
    assert [p.id for p in ev.actors] == ["actor:rioters"], ev.actors
    assert [p.id for p in ev.targets] == ["actor:civilians"], ev.targets


@pytest.mark.parametrize(
    "text, actor_id, target_id",
    [
        (
            "Sudanese troops kill over 50 Sudan People's Liberation Movement-North (SPLM-N) "
            "rebels in South Kordofan.",
            "actor:state:SDN",
            "actor:splm-n",
        ),
        (
            "Ethiopian forces killed more than 300 fighters from the Fano militia in Amhara.",
            "actor:state:ETH",
            "actor:fano",
        ),
        (
            "Bandits dressed as police reservists killed 11 people in Baringo.",
            "actor:bandits",
            "actor:civilians",
        ),
        (
            "Eleven people were killed in clashes between nomadic herders and sedentary farmers "
            "in southern Chad.",
            "actor:militias",
            "actor:civilians",
        ),
    ],
)
def test_sides_past_a_quantity_a_disguise_and_an_adjective(text, actor_id, target_id):
    (ev,) = assaults(text)
    assert actor_id in [p.id for p in ev.actors], ev.actors
    assert target_id in [p.id for p in ev.targets], ev.targets


def test_a_district_of_a_neighbour_is_read_in_its_country():
    (ev,) = assaults("ADF rebels killed 25 students in Kasese district.")
    assert ev.locations[0].country == "UGA", ev.locations


@pytest.mark.parametrize(
    "text, admin1",
    [
        (
            "Eight Egyptian police officers were killed in an attack in the restive northern "
            "Sinai peninsula.",
            "North Sinai",
        ),
        ("Two Yemeni soldiers were killed by a roadside bomb in Hadramawt province.", "Hadramawt"),
        ("Saudi-led air strikes killed 12 people in Saada province.", "Saada"),
    ],
)
def test_divisions_by_the_names_the_english_news_gives(text, admin1):
    (ev,) = assaults(text)
    assert ev.locations[0].admin1 == admin1, ev.locations


@pytest.mark.parametrize(
    "text, country",
    [
        (
            "Suspected Ugandan rebels killed 22 people in eastern Democratic Republic of Congo.",
            "COD",
        ),
        ("Russian missiles strike Ukrainian cities, killing 12.", "UKR"),
        ("Two people were killed in shelling in occupied eastern Ukraine.", "UKR"),
        ("Police killed ten people in a raid on a favela in Rio.", "BRA"),
    ],
)
def test_the_country_of_the_seventh_world_round(text, country):
    (ev,) = assaults(text)
    assert ev.locations[0].country == country, ev.locations


@pytest.mark.parametrize(
    "text, killed, wounded",
    [
        ("A soldier was fatally wounded in a clash with militants in Bannu.", 1, None),
        ("Gunmen killed a monk in Narathiwat.", 1, None),
    ],
)
def test_fatal_wounds_and_a_single_victim(text, killed, wounded):
    (ev,) = assaults(text)
    assert (ev.killed, ev.wounded) == (killed, wounded)


def test_a_coordinated_attack_is_no_cooperation():
    art = Article(
        id="w",
        title="",
        text="Several Taliban insurgents launched a coordinated attack on a police headquarters "
        "in Ghazni, killing 12 policemen.",
    )
    assert [e.type for e in extract(art).events] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Gunmen killed five people in Jamundi, Valle, in southwestern Colombia.", "Jamundí"),
        ("Police killed six people in Salvador de Bahia.", "Salvador"),
    ],
)
def test_short_names_of_divisions_and_towns(text, place):
    (ev,) = assaults(text)
    assert ev.locations[0].name == place and ev.locations[0].country in ("COL", "BRA")


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("The AA said it killed 20 junta soldiers in Rakhine State.", "actor:arakan-army"),
        ("Kurdish Workers Party militants attacked a base in Van.", "actor:pkk"),
    ],
)
def test_abbreviations_read_in_their_country_s_story(text, actor_id):
    evs = assaults(text)
    assert actor_id in [p.id for e in evs for p in e.actors], [e.actors for e in evs]


@pytest.mark.parametrize(
    "text, actors",
    [
        ("Somali suicide bombing kills 20 in Mogadishu.", []),
        ("Gunman kills seven in Kano market.", ["actor:militants"]),
        ("Hezbollah rockets batter northern Israel, killing two.", ["actor:hezbollah"]),
        (
            "Syrian and Russian bombing killed 33 people in Aleppo.",
            ["actor:state:SYR", "actor:state:RUS"],
        ),
    ],
)
def test_a_demonym_before_a_bombing_says_where(text, actors):
    (ev,) = assaults(text)
    assert [p.id for p in ev.actors] == actors, ev.actors


def test_the_dead_fell_in_the_attack_their_after_clause_tells():
    (ev,) = assaults(
        "At least nine policemen were killed after several Taliban fighters attacked a "
        "security checkpoint in Maidan Wardak province."
    )
    assert [p.id for p in ev.actors] == ["actor:taliban"], ev.actors
    assert ev.killed == 9


@pytest.mark.parametrize(
    "text, country",
    [
        (
            "Clashes between government troops and armed opposition fighters killed 20 in Unity state.",
            None,
        ),
        ("Opposition fighters shelled Aleppo, killing 5 civilians.", "SYR"),
    ],
)
def test_an_armed_opposition_is_syria_s_only_in_a_story_about_syria(text, country):
    ids = {m.entity.id: m.entity.country for m in find_mentions(text) if m.entity.kind == "actor"}
    got = [c for i, c in ids.items() if i in ("actor:syrian-opposition", "actor:rebels")]
    assert got == [country], ids


def test_a_bracketed_abbreviation_stands_for_the_name_before_it():
    (ev,) = assaults(
        "The Peruvian National Police (PNP) said narcoterrorists killed two officers in Peru."
    )
    assert ev.locations[0].country == "PER"
    ms = find_mentions("The Peruvian National Police (PNP) said so.")
    assert {m.entity.country for m in ms} == {"PER"}, ms


def test_an_agency_s_credit_is_no_government():
    ms = find_mentions("ACCRA (dpa/GNA) - Gunmen killed four people in Bawku.")
    assert "LBY" not in {m.entity.country for m in ms}


@pytest.mark.parametrize(
    "text, actor_id, killed",
    [
        (
            "Two personnel were killed in an IED blast triggered by Maoists in Bijapur.",
            "actor:cpi-maoist",
            2,
        ),
        ("The operation resulted in the martyrdom of 13 soldiers in North Waziristan.", None, 13),
        ("Law enforcement officers killed four gang members in Rio.", "actor:state:BRA", 4),
    ],
)
def test_the_eighth_world_round(text, actor_id, killed):
    (ev,) = assaults(text)
    if actor_id:
        assert actor_id in [p.id for p in ev.actors], ev.actors
    assert ev.killed == killed


def test_a_group_another_is_tied_to_is_no_side():
    (ev,) = assaults(
        "Militants from al-Shabaab, an al-Qaeda-affiliated terrorist group, killed 12 soldiers "
        "in Lower Shabelle."
    )
    assert "actor:al-qaeda" not in [p.id for p in ev.actors], ev.actors


def test_a_headline_s_event_noun_before_reported_is_no_speaker():
    (ev,) = assaults("Clashes reported between Arakan Army, junta troops in Rakhine State kill 12.")
    assert "actor:arakan-army" in [p.id for p in ev.actors + ev.targets], ev.actors
