"""Facts stored in a shorter form come back exactly as they were read."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.index import codec, store

FILE = "/data/feeds/syria#2.jsonl"


@pytest.mark.parametrize(
    "path",
    [FILE, f"{FILE}#1", f"{FILE}#12345", f"{FILE}#007", f"{FILE}#0", f"{FILE}#x", f"{FILE}#",
     f"{FILE}#-3", f"{FILE}#١٢", "/elsewhere/a.txt", "", None],
)  # fmt: skip
def test_an_articles_path_comes_back_as_read(path):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE articles (path TEXT, line INTEGER, file TEXT)")
    con.execute("INSERT INTO articles VALUES (?, ?, ?)", (*store.path_columns(path, FILE), FILE))
    assert con.execute(f"SELECT {store.ARTICLE_PATH} FROM articles").fetchone()[0] == path


def test_a_participants_dictionary_extra_is_a_label_and_a_free_one_json(tmp_path):
    con = store.connect(tmp_path / "i.sqlite3")
    labels = store.Labels(con)
    known = (1, "actor:state:SYR", "Syria", "state", "SYR", "GOV", None, None, None, "builtin")
    event = {
        "event_id": "39ed94ea53f92fe8", "type": "ASSAULT", "mode": None, "cameo": "190",
        "date": None, "date_text": None, "date_precision": None, "killed": None,
        "wounded": None, "modality": "asserted", "start": 0, "end": 30,
        "sentence": "Syrian warplanes hit Summit x.", "trigger": "hit", "rule": "r",
        "confidence": 0.5, "locations": [],
        "actors": [{"id": "actor:state:SYR", "name": "Syria", "text": "Syrian warplanes",
                    "type": "state", "country": "SYR", "sector": "MIL"}],
        "targets": [{"id": None, "name": "Summit", "text": "Summit", "type": "person",
                     "country": None, "sector": None}],
    }  # fmt: skip
    _, parts = codec.encode(event, 1, event["sentence"], lambda p, loc: known, labels, None)
    actor, target = parts
    assert type(actor[-1]) is int and labels.word[actor[-1]] == '{"sector":"MIL"}'
    assert type(target[-1]) is str and '"name":"Summit"' in target[-1]
    assert codec.extra_of(actor[-1], labels) == {"sector": "MIL"}
    assert codec.extra_of(target[-1], labels)["name"] == "Summit"
