"""Fixtures for export tests: events made by hand, and an index filled through the real
indexer with a stand-in extractor (so export is tested apart from extraction)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import briefing.index.indexer as indexer
from briefing.index.indexer import index_paths
from briefing.index.queries import Index
from briefing.model import Entity, Event, Extraction, Mention

ENTITIES = {
    e.id: e
    for e in [
        Entity("actor:us", "United States", "actor", "state", "USA", "GOV", aliases=("US",)),
        Entity("actor:kh", "Kataib Hezbollah", "actor", "armed_group", "IRQ", "REB"),
        Entity("actor:ksas", "Kataib Sayyid al-Shuhada", "actor", "armed_group", "IRQ", "REB"),
        Entity("actor:syria", "Syrian government", "actor", "state", "SYR", "GOV"),
        Entity("actor:isis", "Islamic State", "actor", "armed_group", None, "REB"),
        Entity("place:syria", "Syria", "place", "country", "SYR"),
        Entity("place:iraq", "Iraq", "place", "country", "IRQ"),
        Entity("place:deir", "Deir ez-Zor", "place", "admin1", "SYR"),
        Entity("place:albukamal", "Albu Kamal", "place", "city", "SYR", admin1="Deir ez-Zor"),
        Entity("place:raqqa", "Raqqa", "place", "city", "SYR", admin1="Raqqa"),
    ]
}


def participant(key: str) -> dict[str, Any]:
    e = ENTITIES[key]
    return {"id": e.id, "name": e.name, "text": e.name, "type": e.type, "country": e.country,
            "sector": e.sector}  # fmt: skip


def location(key: str) -> dict[str, Any]:
    e = ENTITIES[key]
    return {"id": e.id, "name": e.name, "text": e.name, "type": e.type, "country": e.country,
            "admin1": e.admin1, "lat": None, "lon": None, "precision": e.type}  # fmt: skip


def event(
    event_id: str,
    article_id: str,
    *,
    sentence: str = "US warplanes struck militia depots.",
    actors: tuple[str, ...] = ("actor:us",),
    targets: tuple[str, ...] = ("actor:kh",),
    places: tuple[str, ...] = ("place:albukamal",),
    date: str | None = "2021-02-25",
    killed: int | None = None,
    wounded: int | None = None,
    type: str = "ASSAULT",
    mode: str | None = "aerial",
    modality: str = "asserted",
    start: int = 0,
) -> dict[str, Any]:
    """An event dict shaped as the data contract says (DESIGN.md)."""
    return {
        "event_id": event_id, "article_id": article_id, "type": type, "mode": mode,
        "cameo": "195", "sentence": sentence, "start": start, "end": start + len(sentence),
        "trigger": "struck", "rule": "test", "actors": [participant(a) for a in actors],
        "targets": [participant(t) for t in targets], "locations": [location(p) for p in places],
        "date": date, "date_text": None, "date_precision": "day" if date else None,
        "killed": killed, "wounded": wounded, "modality": modality, "confidence": 0.9,
    }  # fmt: skip


def article(id: str, *, title: str | None = None, text: str = "", date: str | None = "2021-02-26",
            source: str = "wire", url: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"id": id, "title": title or f"Article {id}", "text": text, "date": date,
            "source": source, "url": url}  # fmt: skip


def _extraction(article_id: str, text: str, events: list[dict[str, Any]]) -> Extraction:
    """The events, and a mention of every entity they name or the text names (so that
    names resolve in the index)."""
    named = {p["id"] for ev in events for p in ev["actors"] + ev["targets"] + ev["locations"]}
    named |= {key for key, e in ENTITIES.items() if e.name in text}
    mentions = [Mention(ENTITIES[key], 0, 1, text[:1] or "x") for key in sorted(named)]
    return Extraction(article_id, mentions, [Event.from_dict(e) for e in events])


@pytest.fixture
def build_index(tmp_path, monkeypatch) -> Callable[..., Index]:
    """``build_index([(article, [event, …]), …])``: an index of those articles and events,
    written by the real indexer (and linker) with extraction replaced by the given events."""
    opened: list[Index] = []

    def build(collection: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> Index:
        by_id = {a["id"]: evs for a, evs in collection}

        def fake_extract(art) -> Extraction:
            return _extraction(art.id, art.text, by_id.get(art.id, []))

        monkeypatch.setattr(indexer, "extract", fake_extract)
        path = tmp_path / f"collection{len(opened)}.jsonl"
        path.write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a, _ in collection),
            encoding="utf-8",
        )
        index = Index(tmp_path / f"index{len(opened)}.sqlite3")
        opened.append(index)
        summary = index_paths(index.con, [path], jobs=1)
        assert summary.indexed == len(collection), summary.lines()
        return index

    yield build
    for index in opened:
        index.close()
