"""The markdown brief's static map: an SVG beside the markdown, linked from it, of the
events the brief covers; none when nothing has coordinates or the brief goes to stdout."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest

from briefing.cli import main
from briefing.export.cli import map_beside
from tests.export.test_scope import COLLECTION

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def db(build_index) -> str:
    index = build_index(COLLECTION)
    path = str(index.path)
    index.close()
    with sqlite3.connect(path) as con:  # the stand-in gazetteer has no coordinates
        con.execute("UPDATE entities SET lat = 34.45, lon = 40.92 WHERE id = 'place:albukamal'")
        con.execute("UPDATE entities SET lat = 35.95, lon = 39.01 WHERE id = 'place:raqqa'")
    return path


def export(db: str, *args: str) -> int:
    return main(["export", "--db", db, *args])


def circles(svg_path) -> dict[str, str]:
    """Each marker's tooltip -> its colour."""
    root = ET.parse(svg_path).getroot()  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return {c.find(f"{SVG}title").text: c.get("fill") for c in root.iter(f"{SVG}circle")}


def test_the_brief_links_a_map_of_its_events_beside_it(capsys, db, tmp_path):
    brief = tmp_path / "brief.md"
    assert export(db, "-o", str(brief)) == 0
    svg = tmp_path / "brief.map.svg"
    assert svg.exists() and "brief.map.svg" in capsys.readouterr().err
    text = brief.read_text(encoding="utf-8")
    assert "](brief.map.svg)" in text
    link = next(line for line in text.splitlines() if "brief.map.svg" in line)
    assert link.startswith("![Map of the ")
    marks = circles(svg)
    # Albu Kamal: the two February reports of one strike, counted once at its lowest
    # toll as the brief counts it; Raqqa: one strike; the Iraq event has no coordinates
    assert marks == {
        "Albu Kamal: 1 event, 1 killed": "#c0392b",
        "Raqqa: 1 event, 5 killed": "#c0392b",
    }
    assert "without one not shown" in link


def test_the_map_follows_the_filter(capsys, db, tmp_path):
    brief = tmp_path / "raqqa.md"
    assert export(db, "--place", "Raqqa", "-o", str(brief)) == 0
    assert [t.split(":")[0] for t in circles(tmp_path / "raqqa.map.svg")] == ["Raqqa"]
    assert "without one" not in brief.read_text(encoding="utf-8")


def test_no_map_without_coordinates_on_stdout_or_when_asked(capsys, db, tmp_path):
    brief = tmp_path / "iraq.md"
    assert export(db, "--place", "place:iraq", "--all-modalities", "-o", str(brief)) == 0
    assert not (tmp_path / "iraq.map.svg").exists()
    assert ".svg" not in brief.read_text(encoding="utf-8")
    assert export(db, "-o", str(tmp_path / "plain.md"), "--no-map") == 0
    assert not (tmp_path / "plain.map.svg").exists()
    assert ".svg" not in (tmp_path / "plain.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert export(db) == 0
    assert ".svg" not in capsys.readouterr().out and not list(tmp_path.glob("*.svg"))


def test_an_existing_map_is_not_overwritten_without_force(capsys, db, tmp_path):
    (tmp_path / "brief.map.svg").write_text("mine", encoding="utf-8")
    assert export(db, "-o", str(tmp_path / "brief.md")) != 0
    assert (tmp_path / "brief.map.svg").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "brief.md").exists()  # nothing written
    assert export(db, "-o", str(tmp_path / "brief.md"), "--force") == 0
    assert circles(tmp_path / "brief.map.svg")


def test_hostile_place_names_stay_text(capsys, db, tmp_path):
    with sqlite3.connect(db) as con:
        con.execute(
            "UPDATE entities SET name = '<script>alert(1)</script> & \"Raqqa\"' WHERE id = 'place:raqqa'"
        )
    assert export(db, "--place", "place:raqqa", "-o", str(tmp_path / "b.md")) == 0
    raw = (tmp_path / "b.map.svg").read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert any("<script>alert(1)</script>" in t for t in circles(tmp_path / "b.map.svg"))


@pytest.mark.parametrize(
    ("output", "beside"),
    [
        ("brief.md", "brief.map.svg"),
        ("out/Brief.MD", "out/Brief.map.svg"),
        ("notes", "notes.map.svg"),
    ],
)
def test_the_map_file_is_named_after_the_brief(output, beside):
    assert str(map_beside(output)) == beside
