"""The overview's counts (briefing.index.overview.summary), on the app's fixture
collection, checked against what its hand-written events say."""

from __future__ import annotations

import pytest

from briefing import paths
from briefing.index import overview
from briefing.index.filters import Filter, resolve
from briefing.index.queries import Index
from tests.tui import fixture


@pytest.fixture
def index(isolated_home, tmp_path):
    db = fixture.build(paths.default_db(), tmp_path / "collection")
    with Index(db) as index:
        yield index


def summary(index, **flt):
    return overview.summary(index, resolve(index, Filter(**flt)).query())


def test_weeks_tolls_and_the_busiest_entities(index):
    s = summary(index)  # asserted events only: five
    weeks = s["weeks"]
    assert weeks[0][0] == "2015-09-28" and weeks[-1][0] == "2021-03-01"  # Mondays
    assert all(
        (overview.date.fromisoformat(b[0]) - overview.date.fromisoformat(a[0])).days == 7
        for a, b in zip(weeks, weeks[1:], strict=False)
    )  # every week, the empty ones too
    by_week = {w: (n, k) for w, n, k in weeks if n}
    assert by_week == {
        "2015-09-28": (1, 0),
        "2021-02-15": (1, 1),
        "2021-02-22": (2, 5),
        "2021-03-01": (1, 3),
    }
    assert s["tolls"]["events"] == 5 and s["tolls"]["killed"] == 9
    assert [p["name"] for p in s["places"]] == ["Albu Kamal", "Deir ez-Zor", "Erbil", "Syria"]
    targets = [(t["name"], t["events"]) for t in s["targets"]]
    assert targets[:2] == [("Islamic State", 2), ("United States", 2)]
    us = next(t for t in s["targets"] if t["name"] == "United States")
    spark = dict(zip([w for w, _, _ in weeks], us["weeks"], strict=True))
    assert sum(us["weeks"]) == 2 and spark["2021-02-15"] == 1 and spark["2021-02-22"] == 1
    assert s["newest"][0]["event_id"] == "hostile:e0"
    assert s["busiest"][0]["killed"] == 5  # one report each: the deadliest first


def test_the_filter_narrows_every_count(index):
    s = summary(index, actor="actor:isis")
    assert s["tolls"]["events"] == 2 and s["tolls"]["killed"] == 3
    assert sorted(p["name"] for p in s["places"]) == ["Deir ez-Zor", "Syria"]
    assert {i["event_id"] for i in s["newest"]} == {"hostile:e0", "russia-2015:e0"}
    everything = summary(index, modality="all")
    assert everything["tolls"]["events"] == 7  # with the negated and the future strike
    again = summary(index)  # the connection's scratch table is refilled each time
    assert again["tolls"]["events"] == 5


def test_nothing_in_the_filter(index):
    s = summary(index, since="2030-01-01")
    assert s["weeks"] == [] and s["places"] == [] and s["newest"] == []
    assert s["tolls"]["events"] == 0 and s["tolls"]["killed_range"] == (0, 0)
