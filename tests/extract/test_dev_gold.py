"""The development gold set (tests/data/dev_gold.jsonl: the pitfall records plus sentences
taken from the corpus) must keep its score, so regressions fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract.evaluate import evaluate, format_report

GOLD = Path(__file__).resolve().parent.parent / "data" / "dev_gold.jsonl"


def test_dev_gold_with_the_stub_gazetteer(stub_extract):
    rep = evaluate(GOLD, stub_extract)
    assert rep.records >= 50
    assert rep.f1 >= 0.97, format_report(rep)
    assert rep.field_accuracy >= 0.97, format_report(rep)
    assert rep.records_passed >= rep.records - 2, format_report(rep)


def test_dev_gold_with_the_real_gazetteer():
    pytest.importorskip("briefing.extract.mentions")
    rep = evaluate(GOLD)
    assert rep.f1 >= 0.9, format_report(rep)
    assert rep.field_accuracy >= 0.9, format_report(rep)
