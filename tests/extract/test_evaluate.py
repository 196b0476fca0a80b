from __future__ import annotations

import json

from briefing.extract.evaluate import evaluate, format_report


def test_evaluate_scores_fields_and_false_positives(tmp_path, stub_extract):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {
            "id": "a",
            "category": "X",
            "text": "Syrian jets bombed Douma.",
            "events": [
                {"type": "ASSAULT", "mode": "aerial", "actors": ["Syria"], "location": "Douma"}
            ],
        },
        {
            "id": "b",
            "category": "X",
            "text": "Russian jets bombed Idlib.",
            "events": [{"type": "ASSAULT", "actors": ["Syria"]}],
        },
        {"id": "c", "category": "Y", "text": "Syrian jets bombed Homs.", "noevents": True},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    rep = evaluate(gold, stub_extract)
    assert rep.records == 3 and rep.records_passed == 1
    assert rep.gold_events == 2 and rep.matched == 2 and rep.false_positives == 1
    assert rep.fields["actors"].correct == 1 and rep.fields["actors"].total == 2
    assert rep.categories["Y"]["false_positives"] == 1
    table = format_report(rep)
    assert "actors" in table and "precision" in table
    assert json.loads(format_report(rep, "jsonl"))["matched"] == 2
