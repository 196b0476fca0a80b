"""Lookup rows say what they are, ranked on one scale (issue 26, item 7): two places
called Aleppo (the city, the province) are told apart by type, with their country and
article counts; every hit's score is the one it is ranked by, 0–100, best first."""

from __future__ import annotations

import json

from briefing.cli import main
from briefing.tui.render import hit_about

ARTICLES = [
    {
        "id": f"a{i}",
        "title": f"Strikes hit Aleppo ({i})",
        "date": f"2016-10-0{i + 1}",
        "text": text,
    }  # fmt: skip
    for i, text in enumerate(
        [
            "Syrian warplanes bombed Aleppo city on Monday, killing 12 people.",
            "Rebels shelled villages in Aleppo province, killing three civilians.",
            "Russian jets struck eastern Aleppo, killing 20 people, a monitor said.",
            "Islamic State fighters attacked Manbij in Aleppo province on Tuesday.",
        ]
    )
]


def hits(capsys, query: str) -> list[dict]:
    capsys.readouterr()
    assert main(["search", query, "--format", "jsonl", "--limit", "40"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_two_aleppos_are_told_apart_and_every_hit_is_on_one_sorted_scale(tmp_path, capsys):
    collection = tmp_path / "aleppo.jsonl"
    collection.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert main(["index", str(collection)]) == 0
    found = hits(capsys, "aleppo")
    aleppos = [h for h in found if h["name"] == "Aleppo"]
    assert len(aleppos) == 2, found
    assert {h["type"] for h in aleppos} == {"city", "admin1"}
    assert all(
        h["country"] and isinstance(h["articles"], int) and h["articles"] > 0 for h in aleppos
    )
    scores = [h["score"] for h in found]
    assert scores == sorted(scores, reverse=True), scores
    assert all(0 <= s <= 100 for s in scores)
    rows = [hit_about(h) for h in aleppos]
    assert any(r.startswith("city · ") for r in rows) and any(
        r.startswith("province · ") for r in rows
    )
    assert all(" article" in r and "score " in r for r in rows)
    # events found through an actor or place sit on the same scale, under it
    events = [h for h in hits(capsys, "@islamic state") if h["kind"] == "event"]
    for h in events:
        assert 0 < h["score"] <= 100
    texts = hits(capsys, "?aleppo")
    assert texts and texts[0]["score"] == 100.0 and all(0 < h["score"] <= 100 for h in texts)
