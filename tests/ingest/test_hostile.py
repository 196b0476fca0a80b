"""Bad input gets a clear message, by path and reason, and stops nothing."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from briefing.index.indexer import index_paths
from briefing.index.store import connect
from briefing.ingest import readers

GOOD = "Syrian warplanes bombed rebel positions in Idlib on Monday, killing five people."


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "inbox"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text("Strike in Idlib\n\n" + GOOD, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "latin1.txt").write_bytes(
        "Frappe à Alep\n\nDes frappes aériennes ont touché Alep, tuant trois civils.".encode(
            "latin-1"
        )
    )
    (d / "utf16.txt").write_bytes(
        codecs.BOM_UTF16_LE + "Shelling in Homs\n\nShelling hit Homs.".encode("utf-16-le")
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("   \n\n  ", encoding="utf-8")
    (d / "huge.txt").write_text("x" * 2048, encoding="utf-8")
    (d / "locked.txt").write_text("Locked\n\nNobody may read this.", encoding="utf-8")
    (d / "scripts.html").write_text(
        "<html><body>" + "<script>alert(1)</script>" * 20 + "</body></html>", encoding="utf-8"
    )
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    lines = [
        json.dumps({"id": "j1", "title": "Fine", "text": GOOD}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "j2", "title": "No body"}),
        json.dumps({"id": "j3", "title": "Also fine", "content": GOOD}),
        json.dumps({"id": "j1", "title": "Duplicate", "text": GOOD}),
    ]
    (d / "sub" / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.symlink(d / "missing.txt", d / "broken-link.txt")
    os.symlink(d, d / "sub" / "loop")
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024)
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return d


def test_every_bad_input_is_reported_and_the_rest_indexed(hostile, tmp_path):
    con = connect(tmp_path / "i.sqlite3")
    summary = index_paths(con, [hostile], jobs=1)
    reasons = {(Path(p.path).name, p.line): p.reason for p in summary.skipped}
    assert reasons[("binary.txt", None)] == "binary content (not text)"
    assert reasons[("empty.txt", None)] == "empty file"
    assert reasons[("blank.md", None)] == "empty file"
    assert reasons[("huge.txt", None)].startswith("file larger than")
    assert reasons[("locked.txt", None)] == "cannot read: Permission denied"
    assert reasons[("scripts.html", None)] == "no article text found in the HTML"
    assert reasons[("broken-link.txt", None)] == "broken link"
    assert reasons[("loop", None)].startswith("link loop")
    assert reasons[("batch.jsonl", 2)].startswith("malformed JSON")
    assert reasons[("batch.jsonl", 3)] == "not a JSON object"
    assert reasons[("batch.jsonl", 4)] == "no 'text' or 'content'"
    assert reasons[("batch.jsonl", 6)].startswith("duplicate id 'j1'")
    # notes.pdf in a folder is not an article format: ignored, not an error.
    ids = {r[0] for r in con.execute("SELECT id FROM articles")}
    assert ids == {"good", "latin1", "utf16", "j1", "j3"}
    texts = dict(con.execute("SELECT id, article_text(body) FROM articles"))
    assert texts["latin1"] == "Des frappes aériennes ont touché Alep, tuant trois civils."
    assert texts["utf16"] == "Shelling hit Homs."
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_control_characters_and_escape_sequences_are_dropped(tmp_path):
    p = tmp_path / "esc.txt"
    p.write_text(
        "Title \x1b[31mred\x1b[0m\n\nBody\x07 with \x01 bell \u202e and [bold]markup[/].",
        encoding="utf-8",
    )
    (a,) = readers.read_file(p)
    assert a.title == "Title red"
    assert a.text == "Body with bell and [bold]markup[/]."


def test_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path):
    # "\ud800" is valid JSON but no character: UTF-8 cannot hold it, SQLite refuses it
    p = tmp_path / "s.jsonl"
    p.write_text(
        '{"id": "a\\udc00", "title": "T \\uD800", "text": "Rebels shelled Aleppo \\udc00 on'
        ' Monday, killing 3 \\ud83d\\ude00."}\n{"id": "b", "text": "' + GOOD + '"}\n',
        encoding="utf-8",
    )
    a, b = readers.read_file(p)
    assert (a.id, a.title) == ("a\ufffd", "T \ufffd")
    assert a.text == "Rebels shelled Aleppo \ufffd on Monday, killing 3 \U0001f600."
    con = connect(tmp_path / "i.sqlite3")
    s = index_paths(con, [p], jobs=1)
    assert (s.indexed, s.skipped) == (2, [])


def test_an_explicit_unsupported_file_is_reported(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK")
    con = connect(tmp_path / "i.sqlite3")
    summary = index_paths(con, [p, tmp_path / "nope.txt"], jobs=1)
    assert [(Path(s.path).name, s.reason) for s in summary.skipped] == [
        ("x.docx", "unsupported file type .docx"),
        ("nope.txt", "no such file or directory"),
    ]
