"""The progress bar: drawn on a terminal only, with the rate, the time left and what a
cluster has extracted ahead of the writer."""

from __future__ import annotations

import io

from briefing import output
from briefing.output import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_rate_and_time_left_once_it_has_run_a_second(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(output.time, "monotonic", lambda: now[0])
    screen = Terminal()
    bar = ProgressBar("indexing", screen)
    bar(0, 1000)
    now[0] += 2.0
    bar(400, 1000)
    now[0] += 0.2  # (redrawn at most ten times a second)
    bar.extracted(700, 1000)
    last = screen.getvalue().split("\r")[-1]
    assert "182 articles/s" in last  # 400 in 2.2 s
    assert "3s left" in last  # 600 left at 182 a second
    assert "400/1000" in last
    assert "extracted 700/1000" in last
    now[0] += 600.0
    bar(500, 1000)
    assert "10m 02s left" in screen.getvalue().split("\r")[-1]  # 500 left, 500 in 602 s


def test_nothing_is_drawn_when_stderr_is_no_terminal():
    stream = io.StringIO()
    bar = ProgressBar("indexing", stream)
    bar(1, 2)
    bar.extracted(2, 2)
    bar.close()
    assert stream.getvalue() == ""


def test_an_update_shows_the_feeds_still_coming_on_the_indexing_line(tmp_path, monkeypatch):
    """``briefing update`` indexes while the last feeds come in: one line says both."""
    from briefing.feeds import update as updating
    from briefing.feeds.update import Report

    screen = Terminal()
    monkeypatch.setattr(output.sys, "stderr", screen)

    def update(con, path, *, progress, **kwargs):
        progress(0, 3, "fetching")
        progress(1, 3, "fetching")
        progress(5, 10, "indexing")
        progress(2, 3, "fetching")  # drawn on the indexing line
        return Report()

    monkeypatch.setattr(updating, "update", update)
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path))
    from briefing.cli import main

    assert main(["feeds", "add", "http://127.0.0.1:9/feed.xml"]) == 0
    monkeypatch.setattr(output.time, "monotonic", iter(range(0, 1000, 1)).__next__)
    assert main(["update"]) == 0
    lines = screen.getvalue().split("\r")
    assert any(line.startswith("indexing [") and "feeds 2/3" in line for line in lines)
