"""The ten pitfalls of event coding (reference/event-coding.md), one record each or more,
from tests/data/pitfalls.jsonl: every record must come out exactly as annotated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.extract.evaluate import evaluate_records

DATA = Path(__file__).resolve().parent.parent / "data"
RECORDS = [
    json.loads(line) for line in (DATA / "pitfalls.jsonl").read_text().splitlines() if line.strip()
]
CATEGORIES = {r["category"] for r in RECORDS}


def test_every_pitfall_is_covered():
    assert {
        "NEGATION",
        "FUTURE",
        "SPEECH",
        "PASSIVE",
        "COMPOUND",
        "ACTOR",
        "TOPONYM",
        "CASUALTY",
        "DATE",
        "FALSE_TRIGGER",
        "DUPLICATE",
    } <= CATEGORIES


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_pitfall(record, stub_extract):
    report = evaluate_records([record], stub_extract)
    assert report.records_passed == 1, report.failures
