"""Link data is kept up to date incrementally: article terms and same-event clusters.

These tests drive the real indexer over small collections whose "extraction" is a tiny
stand-in (``fake_extract``), so that linking is tested apart from the extractor: an
article names ``@actor:kh``-style entities, and each ``EVENT`` line is one event:

    EVENT ASSAULT/aerial us,>kh @albukamal 2021-02-25 k=1 w=2 | the words of the report

(participants before ``>`` are actors, after it targets; ``@`` a place; a date; tolls).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import briefing.index.indexer as indexer
from briefing.index import eventkey
from briefing.index.indexer import index_paths
from briefing.index.link import Report, same_event
from briefing.index.queries import Index
from briefing.index.related import cluster_of, clusters
from briefing.model import Entity, Event, Extraction, Location, Mention, Participant

ENTITIES = {
    e.id: e
    for e in [
        Entity("actor:us", "United States", "actor", "state", "USA", "GOV"),
        Entity("actor:kh", "Kataib Hezbollah", "actor", "armed_group", "IRQ", "REB"),
        Entity("actor:ksas", "Kataib Sayyid al-Shuhada", "actor", "armed_group", "IRQ", "REB"),
        Entity("actor:russia", "Russia", "actor", "state", "RUS", "GOV"),
        Entity("actor:isis", "Islamic State", "actor", "armed_group", None, "REB"),
        Entity("actor:syria", "Syria", "actor", "state", "SYR", "GOV"),
        Entity("actor:rebels", "Syrian rebels", "actor", "armed_group", "SYR", "REB"),
        Entity("place:syria", "Syria", "place", "country", "SYR"),
        Entity("place:iraq", "Iraq", "place", "country", "IRQ"),
        Entity("place:deir", "Deir ez-Zor", "place", "admin1", "SYR"),
        Entity("place:albukamal", "Albu Kamal", "place", "city", "SYR", admin1="Deir ez-Zor"),
        Entity("place:idlib", "Idlib", "place", "admin1", "SYR"),
        Entity("place:khan", "Khan Shaykhun", "place", "city", "SYR", admin1="Idlib"),
        Entity("place:aleppo", "Aleppo", "place", "city", "SYR", admin1="Aleppo"),
    ]
}
EVENT_LINE = re.compile(
    r"EVENT (?P<type>[A-Z]+)(?:/(?P<mode>[\w-]+))?(?: (?P<who>[^\s|]+))?"
    r"(?: @(?P<where>\S+))?(?: (?P<date>\d{4}-\d\d-\d\d))?(?: k=(?P<k>\d+))?(?: w=(?P<w>\d+))?"
    r"(?: (?P<modality>negated|future|alleged))? \|(?P<words>[^.]*\.)"
)


def _participant(key: str) -> Participant:
    e = ENTITIES[f"actor:{key}"]
    return Participant(e.id, e.name, e.name, e.type, e.country, e.sector)


def _location(key: str) -> Location:
    e = ENTITIES[f"place:{key}"]
    precision = "city" if e.type == "city" else e.type
    return Location(e.id, e.name, e.name, e.type, e.country, e.admin1, precision=precision)


def fake_extract(article) -> Extraction:
    """Mentions of ``@kind:key`` words, and one event per ``EVENT`` line."""
    text = article.text
    mentions = [
        Mention(ENTITIES[m.group(1)], m.start(), m.end(), m.group(0))
        for m in re.finditer(r"@((?:actor|place):[\w-]+)", text)
        if m.group(1) in ENTITIES
    ]
    events = []
    for n, m in enumerate(EVENT_LINE.finditer(text)):
        actors, _, targets = (m["who"] or "").partition(">")
        events.append(
            Event(
                event_id=f"{article.id}-e{n}",
                article_id=article.id,
                type=m["type"],
                mode=m["mode"],
                sentence=m.group(0),
                start=m.start(),
                end=m.end(),
                trigger=m["type"].lower(),
                rule="fake",
                actors=[_participant(k) for k in actors.split(",") if k],
                targets=[_participant(k) for k in targets.split(",") if k],
                locations=[_location(m["where"])] if m["where"] else [],
                date=m["date"],
                date_precision="day" if m["date"] else None,
                killed=int(m["k"]) if m["k"] else None,
                wounded=int(m["w"]) if m["w"] else None,
                modality=m["modality"] or "asserted",
            )
        )
    # As in the real extraction, every participant and place of an event is a mention.
    for ev in events:
        for p in [*ev.actors, *ev.targets, *ev.locations]:
            mentions.append(Mention(ENTITIES[p.id], ev.start, ev.end, p.text))
    return Extraction(article.id, mentions, events)


@pytest.fixture
def fake_extraction(monkeypatch):
    monkeypatch.setattr(indexer, "extract", fake_extract)


def write_collection(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def article(id: str, text: str, date: str | None = None, source: str = "wire") -> dict:
    return {"id": id, "title": f"Article {id}", "date": date, "source": source, "text": text}


STRIKE = "EVENT ASSAULT/aerial us>kh,ksas @albukamal 2021-02-25 k=1 |"
COLLECTION = [
    article("a", f"@actor:us struck @actor:kh. {STRIKE} said the Pentagon.", "2021-02-26", "ap"),
    article("b", f"@actor:kh was hit by @actor:us. {STRIKE} one killed.", "2021-02-26", "afp"),
    article(
        "c",
        "@actor:us hit @actor:kh again. EVENT ASSAULT/aerial us>kh @albukamal 2021-06-27 k=5 | five.",
        "2021-06-28",
        "reuters",
    ),
    article(
        "d",
        "@actor:syria and @actor:rebels. EVENT ASSAULT/chemical syria>rebels @khan 2017-04-04 k=70 | gas."
        " EVENT ASSAULT/aerial syria>rebels @aleppo 2017-04-04 | elsewhere.",
        "2017-04-05",
        "nna",
    ),
]


@pytest.fixture
def collection(tmp_path, fake_extraction):
    path = write_collection(tmp_path / "c.jsonl", COLLECTION)
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        yield index, path


def _clusters_by_article(index) -> set[frozenset[str]]:
    out = set()
    for c in clusters(index, min_articles=1):
        out.add(frozenset(f"{r['article_id']}" for r in c["reports"]))
    return out


def test_reports_of_one_strike_cluster_and_keep_each_toll(collection):
    index, _ = collection
    found = cluster_of(index, "a-e0")
    assert {r["article_id"] for r in found["reports"]} == {"a", "b"}
    assert (found["num_articles"], found["num_sources"]) == (2, 2)
    assert found["killed"] == "1"
    # The June strike on the same militia is related, not the same event.
    assert cluster_of(index, "c-e0")["num_reports"] == 1


def test_disagreeing_tolls_show_as_a_range(tmp_path, fake_extraction):
    path = write_collection(
        tmp_path / "c.jsonl",
        [
            article(
                "x", "EVENT ASSAULT/aerial us>kh @albukamal 2021-02-25 k=1 | one.", "2021-02-26"
            ),
            article("y", "EVENT ASSAULT/aerial us>kh @deir 2021-02-26 k=5 | five.", "2021-02-26"),
        ],
    )
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        found = cluster_of(index, "x-e0")
        assert found["killed"] == "1–5"
        assert sorted(r["killed"] for r in found["reports"]) == [1, 5]


def test_different_places_on_one_day_are_different_events(collection):
    index, _ = collection
    assert cluster_of(index, "d-e0")["num_reports"] == 1
    assert cluster_of(index, "d-e1")["num_reports"] == 1


def test_duplicated_texts_cluster_even_undated(tmp_path, fake_extraction):
    text = "EVENT ASSAULT/heavy-weapons syria>rebels @idlib | shelling, no date."
    path = write_collection(
        tmp_path / "c.jsonl", [article("p", text, None, "sana"), article("q", text, None, "trt")]
    )
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        assert cluster_of(index, "p-e0")["num_articles"] == 2


def test_undated_reports_merge_clusters_one_after_another(tmp_path, fake_extraction):
    # "the raid" in c and d is one text (the same words); in d it is also the strike d
    # reports, which b reports too. Placing c's words merges them with d's, named c-e0;
    # placing d's merges that cluster into the strike's, named b-e0, the first of all.
    strike = "EVENT ASSAULT/aerial us>kh @albukamal 2021-02-25 | the strike."
    raid = "EVENT ASSAULT/aerial | the raid."
    path = write_collection(
        tmp_path / "c.jsonl",
        [
            article("b", strike, "2021-02-26"),
            article("c", raid, None),
            article("d", f"{strike} {raid}", "2021-02-26"),
        ],
    )
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        found = cluster_of(index, "d-e1")
        assert found["cluster"] == "b-e0"
        assert sorted(r["event_id"] for r in found["reports"]) == ["b-e0", "c-e0", "d-e0", "d-e1"]
        # every report's row names the cluster, the first one's included
        (number,) = index.con.execute(
            "SELECT rowid FROM events WHERE event_id = ?", (eventkey.key("b-e0"),)
        ).fetchone()
        clusters = index.con.execute("SELECT DISTINCT cluster FROM events").fetchall()
        assert [tuple(row) for row in clusters] == [(number,)]


def test_undated_reports_in_other_articles_stay_apart(tmp_path, fake_extraction):
    path = write_collection(
        tmp_path / "c.jsonl",
        [
            article("p", "EVENT ASSAULT/aerial us>kh @albukamal | one account.", None),
            article("q", "EVENT ASSAULT/aerial us>kh @albukamal | another account.", None),
        ],
    )
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        assert cluster_of(index, "p-e0")["num_reports"] == 1


def test_a_bare_second_mention_in_one_article_joins_the_first(tmp_path, fake_extraction):
    text = "EVENT ASSAULT/aerial us>kh @albukamal 2021-02-25 k=1 | the strike. EVENT ASSAULT/aerial | Thursday's airstrike."
    path = write_collection(tmp_path / "c.jsonl", [article("p", text, "2021-02-26")])
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        assert cluster_of(index, "p-e0")["num_reports"] == 2


def test_negated_events_are_not_clustered():
    base = dict(
        num=1, article=1, type="ASSAULT", mode="aerial", day=None, evidence=7,
        participants=frozenset({"actor:kh"}), areas=frozenset(),
    )  # fmt: skip
    a = Report(event_id="1", clustered=True, **base)
    b = Report(event_id="2", clustered=False, **{**base, "article": 2})
    assert same_event(a, Report(event_id="3", clustered=True, **{**base, "article": 2}))
    assert not same_event(a, b)


def test_adding_a_report_joins_its_cluster_and_removing_one_splits_it(tmp_path, fake_extraction):
    # x and z share nothing but the day; y names the targets of both
    first = [
        article("x", "EVENT ASSAULT/aerial >kh 2021-02-25 k=1 | x.", "2021-02-26"),
        article("z", "EVENT ASSAULT/aerial >ksas 2021-02-25 k=3 | z.", "2021-02-27"),
    ]
    bridge = article("y", "EVENT ASSAULT/aerial >kh,ksas 2021-02-25 k=2 | y.", "2021-02-26")
    path = tmp_path / "c.jsonl"
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [write_collection(path, first)], jobs=1)
        assert cluster_of(index, "x-e0")["num_reports"] == 1
        index_paths(index.con, [write_collection(path, [*first, bridge])], jobs=1)
        assert cluster_of(index, "z-e0")["num_reports"] == 3
        assert cluster_of(index, "z-e0")["cluster"] == "x-e0"
        assert cluster_of(index, "z-e0")["killed"] == "1–3"
        index_paths(index.con, [write_collection(path, first)], jobs=1)
        assert cluster_of(index, "x-e0")["num_reports"] == 1
        assert cluster_of(index, "z-e0")["num_reports"] == 1
        assert index.con.execute("SELECT count(*) FROM dirty_clusters").fetchone()[0] == 0


def test_daily_strikes_do_not_chain_into_one_event(tmp_path, fake_extraction):
    days = [f"2021-02-{d}" for d in range(20, 27)]
    path = write_collection(
        tmp_path / "c.jsonl",
        [article(f"s{d[-2:]}", f"EVENT ASSAULT/aerial us>kh @albukamal {d} | s.", d) for d in days],
    )
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        sizes = [c["num_reports"] for c in clusters(index, min_articles=1)]
        assert max(sizes) <= 2 and sum(sizes) == len(days)
        for c in clusters(index, min_articles=2):
            first, last = c["dates"].split("–")
            assert (int(last[-2:]) - int(first[-2:])) == 1


def test_incremental_links_equal_links_built_at_once(tmp_path, fake_extraction):
    path = tmp_path / "c.jsonl"
    with Index(tmp_path / "step.sqlite3") as step, Index(tmp_path / "once.sqlite3") as once:
        for n in range(1, len(COLLECTION) + 1):
            index_paths(step.con, [write_collection(path, COLLECTION[:n])], jobs=1)
        index_paths(once.con, [path], jobs=1)
        terms = (
            "SELECT a.id, t.term, at.count FROM article_terms at JOIN articles a ON a.rowid = at.article"
            " JOIN terms t ON t.id = at.term ORDER BY 1, 2"
        )
        assert step.con.execute(terms).fetchall() == once.con.execute(terms).fetchall()
        assert _clusters_by_article(step) == _clusters_by_article(once)


def test_removed_articles_leave_no_link_data(collection):
    index, path = collection
    write_collection(path, COLLECTION[:1])
    index_paths(index.con, [path], jobs=1)
    con = index.con
    live = "(SELECT rowid FROM articles)"
    assert not con.execute(f"SELECT 1 FROM article_terms WHERE article NOT IN {live}").fetchone()
    assert not con.execute(f"SELECT 1 FROM events WHERE article NOT IN {live}").fetchone()
    assert not con.execute(
        "SELECT 1 FROM event_keys WHERE event NOT IN (SELECT rowid FROM events)"
    ).fetchone()
    assert not con.execute(
        "SELECT 1 FROM participants WHERE event NOT IN (SELECT rowid FROM events)"
    ).fetchone()
    assert cluster_of(index, "a-e0")["num_reports"] == 1


def test_new_reports_join_earlier_events_across_the_collection_s_days(tmp_path, fake_extraction):
    # Clustering walks the days in order, keeping only the last two in memory: reports
    # added later still find the events of their own days, whether one report or several.
    first = [
        article("a", "EVENT ASSAULT/aerial us>kh @albukamal 2021-02-25 | a.", "2021-02-25"),
        article("b", "EVENT ASSAULT/aerial us>kh @albukamal 2021-02-25 | b.", "2021-02-26"),
        article("c", "EVENT ASSAULT/aerial russia>isis @aleppo 2021-03-10 | c.", "2021-03-10"),
        article("d", "EVENT ASSAULT/aerial russia>isis @aleppo 2021-06-01 | d.", "2021-06-01"),
    ]
    later = [
        article("e", "EVENT ASSAULT/aerial >kh @albukamal 2021-02-26 | e.", "2021-02-27"),
        article("f", "EVENT ASSAULT/aerial russia @aleppo 2021-03-11 | f.", "2021-03-11"),
        article("g", "EVENT ASSAULT/aerial russia @aleppo 2021-03-13 | g.", "2021-03-13"),
    ]
    path = tmp_path / "c.jsonl"
    with Index(tmp_path / "step.sqlite3") as step, Index(tmp_path / "once.sqlite3") as once:
        index_paths(step.con, [write_collection(path, first)], jobs=1)
        assert _clusters_by_article(step) == {frozenset("ab"), frozenset("c"), frozenset("d")}
        index_paths(step.con, [write_collection(path, [*first, *later])], jobs=1)
        expected = {frozenset("abe"), frozenset("cf"), frozenset("d"), frozenset("g")}
        assert _clusters_by_article(step) == expected
        assert cluster_of(step, "f-e0")["cluster"] == "c-e0"
        index_paths(once.con, [path], jobs=1)
        assert _clusters_by_article(once) == expected
