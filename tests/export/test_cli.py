"""``briefing export``: scopes from the command line, files written safely, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from briefing import marks
from briefing.cli import main
from briefing.export import COLUMNS
from briefing.index.queries import Index
from tests.conftest import SEEDS
from tests.export.mdcheck import parse
from tests.export.test_scope import COLLECTION, STRIKE


@pytest.fixture
def db(build_index) -> str:
    index = build_index(COLLECTION)
    return str(index.path)


def export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_seed_briefing_on_kataib_hezbollah_has_both_strikes(capsys, tmp_path):
    """The issue's example: the 001 and 004 strikes, each with its footnote and evidence."""
    assert main(["index", str(SEEDS)]) == 0
    capsys.readouterr()
    target = tmp_path / "kh.md"
    code, _, err = export(capsys, "--actor", "Kataib Hezbollah", "-o", str(target))
    assert code == 0 and str(target) in err
    parsed = parse(target.read_text(encoding="utf-8"))
    assert parsed.meta["scope"]["actor"] == "Kataib Hezbollah"
    with Index() as index:
        kh = index.find_entity("Kataib Hezbollah", "actor")
        strikes = [e for e in index.events(actor=kh["id"]) if e["type"] == "ASSAULT"]
        titles = {a["id"]: a["title"] for a in index.articles()}
    seeds = {e["article_id"][:3] for e in strikes}
    assert {"001", "004"} <= seeds, f"strikes on Kataib Hezbollah found only in {seeds}"
    for strike in strikes:
        label, note = next(
            (label, text) for label, text in parsed.notes.items() if strike["sentence"] in text
        )
        assert strike["article_id"] in note and titles[strike["article_id"]] in note
        row = next(
            row
            for row, refs in zip(parsed.timeline, parsed.timeline_refs, strict=True)
            if label in refs
        )
        assert "Kataib Hezbollah" in row[2]
    assert len(parsed.timeline) == parsed.meta["events"] >= 2
    assert parsed.html_tokens == 0 and parsed.links == 0


def test_stdout_is_the_default_and_dash(capsys, db):
    code, out, _ = export(capsys, "--db", db, "--title", "Strikes | KH")
    assert code == 0 and parse(out).meta["title"] == "Strikes | KH"
    code, again, _ = export(capsys, "--db", db, "--title", "Strikes | KH", "-o", "-")
    assert code == 0 and again == out


def test_scope_options_narrow_and_marked_adds(capsys, db):
    code, out, _ = export(capsys, "--db", db, "--actor", "kataib hezbolla", "--since", "2021-03-01")
    assert code == 0 and len(parse(out).timeline) == 1
    code, out, _ = export(
        capsys, "--db", db, "--article", "raqqa", "--article", "jun", "--all-modalities"
    )
    assert code == 0 and len(parse(out).notes) == 3
    with Index(Path(db)) as index:
        marks.mark(index, "event", "raqqa-e0")
    code, out, _ = export(capsys, "--db", db, "--marked")
    parsed = parse(out)
    assert code == 0 and len(parsed.notes) == 1 and "Raqqa" in parsed.timeline[0][1]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_tables_for_pandas_and_spreadsheets(capsys, db, fmt):
    code, out, _ = export(capsys, "--db", db, "--format", fmt, "--place", "Albu Kamal")
    assert code == 0
    if fmt == "json":
        rows = json.loads(out)
        assert set(rows[0]) == set(COLUMNS)
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == COLUMNS
    assert [r["notes"] for r in rows] == [STRIKE, "Militia says five died."]


def test_a_table_written_to_a_file_is_the_one_printed(capsys, db, tmp_path):
    target = tmp_path / "events.csv"
    _, printed, _ = export(capsys, "--db", db, "--format", "csv")
    code, out, err = export(capsys, "--db", db, "--format", "csv", "-o", str(target))
    assert code == 0 and out == "" and f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == printed and printed.count("\n") == 5


def test_an_existing_file_needs_force(capsys, db, tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("keep me")
    code, out, err = export(capsys, "--db", db, "-o", str(target))
    assert code == 1 and "already exists; use --force" in err and out == ""
    assert target.read_text() == "keep me"
    code, _, _ = export(capsys, "--db", db, "-o", str(target), "--force")
    assert code == 0 and parse(target.read_text()).meta["reports"] == 4


def test_a_folder_or_a_missing_folder_is_refused(capsys, db, tmp_path):
    code, _, err = export(capsys, "--db", db, "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err
    code, _, err = export(capsys, "--db", db, "-o", str(tmp_path / "nope" / "b.md"))
    assert code == 1 and "does not exist" in err and not (tmp_path / "nope").exists()


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["--since", "last tuesday"], "not a date", 2),  # usage errors (issue 26): exit 2
        (["--until", "2021-13-01"], "not a date", 2),
        (["--actor", "zzqx vvkw"], "actor: nothing matches", 2),
        (["--article", "missing-id"], "no article with id", 1),
    ],
)
def test_bad_scopes_exit_with_a_clear_message(capsys, db, args, message, status):
    code, out, err = export(capsys, "--db", db, *args)
    assert code == status and message in err and out == ""
