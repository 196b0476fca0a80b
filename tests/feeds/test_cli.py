"""The command line of feeds: the analyst's round from an OPML file to a cited briefing."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main
from tests.feeds.feeds import seed_feed, story_page
from tests.feeds.server import Route


def jsonl(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_import_update_update_again_export(server, tmp_path, capsys):
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=3), etag='"1"')
    server.routes["/mirror.xml"] = Route(
        seed_feed(server.url(""), count=2, guid_prefix="m"), etag='"2"'
    )
    opml = tmp_path / "desk.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="Wires">'
        f'<outline text="Levant Wire" xmlUrl="{server.url("/levant.xml")}"/>'
        f'<outline text="Mirror" xmlUrl="{server.url("/mirror.xml")}"/>'
        "</outline></body></opml>"
    )
    assert main(["feeds", "import", str(opml)]) == 0
    assert "imported 2 feeds" in capsys.readouterr().err
    assert main(["update", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    # the two stories both feeds bring are stored with whichever came in first
    assert "Levant Wire: ok (" in err and "Mirror: ok (" in err
    assert "3 new articles, 2 already stored" in err
    assert main(["update"]) == 0
    assert "Levant Wire: not modified" in capsys.readouterr().err
    assert server.hits["/levant.xml"] == 2 and server.hits["/story/0"] == 0

    assert main(["feeds", "list", "--format", "jsonl"]) == 0
    rows = {r["name"]: r for r in jsonl(capsys)}
    assert rows["Levant Wire"]["unread"] == 3 and rows["Levant Wire"]["status"] == "not modified"
    assert rows["Mirror"]["tags"] == ["Wires"] and rows["Mirror"]["articles"] == 2

    assert main(["export"]) == 0
    assert server.url("/story/0") in capsys.readouterr().out  # the briefing cites the URL

    out = tmp_path / "out.opml"
    assert main(["feeds", "export", "-o", str(out)]) == 0
    assert main(["feeds", "remove", "Mirror"]) == 0
    assert main(["feeds", "import", str(out)]) == 0
    assert "imported 1 feeds (1 followed already)" in capsys.readouterr().err
    assert main(["articles", "--format", "jsonl"]) == 0
    assert len(jsonl(capsys)) == 3  # removing a feed keeps its articles


def test_add_a_page(server, capsys):
    server.routes["/story/1"] = Route(story_page(1), content_type="text/html")
    assert main(["add", server.url("/story/1")]) == 0
    article = capsys.readouterr().out.strip()
    assert main(["articles", "--format", "jsonl"]) == 0
    (row,) = jsonl(capsys)
    assert row["id"] == article and row["url"] == server.url("/story/1") and row["events"] > 0


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["feeds", "add", "ftp://example.org/feed"], 1, "not an http(s) URL"),
        (["feeds", "remove", "nothing"], 1, "no feed 'nothing'"),
        (["feeds", "import", "/nonexistent.opml"], 1, "cannot read"),
        (["update"], 1, "no feeds followed"),
        (["update", "--every", "soon"], 2, "not an interval"),
        (["add", "not a url"], 1, "not an http(s) URL"),
    ],
)
def test_errors_are_one_line_on_stderr(argv, code, message, capsys):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_opml_and_the_same_feed_twice(tmp_path, server, capsys):
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<html>no</html>")
    assert main(["feeds", "import", str(bad)]) == 1
    assert "not OPML" in capsys.readouterr().err
    assert main(["feeds", "add", server.url("/x.xml")]) == 0
    assert main(["feeds", "add", server.url("/x.xml")]) == 1
    assert "already following" in capsys.readouterr().err


def test_every_feed_failing_exits_1(server, capsys):
    assert main(["feeds", "add", server.url("/gone.xml"), "--name", "Gone"]) == 0
    assert main(["update"]) == 1
    assert "Gone: error (HTTP 404 Not Found)" in capsys.readouterr().err
