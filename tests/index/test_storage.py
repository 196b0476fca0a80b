"""The index stores each fact once and gives back exactly what extraction made."""

from __future__ import annotations

import itertools
import json

import pytest

from briefing.extract import extract
from briefing.index.indexer import index_paths
from briefing.index.queries import Index
from briefing.ingest import read_file
from briefing.model import Article
from tests.conftest import CORPUS, SEEDS


def _articles(paths) -> list[Article]:
    return [a for p in paths for a in read_file(p) if isinstance(a, Article)]


def _as_stored(events) -> list[dict]:
    return [json.loads(json.dumps(e.to_dict())) for e in events]


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    folder = tmp_path_factory.mktemp("collection")
    paths = [SEEDS]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as corpus:
            head = list(itertools.islice(corpus, 40))
        (folder / "slice.jsonl").write_text("".join(head), encoding="utf-8")
        paths.append(folder / "slice.jsonl")
    index = Index(folder / "i.sqlite3")
    index_paths(index.con, paths, jobs=1)
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    yield index, _articles(files)
    index.close()


def test_events_come_back_exactly_as_extracted(collection):
    index, articles = collection
    compared = 0
    for article in articles:
        made = sorted(_as_stored(extract(article).events), key=lambda e: e["start"])
        stored = index.events(article=article.id, modality=None)
        assert sorted(stored, key=lambda e: e["start"]) == made, article.id
        assert [list(e) for e in stored] == [list(e) for e in made]  # field order too
        compared += len(made)
    assert compared > 20


def test_mentions_come_back_with_their_words(collection):
    index, articles = collection
    for article in articles[:10]:
        made = [(m.entity.id, m.start, m.end, m.text, m.sector) for m in extract(article).mentions]
        stored = [
            (m["id"], m["start"], m["end"], m["text"], m["sector"])
            for m in index.mentions(article.id)
        ]
        assert sorted(stored) == sorted(made), article.id


def test_events_keep_no_copy_of_their_evidence(collection):
    index, _ = collection
    con = index.con
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    copied = con.execute("SELECT count(*) FROM events WHERE sentence IS NOT NULL").fetchone()[0]
    assert events > 20 and copied == 0
    spelled = con.execute("SELECT count(*) FROM participants WHERE text IS NOT NULL").fetchone()[0]
    assert spelled <= con.execute("SELECT count(*) FROM participants").fetchone()[0] // 20


def test_what_differs_from_the_dictionary_is_kept(tmp_path, monkeypatch):
    """A per-mention sector, a participant no dictionary knows, words not in the text and
    a confidence that is no whole number of hundredths all come back as they were."""
    import briefing.index.indexer as indexer
    from briefing.model import Entity, Event, Extraction, Location, Mention, Participant

    syria = Entity("actor:state:SYR", "Syria", "actor", "state", "SYR", "GOV")
    homs = Entity("place:homs", "Homs", "place", "city", "SYR", admin1="Homs", lat=34.7, lon=36.7)
    text = "Syrian warplanes struck Homs."
    event = Event(
        "e1", "a1", "ASSAULT", "Syrian warplanes struck Homs.", 0, len(text), "struck",
        "assault.air", mode="aerial", cameo="195",
        actors=[Participant("actor:state:SYR", "Syria", "Syrian warplanes", "state", "SYR", "MIL")],
        targets=[Participant(None, "the townspeople", "people of the town", None, None, "CVL")],
        locations=[Location("place:homs", "Homs", "Homs", "city", "SYR", "Homs", 34.7, 36.7, "point")],
        date="2016-05-01", date_precision="day", confidence=0.123,
    )  # fmt: skip
    mentions = [Mention(syria, 0, 6, "Syrian", sector="MIL"), Mention(homs, 24, 28, "Homs")]
    monkeypatch.setattr(indexer, "extract", lambda a: Extraction(a.id, mentions, [event]))
    (tmp_path / "a1.txt").write_text(f"Strike\n\n{text}", encoding="utf-8")
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [tmp_path / "a1.txt"], jobs=1)
        (article,) = index.articles()
        stored = index.events(article=article["id"], modality=None)
        assert stored == [event.to_dict() | {"article_id": article["id"]}]
        assert index.events(actor="actor:state:SYR", modality=None)
        assert index.mentions(article["id"])[0]["sector"] == "MIL"


def test_an_event_id_met_twice_keeps_the_last_with_its_own_participants(tmp_path, monkeypatch):
    """Rows with one event id in one article: the last one stays, and each participant
    row belongs to the event it came with (the writer numbers events as inserted)."""
    import briefing.index.indexer as indexer
    from briefing.model import Event, Extraction, Participant

    text = "Rebels shelled the army. The army shelled rebels."
    rebels = Participant(None, "rebels", "Rebels", None, None, "REB")
    army = Participant(None, "the army", "the army", None, None, "MIL")

    def event(event_id: str, start: int, end: int, actor: Participant, target: Participant):
        return Event(
            event_id, "a1", "ASSAULT", text[start:end], start, end, "shelled", "assault.shell",
            actors=[actor], targets=[target],
        )  # fmt: skip

    events = [event("e1", 0, 24, rebels, army), event("e2", 25, 49, army, rebels),
              event("e1", 0, 24, army, army)]  # fmt: skip
    monkeypatch.setattr(indexer, "extract", lambda a: Extraction(a.id, [], events))
    (tmp_path / "a1.txt").write_text(f"Shelling\n\n{text}", encoding="utf-8")
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [tmp_path / "a1.txt"], jobs=1)
        (article,) = index.articles()
        stored = {e["event_id"]: e for e in index.events(article=article["id"], modality=None)}
        last = {"article_id": article["id"]}
        assert stored == {
            "e1": events[2].to_dict() | last,
            "e2": events[1].to_dict() | last,
        }
