"""`briefing index URL` (issue 26, item 8): a web address is not a path. It used to become
`https:/host/page` and "no such file"; now an http(s) address is fetched and indexed as
`briefing add URL` does (a collection's URL is read by fsspec), a scheme fsspec does not
read is a usage error, and the app says to use `add`."""

from __future__ import annotations

import json

from briefing.cli import main
from tests.feeds.feeds import story_page
from tests.feeds.server import Route


def test_index_fetches_a_web_page_beside_files(server, tmp_path, capsys):
    server.routes["/story/1"] = Route(story_page(1), content_type="text/html")
    note = tmp_path / "note.txt"
    note.write_text("Strike on depot\n\nUS jets struck a depot in Albu Kamal.", encoding="utf-8")
    assert main(["index", server.url("/story/1"), str(note)]) == 0
    err = capsys.readouterr().err
    assert "no such file" not in err and "a web page" in err
    assert main(["articles", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["url"] for r in rows} >= {server.url("/story/1")}
    assert any(r["path"] and r["path"].endswith("note.txt") for r in rows)


def test_a_page_that_cannot_be_had_is_one_clear_line(server, capsys):
    assert main(["index", server.url("/missing")]) == 1
    err = capsys.readouterr().err
    assert "no such file" not in err and server.url("/missing") in err
    assert "Traceback" not in err


def test_other_schemes_and_the_app_are_told_what_to_do(capsys):
    assert main(["index", "nosuch://example.org/a"]) == 2  # a usage error: exit status 2
    assert "not a file, an http(s) page or a URL fsspec reads" in capsys.readouterr().err
    assert main(["https://example.org/story"]) == 2
    assert "briefing add https://example.org/story" in capsys.readouterr().err


def test_a_collection_s_url_is_read_as_a_collection_not_fetched_as_a_page():
    from briefing.cli import WebPage, index_input

    assert isinstance(index_input("https://example.org/story"), WebPage)
    assert not isinstance(index_input("https://example.org/news/export.jsonl"), WebPage)
    assert index_input("s3://bucket/news/*.parquet") == "s3://bucket/news/*.parquet"
