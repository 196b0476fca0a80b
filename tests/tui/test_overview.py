"""The overview screen: the filter at a glance, each row a way in."""

from __future__ import annotations

from textual.widgets import Static

from briefing.index import overview
from briefing.tui.screens.overview import OverviewScreen
from tests.tui.test_map import settle


async def open_overview(pilot) -> OverviewScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OverviewScreen)
    return pilot.app.screen


async def test_the_overview_counts_and_each_row_narrows_the_filter(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        tolls = str(screen.query_one("#ov-tolls", Static).render())
        assert "5 events" in tolls and "9–9 killed" in tolls  # asserted: 5 + 1 + 3
        places = screen.query_one("#ov-places")
        assert places.option_count == 4  # Albu Kamal, Erbil, Deir ez-Zor, Syria
        actors = screen.query_one("#ov-actors")
        actors.focus()
        actors.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.filter.actor is not None
        assert app.filter.text() in screen.query_one("#filter-input").value
        narrowed = str(screen.query_one("#ov-tolls", Static).render())
        assert narrowed != tolls
        await pilot.press("w")  # the map follows the same filter
        await settle(pilot)
        assert app.screen.current_filter() == app.filter
        await pilot.press("v")
        await settle(pilot)
        assert app.screen is screen


async def test_an_incident_opens_its_article(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        newest = screen.query_one("#ov-newest")
        newest.focus()
        newest.highlighted = 0
        chosen = newest.highlighted_option.id
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main and app.main.event_id == chosen


async def test_an_empty_collection_has_an_empty_overview(isolated_home, tmp_path):
    from briefing import paths
    from briefing.index.queries import Index
    from briefing.tui.app import BriefingApp

    Index(paths.default_db()).close()
    app = BriefingApp(paths.default_db())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(pilot)
        assert "no dated events" in str(screen.query_one("#ov-chart", Static).render())
        assert screen.query_one("#ov-places").option_count == 1  # "none"
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#map").picture.markers == []


def test_bars_and_sparklines():
    assert overview.bars([0, 4, 8], 3, 1) == [" ▄█"]
    assert overview.bars([8, 8, 8, 8], 2, 1) == ["██"]  # neighbours summed
    assert overview.sparkline([0, 1, 7]) == " ▂█"
    assert overview.sparkline([]) == ""


def test_counts_are_asked_again_only_when_the_events_change(db, monkeypatch):
    import sqlite3

    from briefing.index.filters import Filter
    from briefing.tui.data import Library

    calls = []
    summary = overview.summary
    monkeypatch.setattr(overview, "summary", lambda *a, **k: calls.append(1) or summary(*a, **k))
    library = Library(db)
    query = library.resolve_filter(Filter()).query()
    first = library.overview(query)
    assert library.overview(query) is first and len(calls) == 1  # back to the overview
    other = library.resolve_filter(Filter(actor="actor:isis")).query()
    assert library.overview(other)["tolls"]["events"] == 2 and len(calls) == 2
    with sqlite3.connect(db) as con:  # an asserted event more, as indexing would add it
        cols = [r[1] for r in con.execute("PRAGMA table_info(events)")][2:]
        con.execute(
            f"INSERT INTO events (event_id, {', '.join(cols)}) SELECT 'more', {', '.join(cols)}"
            " FROM events WHERE event_id = 'hostile:e0'"
        )
    again = library.overview(query)
    assert len(calls) == 3 and again["tolls"]["events"] == first["tolls"]["events"] + 1
    library.close()


async def test_the_chart_and_the_toll_come_first_and_a_slower_older_read_is_not_shown(make_app):
    from briefing.index.filters import Filter

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        heads, fulls = [], []
        screen.show_head = lambda data: heads.append(data)
        screen.show = lambda data: fulls.append(data)
        screen.apply_filter(Filter(actor="actor:isis"))
        await settle(pilot)
        assert [h["tolls"]["events"] for h in heads] == [2] and "places" not in heads[0]
        assert [f["tolls"]["events"] for f in fulls] == [2] and "places" in fulls[0]
        old = screen.reading
        screen.reading = {}  # a newer filter is being read: what the old read sends is dropped
        screen._shown(old, screen.show, {"tolls": {}})
        assert len(fulls) == 1
