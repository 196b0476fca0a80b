"""``briefing export --format geojson``: RFC 7946 points, the events as properties, and
the events without coordinates left out and counted."""

from __future__ import annotations

import json
import sqlite3

import geojson
import pytest

from briefing.cli import main
from tests.export.test_scope import COLLECTION


@pytest.fixture
def db(build_index) -> str:
    index = build_index(COLLECTION)
    path = str(index.path)
    index.close()
    with sqlite3.connect(path) as con:  # the stand-in gazetteer has no coordinates
        con.execute("UPDATE entities SET lat = 34.45, lon = 40.92 WHERE id = 'place:albukamal'")
        con.execute("UPDATE entities SET lat = 35.95, lon = 39.01 WHERE id = 'place:raqqa'")
    return path


def test_geojson_is_a_feature_collection_of_points_lon_first(capsys, db, tmp_path):
    target = tmp_path / "events.geojson"
    code = main(
        ["export", "--db", db, "--format", "geojson", "--all-modalities", "-o", str(target)]
    )
    _, err = capsys.readouterr()
    assert code == 0
    text = target.read_text(encoding="utf-8")
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()
    assert parsed["type"] == "FeatureCollection"
    features = parsed["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    by_place = {f["properties"]["locations"][0]["name"]: f for f in features}
    assert by_place["Albu Kamal"]["geometry"]["coordinates"] == [40.92, 34.45]  # lon, lat
    assert by_place["Raqqa"]["geometry"]["coordinates"] == [39.01, 35.95]
    props = features[0]["properties"]
    for field in ("event_id", "article_id", "type", "actors", "targets", "locations", "date",
                  "killed", "wounded", "modality", "sentence"):  # fmt: skip
        assert field in props
    assert all(f["id"] == f["properties"]["event_id"] for f in features)
    left = len(json.loads(
        _export(capsys, db, "--format", "json", "--all-modalities")
    )) - len(features)  # fmt: skip
    assert left > 0 and f"{left} left out" in err


def _export(capsys, db, *args):
    assert main(["export", "--db", db, *args]) == 0
    return capsys.readouterr()[0]


def test_geojson_follows_the_filter(capsys, db):
    out = _export(capsys, db, "--format", "geojson", "--filter", "place:Raqqa")
    names = {f["properties"]["locations"][0]["name"] for f in json.loads(out)["features"]}
    assert names == {"Raqqa"}


def test_bad_filters_exit_2_with_one_line(capsys, db):
    for args in (["--since", "2016-13-45"], ["--type", "BOMBING"], ["--since", "2018", "--until", "2017"],
                 ["--filter", "where:Aleppo"]):  # fmt: skip
        assert main(["export", "--db", db, "--format", "geojson", *args]) == 2
        err = capsys.readouterr()[1]
        assert err.startswith("briefing export: ") and err.count("\n") == 1


def _rfc7946(doc) -> None:
    """The structure RFC 7946 asks of a FeatureCollection of Points, checked strictly."""
    assert set(doc) <= {"type", "features", "bbox"} and doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946 section 4: WGS 84 only, no crs member
    for f in doc["features"]:
        assert set(f) == {"type", "id", "geometry", "properties"} and f["type"] == "Feature"
        assert isinstance(f["id"], str | int) and isinstance(f["properties"], dict)
        assert set(f["geometry"]) == {"type", "coordinates"}
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]  # exactly two positions: no altitude
        assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_keeps_to_rfc_7946_and_leaves_out_impossible_coordinates(capsys, db):
    with sqlite3.connect(db) as con:  # a gazetteer entry with its numbers swapped
        con.execute("UPDATE entities SET lat = 140.92, lon = 34.45 WHERE id = 'place:albukamal'")
    out = _export(capsys, db, "--format", "geojson", "--all-modalities")
    doc = json.loads(out)
    _rfc7946(doc)
    assert geojson.loads(out).is_valid
    names = {f["properties"]["locations"][0]["name"] for f in doc["features"]}
    assert names == {"Raqqa"}  # Albu Kamal's latitude of 140.92 is no place on earth


def test_geojson_of_nothing_is_an_empty_collection(capsys, db):
    out = _export(capsys, db, "--format", "geojson", "--since", "2030")
    assert json.loads(out) == {"type": "FeatureCollection", "features": []}
    assert geojson.loads(out).is_valid


def test_the_first_test_s_output_keeps_to_rfc_7946(capsys, db):
    _rfc7946(json.loads(_export(capsys, db, "--format", "geojson", "--all-modalities")))
