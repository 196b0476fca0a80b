"""Related articles and events: ranked by what they share, rare things counting most."""

from __future__ import annotations

import pytest

from briefing.index.indexer import index_paths
from briefing.index.queries import Index
from briefing.index.related import kind_of_id, related, related_articles, related_events
from tests.index.test_link import article, fake_extraction, write_collection  # noqa: F401

FILLER = [
    article(f"f{n}", "@actor:us and @place:syria and @actor:russia, again.", f"2021-0{n}-01")
    for n in range(1, 7)
]
STRIKE = "EVENT ASSAULT/aerial us>kh,ksas @albukamal {date} | struck."
ARTICLES = [
    article(
        "feb",
        "@actor:us @actor:us @place:syria @actor:kh @actor:ksas. "
        + STRIKE.format(date="2021-02-25"),
        "2021-02-26",
    ),
    article(
        "jun",
        "@actor:us @actor:kh @actor:ksas @place:iraq. " + STRIKE.format(date="2021-06-27"),
        "2021-06-28",
    ),
    article(
        "busy",
        "@actor:us @actor:us @actor:us @place:syria @place:syria @actor:russia.",
        "2021-02-26",
    ),
    article(
        "talk",
        "@actor:russia @actor:isis. EVENT CONSULT/visit russia>us @syria | talks.",
        "2015-09-29",
    ),
]


@pytest.fixture
def index(tmp_path, fake_extraction):  # noqa: F811
    path = write_collection(tmp_path / "c.jsonl", ARTICLES + FILLER)
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        yield index


def test_rare_shared_actors_outrank_ubiquitous_ones(index):
    hits = related_articles(index, "feb")
    assert hits[0]["id"] == "jun"
    assert {"Kataib Hezbollah", "Kataib Sayyid al-Shuhada", "air strikes"} <= set(hits[0]["shared"])
    assert "United States air strikes" in hits[0]["shared"]
    # the rarest shared entries are named first; the United States comes after the militias
    shared = hits[0]["shared"]
    assert shared.index("Kataib Hezbollah") < shared.index("United States")
    busy = next(h for h in hits if h["id"] == "busy")
    assert busy["score"] < hits[0]["score"]


def test_related_is_symmetric_for_a_pair(index):
    assert related_articles(index, "jun")[0]["id"] == "feb"


def test_hits_follow_the_related_contract(index):
    for hit in related(index, "feb"):
        assert {"kind", "id", "name", "score", "shared"} <= set(hit)
        assert hit["kind"] == "article" and isinstance(hit["shared"], list) and hit["shared"]
    scores = [h["score"] for h in related(index, "feb")]
    assert scores == sorted(scores, reverse=True)


def test_unknown_ids_have_no_related_entries(index):
    assert related(index, "no-such-thing") == []
    assert kind_of_id(index, "no-such-thing") is None


def test_related_events_share_type_and_participants_within_the_window(index):
    assert kind_of_id(index, "feb-e0") == "event"
    hits = related_events(index, "feb-e0", days=200)
    assert [h["id"] for h in hits] == ["jun-e0"]
    *entities, kind = hits[0]["shared"]
    assert kind == "air strikes"
    assert set(entities) == {
        "Kataib Hezbollah",
        "Kataib Sayyid al-Shuhada",
        "Albu Kamal",
        "United States",
    }
    assert hits[0]["same_event"] is False
    # four months apart: outside the default window of 30 days
    assert related_events(index, "feb-e0") == []


def test_common_entities_add_to_what_related_events_share(index, monkeypatch):
    import briefing.index.related as related_module

    # the United States take part in three events: common when two is the most for rare
    monkeypatch.setattr(related_module, "COMMON_EVENTS_FROM", 2)
    monkeypatch.setattr(related_module, "COMMON", 0.0)
    (hit,) = related_events(index, "feb-e0", days=200)
    assert hit["id"] == "jun-e0" and "United States" in hit["shared"]


def test_related_entities_name_what_they_share(index):
    hits = related(index, "actor:kh")
    assert hits[0]["id"] == "actor:ksas"
    assert hits[0]["shared"] == ["2 events", "2 articles"]
