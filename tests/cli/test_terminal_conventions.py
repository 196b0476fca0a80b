"""Issue 25: the command line behaves as terminal users expect. A mistyped command is an
error with a suggestion, the app never starts without a terminal, errors are one line,
every subcommand's help shows an example, --quiet and --db work before the command."""

from __future__ import annotations

import subprocess
import sys

import pytest

import briefing.tui.app
from briefing import cli
from briefing.cli import main
from tests.conftest import SEEDS


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The command as a script runs it: stdin from /dev/null, stdout and stderr piped."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def no_app(monkeypatch) -> list:
    opened: list = []
    monkeypatch.setattr(briefing.tui.app, "run", lambda db, paths: opened.append(paths) or 0)
    return opened


def test_a_mistyped_command_is_a_usage_error_with_a_suggestion_not_the_app():
    r = run("serach", "Aleppo", timeout=30)  # before: the app opened and never exited
    assert r.returncode == 2
    assert r.stdout == ""
    assert "did you mean 'search'?" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("word", ["exprot", "artciles", "entites", "serach", "feed"])
def test_each_mistyped_command_suggests_the_right_one(word, capsys, monkeypatch):
    opened = no_app(monkeypatch)
    assert main([word, "x"]) == 2
    assert not opened
    err = capsys.readouterr().err
    assert "is neither a command nor a file or folder" in err
    assert "did you mean '" in err


def test_a_word_like_nothing_is_an_error_without_a_suggestion(capsys, monkeypatch):
    opened = no_app(monkeypatch)
    assert main(["xyzzy"]) == 2 and not opened
    err = capsys.readouterr().err
    assert "'xyzzy' is neither a command nor a file or folder" in err
    assert "did you mean" not in err


def test_a_name_typed_as_a_command_points_to_search(capsys, monkeypatch):
    opened = no_app(monkeypatch)
    assert main(["Deir", "ez-Zor"]) == 2 and not opened
    err = capsys.readouterr().err
    assert "(to look a name up: briefing search 'Deir ez-Zor')" in err
    assert len(err.splitlines()) == 1


def test_a_missing_path_for_the_app_is_an_error(tmp_path, capsys, monkeypatch):
    opened = no_app(monkeypatch)
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    assert main([str(tmp_path / "nope" / "news")]) == 2 and not opened
    assert "no such file or folder" in capsys.readouterr().err


def test_the_app_never_starts_without_a_terminal():
    r = run(str(SEEDS), timeout=30)  # a real folder, but stdin and stdout are not a terminal
    assert r.returncode == 2
    assert "the app needs a terminal" in r.stderr and "briefing index PATH" in r.stderr
    r = run(timeout=30)
    assert r.returncode == 2 and "the app needs a terminal" in r.stderr


def test_an_existing_path_opens_the_app_in_a_terminal(monkeypatch):
    opened = no_app(monkeypatch)
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    assert main([str(SEEDS)]) == 0
    assert opened == [[SEEDS]]


def test_help_is_a_command_and_every_subcommand_help_has_an_example(capsys):
    assert main(["help"]) == 0
    assert "exit status: 0 ok, 1 failure, 2 usage" in capsys.readouterr().out
    parser = cli.build_parser()
    for name in sorted(cli._commands(parser)):
        assert main([name, "--help"]) == 0, name
        out = capsys.readouterr().out
        assert "example:" in out and f"briefing {name}" in out.split("example:")[1], name
    assert main(["help", "search"]) == 0
    assert "briefing search halab" in capsys.readouterr().out


def test_db_and_quiet_before_the_command(tmp_path, capsys):
    db = tmp_path / "elsewhere.sqlite3"
    assert main(["--db", str(db), "-q", "index", str(SEEDS)]) == 0
    assert capsys.readouterr().err == ""  # quiet: no summary
    assert main(["--db", str(db), "articles", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5


def test_quiet_still_says_why_it_failed(tmp_path, capsys):
    assert main(["index", "--quiet", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing: nothing indexed:") and "no such file" in err
    assert len(err.splitlines()) == 1


def test_a_bad_flag_value_is_a_usage_error_in_one_place():
    r = run("articles", "--limit", "many")
    assert r.returncode == 2 and "invalid int value" in r.stderr and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "see 'briefing articles --help'" in r.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["feeds", "imprt", "x.opml"], "briefing feeds: ACTION: invalid choice: 'imprt' (did you mean 'import'?)"),
        (["articles", "--format", "jsn"], "--format: invalid choice: 'jsn' (did you mean 'jsonl'?)"),
        (["articles", "--format", "xml"], "invalid choice: 'xml' (one of table, jsonl, csv)"),
        (["search"], "briefing search: the following arguments are required: query"),
        (["articles", "--sinse", "2020"], "briefing articles: unrecognized option '--sinse' (did you mean '--since'?)"),
        (["feeds", "add", "https://x.org/rss", "--nme", "X"], "briefing feeds add: unrecognized option '--nme' (did you mean '--name'?)"),
        (["events", "extra"], "briefing events: unrecognized arguments: extra"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_with_a_suggestion(args, said):
    r = run(*args, timeout=30)
    assert r.returncode == 2 and r.stdout == ""
    assert said in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert "usage:" not in r.stderr


def test_an_unexpected_error_is_one_line_without_a_traceback(tmp_path, capsys, monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli, "_dispatch", broken)
    assert main(["articles"]) == 1
    err = capsys.readouterr().err
    assert err == "briefing: internal error: RuntimeError: disk on fire second line" \
        " (BRIEFING_DEBUG=1 shows where)\n"  # fmt: skip


def test_articles_take_since_and_until(capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    main(["articles", "--format", "csv"])
    dates = sorted(line.split(",")[1] for line in capsys.readouterr().out.splitlines()[1:])
    year = dates[-1][:4]
    assert main(["articles", "--since", year, "--until", year, "--format", "csv"]) == 0
    kept = [line.split(",")[1] for line in capsys.readouterr().out.splitlines()[1:]]
    assert kept and all(d.startswith(year) for d in kept)
    assert len(kept) == sum(d.startswith(year) for d in dates)


def test_index_given_a_url_fetches_it_instead_of_a_no_such_file(capsys, monkeypatch):
    import briefing.feeds.update

    fetched: list[str] = []

    def add_page(con, path, url):
        fetched.append(url)
        return "a1", True, []

    monkeypatch.setattr(briefing.feeds.update, "add_page", add_page)
    assert main(["index", "https://example.org/a//b"]) == 0
    assert fetched == ["https://example.org/a//b"]  # not collapsed to "https:/example.org"
    assert "no such file" not in capsys.readouterr().err


def run_in_a_terminal(*args: str, env: dict, timeout: float = 60) -> str:
    """The command with stdout and stderr on a pseudo-terminal (stdin not one, so that the
    app is never started): what a person at a terminal sees."""
    import os
    import pty

    main_fd, side = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing", *args], stdin=subprocess.DEVNULL,
            stdout=side, stderr=side, env=env,
        )  # fmt: skip
        os.close(side)
        out = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=timeout)
    finally:
        os.close(main_fd)
    return out.decode("utf-8", "replace")


def test_colour_and_progress_only_on_a_terminal_and_no_colour_with_NO_COLOR(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    db = str(tmp_path / "index.sqlite3")
    shown = run_in_a_terminal("--db", db, "index", str(SEEDS), "--jobs", "1", env=env)
    assert "indexing [" in shown  # the progress bar, on a terminal
    assert "\x1b[1m" in run_in_a_terminal("--db", db, "articles", env=env)  # bold header
    plain = run_in_a_terminal("--db", db, "articles", env=env | {"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "title" in plain
    quiet = run_in_a_terminal("--db", db, "-q", "index", str(SEEDS), env=env)
    assert quiet.strip() == ""  # --quiet: neither progress nor summary
    piped = subprocess.run(
        [sys.executable, "-m", "briefing", "--db", db, "index", str(SEEDS)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert "indexing [" not in piped.stderr and "\r" not in piped.stderr  # no bar in a log


@pytest.mark.parametrize("command", [["articles"], ["search", "aleppo"], ["export"]])
def test_a_mistyped_db_is_an_error_not_a_new_empty_index(tmp_path, capsys, command):
    db = tmp_path / "indx.sqlite3"
    assert main(["--db", str(db), *command]) == 1
    err = capsys.readouterr().err
    assert err == f"briefing: no index at {db} (make one with `briefing --db {db} index PATH`)\n"
    assert not db.exists()


def test_an_index_that_cannot_be_opened_is_one_line(tmp_path):
    r = run("--db", str(tmp_path), "articles", timeout=30)  # a folder
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"briefing: cannot open the index {tmp_path}:")


def test_articles_take_dates_as_events_do(capsys):
    main(["index", str(SEEDS)])
    capsys.readouterr()
    assert main(["articles", "--since", "2016-13-45"]) == 2
    assert "since: not a date" in capsys.readouterr().err
    assert main(["articles", "--since", "2018", "--until", "2017"]) == 2
    assert "is after until" in capsys.readouterr().err
    assert main(["articles", "--since", "1y", "--format", "csv"]) == 0  # relative dates
