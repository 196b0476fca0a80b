"""Mention finding, PETRARCH validation style: a table of sentences with the entities
they must (and must not) yield, grouped by the rule they exercise.

Each record: (category, sentence, expected, absent). ``expected`` lists
``(text, entity id, sector)`` triples (sector ``...`` means "don't care"); ``absent``
lists entity ids or surface texts that must not be found.
"""

from __future__ import annotations

import pytest

from briefing.extract.mentions import find_mentions, role_mention
from briefing.gazetteer import load

ANY = ...

RECORDS = [
    # --- ACTOR: dictionary actors and aliases -----------------------------------
    (
        "ACTOR",
        "ISIS fighters attacked the town.",
        [("ISIS fighters", "actor:islamic-state", ANY)],
        ["actor:militants"],
    ),
    (
        "ACTOR",
        "The Islamic State (IS) claimed the attack.",
        [("Islamic State", "actor:islamic-state", ANY), ("IS", "actor:islamic-state", ANY)],
        [],
    ),
    (
        "ACTOR",
        "US aircraft struck IS targets near the river.",
        [("IS", "actor:islamic-state", ANY)],
        [],
    ),
    (
        "ACTOR",
        "Daesh terrorists shelled the district.",
        [("Daesh terrorists", "actor:islamic-state", ANY)],
        [],
    ),
    ("ACTOR", "ISIL lost ground.", [("ISIL", "actor:islamic-state", ANY)], []),
    ("ACTOR", "THE WAR IS OVER, the headline said.", [], ["actor:islamic-state"]),
    ("ACTOR", "He said it is what it is.", [], ["actor:islamic-state"]),
    ("ACTOR", "The WHO said the symptoms matched a nerve agent.", [("WHO", "actor:who", ANY)], []),
    ("ACTOR", "Nobody knew who fired.", [], ["actor:who"]),
    (
        "ACTOR",
        "The SDF and the YPG advanced on Raqqa.",
        [("SDF", "actor:sdf", ANY), ("YPG", "actor:ypg", ANY)],
        [],
    ),
    (
        "ACTOR",
        "Hayat Tahrir al-Sham (HTS) controls Idlib.",
        [("Hayat Tahrir al-Sham", "actor:hts", ANY), ("HTS", "actor:hts", ANY)],
        [],
    ),
    (
        "ACTOR",
        "Jabhat Fateh al-Sham, formerly al-Nusra, fought Ahrar al-Sham.",
        [
            ("Jabhat Fateh al-Sham", "actor:nusra-front", ANY),
            ("al-Nusra", "actor:nusra-front", ANY),
            ("Ahrar al-Sham", "actor:ahrar-al-sham", ANY),
        ],
        [],
    ),
    ("ACTOR", "The Hashd al-Shaabi entered the city.", [("Hashd al-Shaabi", "actor:pmf", ANY)], []),
    (
        "ACTOR",
        "The White Helmets and SOHR reported deaths.",
        [("White Helmets", "actor:white-helmets", ANY), ("SOHR", "actor:sohr", ANY)],
        [],
    ),
    (
        "ACTOR",
        "The OPCW and the UN Security Council met.",
        [("OPCW", "actor:opcw", ANY), ("UN Security Council", "actor:unsc", ANY)],
        [],
    ),
    (
        "ACTOR",
        "Russian Aerospace Forces hit Idlib.",
        [("Russian Aerospace Forces", "actor:russian-aerospace-forces", ANY)],
        [],
    ),
    (
        "ACTOR",
        "The IRGC's Quds Force trained them.",
        [("IRGC's Quds Force", "actor:quds-force", ANY)],
        [],
    ),
    # --- MEMBERS: a named group with what its members are called is one mention -------
    (
        "MEMBERS",
        "Al-Nusra fighters and Nusra militants attacked; IS militants and Hezbollah fighters fled.",
        [
            ("Al-Nusra fighters", "actor:nusra-front", ANY),
            ("Nusra militants", "actor:nusra-front", ANY),
            ("IS militants", "actor:islamic-state", ANY),
            ("Hezbollah fighters", "actor:hezbollah", ANY),
        ],
        ["actor:militants", "fighters", "militants"],
    ),
    ("MEMBERS", "Rebel fighters and the militants left.", [], ["Rebel fighters militants"]),
    # --- KURDS: Kurdish forces are the YPG/SDF (in a story about Iraq, the Peshmerga) ----
    (
        "KURDS",
        "Kurdish forces, Kurdish fighters and a Kurdish militia held Kobani; Syrian Kurds said so.",
        [
            ("Kurdish forces", "actor:ypg", ANY),
            ("Kurdish fighters", "actor:ypg", ANY),
            ("Kurdish militia", "actor:ypg", ANY),
            ("Syrian Kurds", "actor:ypg", ANY),
        ],
        ["actor:state:SYR", "actor:militants", "actor:militias"],
    ),
    (
        "KURDS",
        "Kurdish-led forces and the Kurdish YPG advanced on Raqqa.",
        [("Kurdish-led forces", "actor:sdf", ANY), ("Kurdish YPG", "actor:ypg", ANY)],
        [],
    ),
    (
        "KURDS",
        "In Iraq, Kurdish forces retook Sinjar from Islamic State near Mosul, Iraq.",
        [("Kurdish forces", "actor:peshmerga", ANY)],
        ["actor:ypg"],
    ),
    # --- LONGEST: longest match wins ----------------------------------------------
    (
        "LONGEST",
        "Kataib Hezbollah is not Hezbollah.",
        [
            ("Kataib Hezbollah", "actor:kataib-hezbollah", ANY),
            ("Hezbollah", "actor:hezbollah", ANY),
        ],
        [],
    ),
    (
        "LONGEST",
        "Lebanese Hezbollah fighters crossed.",
        [("Lebanese Hezbollah fighters", "actor:hezbollah", ANY)],
        ["actor:kataib-hezbollah"],
    ),
    (
        "LONGEST",
        "The Syrian Observatory for Human Rights said so.",
        [("Syrian Observatory for Human Rights", "actor:sohr", ANY)],
        ["actor:state:SYR"],
    ),
    # --- FOLD: case, diacritics, hyphens, the article, apostrophes ------------------
    (
        "FOLD",
        "Kataib-Hezbollah claimed it.",
        [("Kataib-Hezbollah", "actor:kataib-hezbollah", ANY)],
        [],
    ),
    (
        "FOLD",
        "Fighters of Kataib Sayyid al-Shuhada were hit.",
        [("Kataib Sayyid al-Shuhada", "actor:kataib-sayyid-al-shuhada", ANY)],
        [],
    ),
    (
        "FOLD",
        "Kata'ib Hizballah denied it.",
        [("Kata'ib Hizballah", "actor:kataib-hezbollah", ANY)],
        [],
    ),
    ("FOLD", "Then Erdoğan spoke.", [("Erdoğan", "actor:recep-tayyip-erdogan", ANY)], []),
    (
        "FOLD",
        "Shelling hit ar-Raqqa and Deir ez-Zor.",
        [("ar-Raqqa", "place:geonames:172955", ANY), ("Deir ez-Zor", "place:geonames:170794", ANY)],
        [],
    ),
    (
        "FOLD",
        "Clashes in Deir Ezzor and Deir el-Zour.",
        [
            ("Deir Ezzor", "place:geonames:170794", ANY),
            ("Deir el-Zour", "place:geonames:170794", ANY),
        ],
        [],
    ),
    ("FOLD", "The crossing at Al Qa’im reopened.", [("Al Qa’im", "place:geonames:92138", ANY)], []),
    # --- FUZZY: transliterations of capitalised unknown names -------------------------
    (
        "FUZZY",
        "Kataib Sayyid al-Shushada fighters were targeted.",
        [("Kataib Sayyid al-Shushada", "actor:kataib-sayyid-al-shuhada", ANY)],
        [],
    ),
    (
        "FUZZY",
        "The towns of Albukamal and al-Qaim lie on the border.",
        [("Albukamal", "place:geonames:174448", ANY), ("al-Qaim", "place:geonames:92138", ANY)],
        [],
    ),
    (
        "FUZZY",
        "Fighting in Eastern Gouta continued.",
        [("Eastern Gouta", "place:eastern-ghouta", ANY)],
        [],
    ),
    # --- ROLE: role words make actors with sectors ------------------------------------
    (
        "ROLE",
        "Syrian warplanes bombed the town.",
        [("Syrian warplanes", "actor:state:SYR", "MIL")],
        [],
    ),
    (
        "ROLE",
        "Syrian jets and Syrian troops advanced.",
        [("Syrian jets", "actor:state:SYR", "MIL"), ("Syrian troops", "actor:state:SYR", "MIL")],
        [],
    ),
    (
        "ROLE",
        "The Iraqi government condemned the strike.",
        [("Iraqi government", "actor:state:IRQ", "GOV")],
        [],
    ),
    (
        "ROLE",
        "The Russian Parliament voted.",
        [("Russian Parliament", "actor:russia-duma", ANY)],
        [],
    ),
    ("ROLE", "Turkish lawmakers voted.", [("Turkish lawmakers", "actor:state:TUR", "LEG")], []),
    ("ROLE", "The Kremlin denied it.", [("Kremlin", "actor:state:RUS", "GOV")], []),
    (
        "ROLE",
        "The Pentagon said the strike was defensive.",
        [("Pentagon", "actor:us-dod", ANY)],
        [],
    ),
    (
        "ROLE",
        "Iran-backed militias fired rockets.",
        [("Iran-backed militias", "actor:iran-backed-militias", ANY)],
        [],
    ),
    (
        "ROLE",
        "Iranian-backed fighters and pro-Iranian militias moved west.",
        [
            ("Iranian-backed fighters", "actor:iran-backed-militias", ANY),
            ("pro-Iranian militias", "actor:iran-backed-militias", ANY),
        ],
        [],
    ),
    (
        "ROLE",
        "US-backed rebels took the town.",
        [("US-backed rebels", "actor:united-states-backed-rebels", ANY)],
        [],
    ),
    (
        "ROLE",
        "The US-backed SDF took the town.",
        [("US-backed SDF", "actor:sdf", ANY)],
        ["actor:united-states-backed-groups"],
    ),
    (
        "ROLE",
        "Syrian regime forces shelled Douma.",
        [("Syrian regime forces", "actor:state:SYR", "MIL")],
        [],
    ),
    ("ROLE", "Iranian-made weapons were found.", [], ["actor:state:IRN"]),
    (
        "ROLE",
        "Syrian President Bashar al-Assad spoke.",
        [("Bashar al-Assad", "actor:bashar-al-assad", ANY)],
        ["actor:state:SYR"],
    ),
    (
        "ROLE",
        "Iraqi Prime Minister Haider al-Abadi met Lavrov.",
        [("Haider al-Abadi", "actor:haider-al-abadi", ANY), ("Lavrov", "actor:sergei-lavrov", ANY)],
        [],
    ),
    # --- CONTEXT: focus country for generic actors ---------------------------------
    (
        "CONTEXT",
        "In Syria, regime forces shelled Aleppo while the rebels held out.",
        [("regime forces", "actor:state:SYR", "MIL"), ("rebels", "actor:rebels", ANY)],
        [],
    ),
    (
        "CONTEXT",
        "Government forces advanced in Idlib, Syria.",
        [("Government forces", "actor:state:SYR", "MIL")],
        [],
    ),
    # --- STATE/PLACE: a country is a state or a place, by context -----------------------
    ("STATE_PLACE", "Syria bombed the town.", [("Syria", "actor:state:SYR", ANY)], []),
    ("STATE_PLACE", "Fighting continued in Syria.", [("Syria", "place:country:SYR", ANY)], []),
    (
        "STATE_PLACE",
        "Syria's bombing of ISIS positions drew praise.",
        [("Syria", "actor:state:SYR", ANY)],
        [],
    ),
    (
        "STATE_PLACE",
        "Troops moved across northern Iraq into Syria.",
        [("Syria", "place:country:SYR", ANY)],
        [],
    ),
    ("STATE_PLACE", "Officials said the U.S. would act.", [("U.S.", "actor:state:USA", ANY)], []),
    # --- CAPITAL: a capital stands for its government when it acts ------------------------
    ("CAPITAL", "Moscow is ready to help Iraq.", [("Moscow", "actor:state:RUS", "GOV")], []),
    (
        "CAPITAL",
        "The militias serve Tehran's interests.",
        [("Tehran", "actor:state:IRN", "GOV")],
        [],
    ),
    (
        "CAPITAL",
        "The Washington-led coalition struck.",
        [("Washington-led coalition", "actor:cjtf-oir", ANY)],
        [],
    ),
    (
        "CAPITAL",
        "This Washington-led group was not mentioned.",
        [("Washington", "actor:state:USA", "GOV")],
        [],
    ),
    ("CAPITAL", "Moscow reported the strike.", [("Moscow", "actor:state:RUS", "GOV")], []),
    (
        "CAPITAL",
        "Damascus said the rebels fired first.",
        [("Damascus", "actor:state:SYR", "GOV")],
        [],
    ),
    (
        "CAPITAL",
        "It was condemned by the Syrian government, Moscow and the coalition.",
        [("Moscow", "actor:state:RUS", "GOV")],
        ["place:"],
    ),
    (
        "CAPITAL",
        "Shelling hit Aleppo, Homs and Damascus.",
        [("Damascus", "place:geonames:170654", ANY)],
        ["actor:state:SYR"],
    ),
    (
        "CAPITAL",
        "A car bomb exploded in Damascus.",
        [("Damascus", "place:geonames:170654", ANY)],
        [],
    ),
    # --- POSSESSIVE: "'s" lost in the corpus ("Assads forces") --------------------------
    (
        "POSSESSIVE",
        "ISs fighters fled. Assads forces advanced. Russias jets bombed. Irans militias fought.",
        [
            ("ISs", "actor:islamic-state", ANY),
            ("Assads", "actor:bashar-al-assad", ANY),
            ("Russias", "actor:state:RUS", ANY),
            ("Irans", "actor:state:IRN", ANY),
        ],
        [],
    ),
    (
        "POSSESSIVE",
        "Syrias army moved and Turkeys troops crossed, but Homs held.",
        [
            ("Syrias", "actor:state:SYR", ANY),
            ("Turkeys", "actor:state:TUR", ANY),
            ("Homs", "place:geonames:169577", ANY),
        ],
        [],
    ),
    # --- PERSON: people are not towns ----------------------------------------------------
    (
        "PERSON",
        "Defense Secretary Lloyd Austin said the strike worked.",
        [("Lloyd Austin", "actor:lloyd-austin", ANY)],
        ["place:"],
    ),
    (
        "PERSON",
        "Pentagon press secretary John Kirby spoke. Kirby said the strikes were deliberate.",
        [("John Kirby", "actor:john-kirby", ANY), ("Kirby", "actor:john-kirby", ANY)],
        ["place:"],
    ),
    (
        "PERSON",
        "Lloyd Austin visited. Austin also credited the Iraqi investigation.",
        [("Austin", "actor:lloyd-austin", ANY)],
        ["place:"],
    ),
    (
        "PERSON",
        "Biden spoke with Saudi Arabia's King Salman by phone.",
        [("King Salman", "actor:king-salman", ANY)],
        ["place:"],
    ),
    (
        "PERSON",
        "President Obama made clear the U.S. will not send soldiers.",
        [("President Obama", "actor:barack-obama", ANY)],
        ["place:"],
    ),
    (
        "PERSON",
        "Gen. Kenneth “Frank” McKenzie cautioned Iran.",
        [("Kenneth “Frank” McKenzie", "actor:kenneth-mckenzie", ANY)],
        [],
    ),
    (
        "PERSON",
        "Soleimani, also spelled Suleimani, was killed; Qasem Soleimani led the Quds Force.",
        [
            ("Soleimani", "actor:qassem-soleimani", ANY),
            ("Suleimani", "actor:qassem-soleimani", ANY),
            ("Qasem Soleimani", "actor:qassem-soleimani", ANY),
        ],
        [],
    ),
    ("PERSON", "Ali A. Nabhan and Matt Bradley of the Journal report.", [], ["place:"]),
    # --- UNRESOLVED: unknown names acting like actors ----------------------------------------
    (
        "UNRESOLVED",
        "A contractor for an American defense company called Sallyport was injured.",
        [("Sallyport", "actor:unresolved:sallyport", ANY)],
        [],
    ),
    (
        "UNRESOLVED",
        "The Mutasim Brigade said it repelled the attack.",
        [("Mutasim Brigade", "actor:unresolved:mutasim-brigade", ANY)],
        [],
    ),
    (
        "UNRESOLVED",
        "Fighters of Liwa Suqour al-Jabal were seen.",
        [("Liwa Suqour al-Jabal", "actor:unresolved:liwa-suqour-al-jabal", ANY)],
        [],
    ),
    (
        "ARMED",
        "Sawaiq al-Rahman, an opposition faction of the FSA, said it shelled the base.",
        [("Sawaiq al-Rahman", "actor:unresolved:sawaiq-al-rahman", "REB")],
        [],
    ),
    (
        "ARMED",
        "The rebel group Sawaiq al-Rahman and Jaish al-Nasr fighters attacked.",
        [
            ("Sawaiq al-Rahman", "actor:unresolved:sawaiq-al-rahman", "REB"),
            ("Jaish al-Nasr fighters", "actor:unresolved:jaish-al-nasr", "REB"),
        ],
        [],
    ),
    (
        "ARMED",
        "The Sawaiq al-Rahman Brigade and Harakat Shabab al-Huda clashed.",
        [
            ("Sawaiq al-Rahman Brigade", "actor:unresolved:sawaiq-al-rahman-brigade", "REB"),
            ("Harakat Shabab al-Huda", "actor:unresolved:harakat-shabab-al-huda", "REB"),
        ],
        [],
    ),
    (
        "ARMED",
        "A leader of the militant group Abu Mohamad al-Golani spoke. Jaish was all he said.",
        [],
        ["actor:unresolved:jaish", "actor:unresolved:abu-mohamad-al-golani"],
    ),
    (
        "UNRESOLVED",
        "On Monday, Thursday and in March nothing happened. However, Meanwhile rose.",
        [],
        ["actor:unresolved:"],
    ),
    # --- NOISE: common words are not places ---------------------------------------------
    ("NOISE", "It was a nice day in the van, and the police were mobile.", [], ["place:"]),
    ("NOISE", "Nice work. Mobile phones rang. Police came. Van drivers left.", [], ["place:"]),
    ("NOISE", "Sleep Doctors Share the 1 Tip That's Changed Their Lives", [], ["place:"]),
    # --- PLACE: curated facilities and regions -------------------------------------
    (
        "PLACE",
        "Rockets hit Erbil air base, the Green Zone in Baghdad and Balad air base.",
        [
            ("Erbil air base", "place:erbil-air-base", ANY),
            ("Green Zone", "place:green-zone", ANY),
            ("Baghdad", "place:geonames:98182", ANY),
            ("Balad air base", "place:balad-air-base", ANY),
        ],
        [],
    ),
    (
        "PLACE",
        "Jets flew via airspace over al-Tanf outpost near the Iraq-Syria border.",
        [
            ("al-Tanf outpost", "place:al-tanf", ANY),
            ("Iraq-Syria border", "place:iraq-syria-border", ANY),
        ],
        [],
    ),
    (
        "PLACE",
        "US strikes hit the Shayrat air base after Khan Sheikhoun.",
        [
            ("Shayrat air base", "place:shayrat", ANY),
            ("Khan Sheikhoun", "place:geonames:168325", ANY),
        ],
        [],
    ),
    (
        "PLACE",
        "Convoys crossed Bab al-Hawa into Idlib province.",
        [("Bab al-Hawa", "place:bab-al-hawa", ANY), ("Idlib province", "place:admin1:SY.12", ANY)],
        [],
    ),
    (
        "PLACE",
        "Shelling hit the western province of Anbar.",
        [("Anbar", "place:admin1:IQ.01", ANY)],
        [],
    ),
]


def _match(m, text, eid, sector):
    return (
        m.text == text
        and m.entity.id == eid
        and (sector is ANY or (m.sector or m.entity.sector) == sector)
    )


@pytest.mark.parametrize(
    ("category", "sentence", "expected", "absent"),
    RECORDS,
    ids=[f"{r[0]}-{n}" for n, r in enumerate(RECORDS)],
)
def test_validation_record(category, sentence, expected, absent):
    ms = find_mentions(sentence)
    got = [(m.text, m.entity.id, m.sector) for m in ms]
    for text, eid, sector in expected:
        assert any(_match(m, text, eid, sector) for m in ms), (
            f"{category}: {text!r} -> {eid} not in {got}"
        )
    for a in absent:
        assert not any(m.entity.id.startswith(a) or m.text == a for m in ms), (
            f"{category}: {a!r} in {got}"
        )


def test_mentions_sorted_non_overlapping_with_spans():
    text = "Kataib-Hezbollah and Kataib Sayyid al-Shushada are part of the Popular Mobilization Forces (PMF) in Iraq."
    ms = find_mentions(text)
    assert ms == sorted(ms, key=lambda m: m.start)
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_fuzzy_mentions_score_below_one():
    (m,) = [
        m for m in find_mentions("Kataib Sayyid al-Shushada was hit.") if m.entity.kind == "actor"
    ]
    assert 0.8 < m.score < 1.0


def test_places_carry_country_admin1_and_coordinates():
    ms = {
        m.text: m.entity
        for m in find_mentions("Airstrikes hit Douma, Harasta and Zamalka near Damascus.")
    }
    for town in ("Douma", "Harasta", "Zamalka"):
        e = ms[town]
        assert (e.country, e.admin1) == ("SYR", "Rif Dimashq")
        assert e.lat and e.lon
    assert ms["Damascus"].admin1 == "Damascus"


def test_document_context_prefers_the_focus_country():
    # Rafah is in Gaza and in Egypt: a story about Gaza means the Palestinian one
    ms = find_mentions(
        "Israeli strikes hit Gaza. Palestinian officials in Gaza said Rafah was hit."
    )
    rafah = [m.entity for m in ms if m.text == "Rafah"]
    assert rafah and rafah[0].country == "PSE"


@pytest.mark.parametrize(
    ("text", "governorate"),
    [
        ("Shelling hit Aleppo. A police station in the Midan neighbourhood was hit.", "Aleppo"),
        (
            "Bombs hit the Midan neighbourhood of Damascus, the capital. Midan was hit before.",
            "Damascus",
        ),
        ("Rebels in Aleppo shelled Hamadaniyah, Midan and other districts.", "Aleppo"),
    ],
)
def test_ambiguous_district_takes_the_governorate_the_article_names(text, governorate):
    assert {m.entity.admin1 for m in find_mentions(text) if "Midan" in m.text} == {governorate}


def test_no_foreign_town_from_common_words():
    text = (
        "Civilians were trapped in an army siege of the Old City in the heart of Homs. "
        "Basic resources in rebel-held Aleppo are scarce, the US said."
    )
    places = {m.text: m.entity for m in find_mentions(text) if m.entity.kind == "place"}
    assert "Basic" not in places
    assert "Old City" not in places or places["Old City"].country == "SYR"


def test_capital_after_an_unknown_word_of_another_sentence_acts():
    ms = find_mentions("Jets hit the village of Hass. Moscow denied any involvement.")
    assert [(m.text, m.entity.id) for m in ms if m.text == "Moscow"] == [
        ("Moscow", "actor:state:RUS")
    ]


def test_role_mention_helper():
    text = "Then Syrian jets struck and Iran-backed militias fired back."
    m = role_mention(text, text.index("Syrian"), text.index(" struck"))
    assert (m.entity.id, m.sector, m.text) == ("actor:state:SYR", "MIL", "Syrian jets")
    m = role_mention(text, text.index("Iran"))
    assert m.entity.id == "actor:iran-backed-militias" and m.entity.affiliation == "IRN"
    assert m.entity.type == "armed_group"
    assert role_mention("nothing here") is None


def test_unresolved_armed_group_is_an_armed_group():
    (m,) = [m for m in find_mentions("The Saeqa Brigade said it shelled the base.")]
    assert (m.entity.type, m.entity.sector, m.entity.kind) == ("armed_group", "REB", "actor")


def test_gazetteer_passed_explicitly():
    g = load()
    assert [m.entity.id for m in find_mentions("Hezbollah", g)] == ["actor:hezbollah"]
