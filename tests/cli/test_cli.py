"""The command line: conventional help, exit codes, errors on stderr, the data contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.cli import main
from tests.conftest import SEEDS

ARTICLE_KEYS = {"id", "title", "source", "date", "url", "path", "words", "events"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=120
    )


def test_help_and_version():
    r = run("--help")
    assert r.returncode == 0 and "index" in r.stdout and "articles" in r.stdout
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("briefing ")


def test_unknown_option_is_a_usage_error():
    r = run("articles", "--frobnicate")
    assert r.returncode == 2 and "unrecognized option '--frobnicate'" in r.stderr and r.stdout == ""


def test_index_then_articles_as_jsonl(capsys):
    assert main(["index", str(SEEDS)]) == 0
    err = capsys.readouterr().err
    assert "indexed 5, unchanged 0, removed 0, skipped 0" in err
    assert main(["articles", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5
    assert all(set(r) >= ARTICLE_KEYS for r in rows)
    assert {r["title"] for r in rows} >= {"Syrian Forces Just Bombed ISIS Targets Inside Iraq"}


def test_table_and_csv(capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    main(["articles"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["id", "date", "source"]
    assert "\x1b[" not in out  # NO_COLOR and not a terminal
    main(["articles", "--format", "csv"])
    assert capsys.readouterr().out.splitlines()[0] == "id,date,source,events,words,title"


def test_index_reports_skipped_files_on_stderr(tmp_path, capsys):
    (tmp_path / "bad.jsonl").write_text(
        '{"id": "a", "text": "Fine text."}\n{broken\n', encoding="utf-8"
    )
    assert main(["index", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "indexed 1" in err and "bad.jsonl:2: malformed JSON" in err


def test_nothing_indexable_exits_1(tmp_path, capsys):
    assert main(["index", str(tmp_path / "missing")]) == 1
    assert "no such file or directory" in capsys.readouterr().err


def test_db_option_moves_the_index(tmp_path, capsys):
    db = tmp_path / "elsewhere" / "my.sqlite3"
    assert main(["index", str(SEEDS), "--db", str(db)]) == 0
    assert db.exists()
    capsys.readouterr()
    main(["articles", "--db", str(db), "--format", "jsonl"])
    assert len(capsys.readouterr().out.splitlines()) == 5


def test_a_file_that_is_not_an_index_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello" * 1000)
    assert main(["articles", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing: ") and "not a usable briefing index" in err


def test_paths_follow_briefing_home(isolated_home, capsys):
    assert main(["paths"]) == 0
    out = capsys.readouterr().out
    assert str(isolated_home / "data" / "index.sqlite3") in out
    assert str(isolated_home / "config") in out and str(isolated_home / "cache") in out


@pytest.mark.parametrize(
    "query", ["", "   ", "@", "?", "text:", '"unbalanced', "AND OR NOT", "*", "[/]"]
)
def test_hostile_search_queries_do_not_crash(query, capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    assert main(["search", query, "--format", "jsonl"]) == 0


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kataib sayid", "Kataib Sayyid al-Shuhada"),
        ("kataib hezbolah", "Kataib Hezbollah"),
        ("hezbolla", "Kataib Hezbollah"),  # the seeds name no other Hezbollah
        ("albukamal", "Abu Kamal"),
        ("@putin", "Vladimir Putin"),
        ("#raqa", "Raqqa"),
    ],
)
def test_typos_and_transliterations_find_the_right_entity_first(query, expected, capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    main(["search", query, "--format", "jsonl"])
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["name"] == expected


def test_a_name_nobody_mentions_finds_nothing(capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    main(["search", "@xyzzy plugh", "--format", "jsonl"])
    assert capsys.readouterr().out == ""


def test_an_index_an_upgrade_emptied_says_so_and_is_not_filled_with_the_seeds(tmp_path, capsys):
    import sqlite3

    from tests.index.test_compress import SCHEMA_6

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(SCHEMA_6)
    old.close()
    assert main(["articles", "--db", str(db), "--format", "jsonl"]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert "emptied (marks kept): run `briefing index '/old/a.txt'`" in out.err
    assert main(["index", "--db", str(db), str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["articles", "--db", str(db), "--format", "jsonl"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 5 and "emptied" not in out.err


# filters (issue 26 item 2): values checked, exit 2 with the accepted forms -----------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "2016-13-45"], "yyyy-mm-dd"),
        (["--since", "2018", "--until", "2017"], "after"),
        (["--type", "BOMBING"], "ASSAULT"),
        (["--mode", "laser"], "aerial"),
        (["--filter", "Aleppo"], "key:value"),
        (["--actor", "zzzzqqqq"], "nothing matches"),
    ],
)
def test_events_refuses_bad_filters(capsys, args, words):
    from briefing.cli import main as run

    assert run(["events", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing events: ") and words in err and err.count("\n") == 1


def test_events_says_what_relative_dates_and_fuzzy_names_meant(capsys):
    from briefing.cli import main as run

    assert run(["events", "--since", "yesterday", "--format", "jsonl"]) == 0
    assert "since: 20" in capsys.readouterr().err


def test_related_refuses_an_id_that_names_nothing(capsys):
    from briefing.cli import main as run
    from briefing.index.queries import Index

    Index().close()  # an empty index
    assert run(["related", "nonexistent-id"]) == 2
    assert "no article, event or entity" in capsys.readouterr().err
