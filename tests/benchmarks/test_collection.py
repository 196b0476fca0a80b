"""The scaled benchmark collections: deterministic, varied, and the right size."""

from __future__ import annotations

import json
import random

from benchmarks import collection

RECORDS = [
    {
        "id": "a1",
        "title": "Air strikes on Deir ez-Zor kill 12",
        "source": "reuters",
        "date": "2017-04-05",
        "text": "Air strikes on Deir ez-Zor killed 12 civilians and wounded 30, "
        "activists said. Hezbollah fighters moved towards Raqqa, officials said.",
    },
    {
        "id": "a2",
        "title": "Shelling in Idlib",
        "source": "sana",
        "date": None,
        "text": "Six people died in shelling on Idlib.",
    },
    {
        "id": "a3",
        "title": "Talks",
        "source": "tass",
        "date": "2016-01-31",
        "text": "Talks went on.",
    },
]


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    first = collection.build_from(RECORDS, 30, 7, tmp_path / "one.jsonl").read_bytes()
    again = collection.build_from(RECORDS, 30, 7, tmp_path / "two.jsonl").read_bytes()
    other = collection.build_from(RECORDS, 30, 8, tmp_path / "three.jsonl").read_bytes()
    assert first == again
    assert first != other


def test_copies_get_new_ids_and_differ_from_their_original(tmp_path):
    path = collection.build_from(RECORDS, 30, 1, tmp_path / "c.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 30
    assert len({r["id"] for r in rows}) == 30
    assert rows[:3] == RECORDS  # copy 0 is the corpus as it is
    for i, row in enumerate(rows[3:], 3):
        original = RECORDS[i % 3]
        assert row["text"] != original["text"], row["id"]
        assert row["source"] == original["source"]


def test_variation_moves_spellings_counts_and_dates_but_keeps_years():
    rng = random.Random(3)
    texts = {
        collection.vary_text("Air strikes on Deir ez-Zor killed 12 on 05 Apr 2017.", rng, {})
        for _ in range(40)
    }
    assert any("Deir Ezzor" in t or "Deir al-Zor" in t for t in texts)
    assert any("killed 12 " not in t for t in texts)
    assert all("05 Apr 2017" in t for t in texts)  # a dateline's day and year stay
    moved = {collection.vary_date("2017-04-05", rng) for _ in range(20)}
    assert len(moved) > 1
    assert all(abs(int(d[:4]) - 2017) <= 1 for d in moved)
