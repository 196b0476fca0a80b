"""The feeds view in the app: update with ``r`` while reading, new articles listed
without a restart, ``o`` opens an article's URL."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from briefing import paths
from briefing.feeds import state
from briefing.feeds.fetch import Policy
from briefing.index.queries import Index
from tests.feeds.feeds import seed_feed
from tests.feeds.server import LoopbackServer, Route


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


def make_app(server, *feeds: str):
    from briefing.tui.app import BriefingApp

    db = paths.default_db()
    with Index(db) as index:
        for path in feeds:
            state.add_feed(index.con, server.url(path), name=path.strip("/").split(".")[0])
    app = BriefingApp(db)
    app.feed_policy = Policy(timeout=0.5, deadline=1.0, retries=0, host_delay=0.0)
    return app


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_update_from_the_feeds_view_lists_new_articles(server):
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=3))
    app = make_app(server, "/levant.xml", "/gone.xml")
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(app.main.query_one("#article-table").rows) == 0
        await pilot.press("u")
        table = app.screen.query_one(DataTable)
        assert [r[0] for r in rows(table)] == ["levant", "gone"]
        assert rows(table)[0][4] == "never updated"
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        levant, gone = rows(app.screen.query_one(DataTable))
        assert levant[1:3] == ["3", "3"] and levant[4] == "ok: 3 new"
        assert gone[4] == "error: HTTP 404 Not Found"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.main.query_one("#article-table").rows) == 3  # no restart needed


async def test_o_opens_the_article_in_the_browser(server, monkeypatch):
    opened: list[str] = []

    class Browser:
        def open(self, url, *a, **k):
            opened.append(url)
            return True

    monkeypatch.setattr("webbrowser.get", lambda *a: Browser())
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=1))
    app = make_app(server, "/levant.xml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")
        assert opened == [server.url("/story/0")]
        await pilot.press("u")
        assert rows(app.screen.query_one(DataTable))[0][1] == "0"  # read once opened


async def test_o_without_a_browser_copies_the_address(server, monkeypatch):
    import webbrowser

    def none(*a):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr("webbrowser.get", none)
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=1))
    app = make_app(server, "/levant.xml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == server.url("/story/0")
        (note,) = [n.message for n in app._notifications if "browser" in n.message]
        assert "no web browser here" in note and server.url("/story/0") in note


def test_a_browser_that_runs_in_the_terminal_is_not_started(monkeypatch):
    import webbrowser

    from briefing.tui.screens.main import _browser_opens

    started: list[str] = []

    class Lynx(webbrowser.GenericBrowser):
        def open(self, url, *a, **k):
            started.append(url)
            return True

    monkeypatch.setattr("webbrowser.get", lambda *a: Lynx("lynx"))
    assert not _browser_opens("https://example.org/") and not started


async def test_the_update_line_says_articles_indexed_and_feeds_still_coming(server):
    from textual.widgets import Static

    from briefing.tui.app import FeedsProgress

    app = make_app(server, "/levant.xml")
    async with app.run_test(size=(120, 40)) as pilot:
        app._update_stages = {}
        label = app.main.query_one("#indexing-label", Static)
        app.on_feeds_progress(FeedsProgress(1, 3, "fetching"))
        await pilot.pause()
        assert "fetching 1/3 feeds" in str(label.render())
        for message in (FeedsProgress(5, 10, "indexing"), FeedsProgress(2, 3, "fetching")):
            app.on_feeds_progress(message)
        await pilot.pause()
        assert "indexing 5/10 articles · feeds 2/3" in str(label.render())
        app.on_feeds_progress(FeedsProgress(3, 3, "fetching"))
        await pilot.pause()
        assert "feeds" not in str(label.render())  # every feed in: the articles only
