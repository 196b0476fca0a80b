"""Related entries and same-event clusters on the seeds and on the real corpus.

These run the real extraction: they pass once it finds the actors, places and events the
seed articles name.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from briefing.index.indexer import index_paths
from briefing.index.link import evidence_of
from briefing.index.queries import Index
from briefing.index.related import cluster_of, clusters, related_articles
from tests.conftest import CORPUS, SEEDS

SEED = {n: next(SEEDS.glob(f"{n}_*.txt")).stem for n in ("000", "001", "002", "003", "004")}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    with Index(tmp_path_factory.mktemp("seeds") / "i.sqlite3") as index:
        index_paths(index.con, [SEEDS], jobs=1)
        yield index


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    if not CORPUS.is_file():
        pytest.skip(f"the corpus is not at {CORPUS} (expected ../shared beside the checkout)")
    with Index(tmp_path_factory.mktemp("corpus") / "i.sqlite3") as index:
        index_paths(index.con, [CORPUS])
        yield index


def _names(hit) -> str:
    return " | ".join(hit["shared"]).lower()


@pytest.mark.parametrize(
    ("seed", "expected", "shared"),
    [
        ("001", "004", ["kataib hezbollah", "kataib sayyid al-shuhada", "air strikes", "border"]),
        ("004", "001", ["kataib hezbollah", "kataib sayyid al-shuhada", "air strikes", "border"]),
        ("002", "003", ["russia", "putin", "islamic state", "general assembly"]),
        ("003", "002", ["russia", "putin", "islamic state", "general assembly"]),
    ],
)
def test_seed_pairs_are_each_others_nearest(seeds, seed, expected, shared):
    hits = related_articles(seeds, SEED[seed])
    assert hits, f"no related articles for {seed}: are its mentions extracted?"
    assert hits[0]["id"] == SEED[expected], hits
    named = _names(hits[0])
    assert [s for s in shared if s not in named] == [], hits[0]["shared"]


def test_strikes_months_apart_are_related_not_one_event(seeds):
    for event in seeds.events(article=SEED["001"], type="ASSAULT"):
        cluster = cluster_of(seeds, event["event_id"])
        assert SEED["004"] not in {r["article_id"] for r in cluster["reports"]}


def test_duplicated_corpus_texts_report_the_same_events(corpus):
    texts = defaultdict(list)
    for article_id, text in corpus.con.execute("SELECT id, article_text(body) FROM articles"):
        texts[text].append(article_id)
    twins = [ids for ids in texts.values() if len(ids) == 2]
    assert len(twins) >= 4  # texts that differ only in cut boilerplate are twins too
    checked = 0
    for first, second in twins:
        for event in corpus.events(article=first, modality=None):
            if event["modality"] not in ("asserted", "alleged") or evidence_of(event) is None:
                continue  # events without a day are not clustered at all
            reports = {r["article_id"] for r in cluster_of(corpus, event["event_id"])["reports"]}
            assert second in reports, event
            checked += 1
    assert checked >= 4, "too few events in the duplicated articles to check"


def test_the_corpus_has_attacks_told_by_several_outlets(corpus):
    texts = dict(corpus.con.execute("SELECT id, article_text(body) FROM articles"))
    real = []
    for cluster in clusters(corpus, min_articles=2, min_sources=2):
        distinct = {texts[r["article_id"]] for r in cluster["reports"]}
        tolls = [r["killed"] for r in cluster["reports"] if r["killed"] is not None]
        if cluster["type"] == "ASSAULT" and len(distinct) >= 2 and tolls:
            real.append(cluster)
    assert len(real) >= 3, [c["name"] for c in real]
    for cluster in real:
        assert cluster["num_sources"] >= 2
        assert cluster["killed"] is not None
        assert all("killed" in r and "source" in r for r in cluster["reports"])
