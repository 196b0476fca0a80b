"""A small fixed collection for the app's tests: four hand-written articles (one of them
hostile) and a hand-written "extraction", indexed by the real indexer and linker.

The snapshots are taken on this collection so that they do not move when the real
extractor changes. Entities are found by their names and aliases in the text; events are
listed per article as (words of the sentence, type, mode, actors, targets, place, killed,
modality).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import briefing.index.indexer as indexer
from briefing.index.indexer import index_paths
from briefing.index.queries import Index
from briefing.model import Article, Entity, Event, Extraction, Location, Mention, Participant

HOSTILE = "Putin [/] meets [bold]Xi [/foo] [link=x]y[/link] [/ \x1b[31mred\x1b[0m \x07 end\\"

ENTITIES = [
    Entity("actor:us", "United States", "actor", "state", "USA", "GOV", aliases=("U.S.", "US")),
    Entity("actor:kh", "Kataib Hezbollah", "actor", "armed_group", "IRQ", "REB", aliases=("Kataib-Hezbollah",)),
    Entity("actor:kss", "Kataib Sayyid al-Shuhada", "actor", "armed_group", "IRQ", "REB",
           aliases=("Kataib Sayyid al-Shushada",)),
    Entity("actor:iraq", "Iraq", "actor", "state", "IRQ", "GOV"),
    Entity("actor:russia", "Russia", "actor", "state", "RUS", "GOV"),
    Entity("actor:isis", "Islamic State", "actor", "armed_group", None, "REB", aliases=("ISIS",)),
    Entity("actor:soleimani", "Qassem Soleimani", "actor", "person", "IRN", "MIL", aliases=("Soleimani",)),
    Entity("actor:brackets", "[/] Brigade [bold]", "actor", "armed_group", "SYR", "REB"),
    Entity("place:albukamal", "Albu Kamal", "place", "city", "SYR", admin1="Deir ez-Zor", aliases=("Abu Kamal",)),
    Entity("place:erbil", "Erbil", "place", "city", "IRQ", admin1="Erbil"),
    Entity("place:deir", "Deir ez-Zor", "place", "admin1", "SYR"),
    Entity("place:syria", "Syria", "place", "country", "SYR"),
]  # fmt: skip
BY_ID = {e.id: e for e in ENTITIES}

ARTICLES = [
    {
        "id": "strike-2021",
        "title": "US strikes Iran-backed militias near Albu Kamal",
        "source": "Fixture Wire",
        "date": "2021-02-26",
        "text": (
            "The United States carried out an airstrike against Kataib Hezbollah and Kataib Sayyid "
            "al-Shuhada near Albu Kamal on Thursday. Five militants were killed in the strike, a "
            "monitor said.\n\nIraq denied sharing intelligence about the targets. Officials said the "
            "United States would not strike Syria again this week.\n\nThe militias have attacked "
            "bases in Erbil since the killing of Qassem Soleimani. Analysts expect Kataib Hezbollah "
            "to retaliate against the United States in Deir ez-Zor."
        ),
    },
    {
        "id": "erbil-2021",
        "title": "Rockets hit Erbil air base",
        "source": "Fixture Post",
        "date": "2021-02-16",
        "text": (
            "Rockets fired by Kataib Sayyid al-Shuhada hit the air base in Erbil on Monday, killing "
            "one contractor. Kataib Hezbollah denied any role in the attack on the United States "
            "forces."
        ),
    },
    {
        "id": "russia-2015",
        "title": "Russia begins airstrikes in Syria",
        "source": "Fixture Times",
        "date": "2015-09-30",
        "text": (
            "Russia began airstrikes against the Islamic State in Syria on Wednesday. The strikes "
            "hit positions in Deir ez-Zor, officials said."
        ),
    },
    {
        "id": "hostile",
        "title": HOSTILE,
        "source": "[bold]Wire[/]",
        "date": "2021-03-01",
        "text": (
            f"{HOSTILE} The [/] Brigade [bold] attacked Islamic State fighters in Deir ez-Zor. "
            "Then [/ and [link=x]click[/link] and \x1b[2J and [/] again."
        ),
    },
]

# article id -> [(sentence words, type, mode, actors, targets, place, killed, modality)]
EVENTS = {
    "strike-2021": [
        ("The United States carried out an airstrike", "ASSAULT", "aerial", ["us"], ["kh", "kss"], "albukamal", 5, "asserted"),
        ("Iraq denied sharing intelligence", "REJECT", None, ["iraq"], ["us"], None, None, "asserted"),
        ("Officials said the United States would not strike", "ASSAULT", "aerial", ["us"], [], "syria", None, "negated"),
        ("Analysts expect Kataib Hezbollah", "ASSAULT", None, ["kh"], ["us"], "deir", None, "future"),
    ],
    "erbil-2021": [
        ("Rockets fired by Kataib Sayyid", "ASSAULT", "heavy-weapons", ["kss"], ["us"], "erbil", 1, "asserted"),
    ],
    "russia-2015": [
        ("Russia began airstrikes", "ASSAULT", "aerial", ["russia"], ["isis"], "syria", None, "asserted"),
    ],
    "hostile": [
        ("The [/] Brigade [bold] attacked", "ASSAULT", "firearms", ["brackets"], ["isis"], "deir", 3, "asserted"),
    ],
}  # fmt: skip


def _sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    ends = [m.end() for m in re.finditer(r"[.!?](\s|$)", text) if m.end() > start]
    return start, (ends[0] if ends else len(text))


def _person(key: str) -> Participant:
    e = BY_ID[f"actor:{key}"]
    return Participant(e.id, e.name, e.name, e.type, e.country, e.sector)


def _place(key: str) -> Location:
    e = BY_ID[f"place:{key}"]
    return Location(e.id, e.name, e.name, e.type, e.country, e.admin1, precision=e.type)


def fake_extract(article: Article) -> Extraction:
    text = article.text
    mentions = []
    for e in ENTITIES:
        for name in (e.name, *e.aliases):
            for m in re.finditer(re.escape(name), text):
                mentions.append(Mention(e, m.start(), m.end(), name))
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept, last_end = [], -1
    for m in mentions:  # the longest name wins where names overlap
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    events = []
    for i, (words, type_, mode, actors, targets, place, killed, modality) in enumerate(
        EVENTS.get(article.id, [])
    ):
        start, end = _sentence(text, words)
        events.append(
            Event(
                event_id=f"{article.id}:e{i}", article_id=article.id, type=type_, sentence=text[start:end],
                start=start, end=end, trigger=words.split()[-1], rule="fixture", mode=mode,
                actors=[_person(a) for a in actors], targets=[_person(t) for t in targets],
                locations=[_place(place)] if place else [], date=article.date, date_precision="day",
                killed=killed, modality=modality,
            )
        )  # fmt: skip
    return Extraction(article.id, kept, events)


def build(db: Path, folder: Path) -> Path:
    """Index the fixture collection into ``db`` (a .jsonl file in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "fixture.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(indexer, "extract", fake_extract)
        with Index(db) as index:
            summary = index_paths(index.con, [source], jobs=1)
    assert summary.indexed == len(ARTICLES), summary.lines()
    return db
