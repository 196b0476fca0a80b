"""Profiles of actors and places, and the related and profile subcommands."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main
from briefing.index.indexer import index_paths
from briefing.index.profile import profile
from briefing.index.queries import Index
from tests.conftest import SEEDS
from tests.index.test_link import COLLECTION, fake_extraction, write_collection  # noqa: F401


@pytest.fixture
def index(tmp_path, fake_extraction):  # noqa: F811
    path = write_collection(tmp_path / "c.jsonl", COLLECTION)
    with Index(tmp_path / "i.sqlite3") as index:
        index_paths(index.con, [path], jobs=1)
        yield index


def test_profile_of_an_actor(index):
    found = profile(index, "actor:kh")
    assert found["entity"]["name"] == "Kataib Hezbollah"
    assert found["events"] == {"as_actor": 0, "as_target": 3, "at": 0}
    assert found["by"] == "month"
    assert [(t["period"], t["as_target"]) for t in found["timeline"]] == [
        ("2021-02", 2),
        ("2021-06", 1),
    ]
    top = found["counterparts"][0]
    assert (top["name"], top["events"], top["as_target"]) == ("United States", 3, 3)
    assert found["places"][0]["name"] == "Albu Kamal"
    assert {a["id"] for a in found["articles"]} == {"a", "b", "c"}


def test_profile_of_a_place_counts_what_happened_there(index):
    found = profile(index, "place:khan")
    assert found["events"]["at"] == 1
    assert found["by"] == "day"
    assert found["actors"][0]["name"] == "Syria"


def test_profile_of_an_unknown_entity_is_none(index):
    assert profile(index, "actor:nobody") is None


def test_profile_command_prints_sections_and_json(index, capsys):
    assert main(["profile", "kataib hezbolah", "--db", str(index.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kataib Hezbollah")
    assert "counterparts" in out and "United States" in out and "2021-06" in out
    assert main(["profile", "actor:kh", "--db", str(index.path), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["entity"]["id"] == "actor:kh"


def test_related_command_takes_ids_and_names(index, capsys):
    assert main(["related", "a", "--db", str(index.path), "--format", "jsonl"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits[0]["id"] == "b" and "Kataib Hezbollah" in hits[0]["shared"]
    assert main(["related", "kataib sayid", "--db", str(index.path), "--format", "jsonl"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits[0]["name"] == "Kataib Hezbollah"
    assert main(["related", "nonsense-id", "--kind", "article", "--db", str(index.path)]) == 1


def test_profile_of_kataib_hezbollah_from_the_seeds(capsys):
    assert main(["index", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["profile", "kataib hezbolah"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kataib Hezbollah"), out
    assert SEEDS.joinpath("001_bea0e7fc258f55ee.txt").stem in out
    assert "004_4fad9717a6f5e81a" in out
