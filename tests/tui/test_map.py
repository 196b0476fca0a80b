"""The map screen: drawn offline, following the filter bar; pan, zoom, select, open."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.tui.screens.map import MapScreen
from briefing.tui.widgets.filter_bar import FilterBar
from briefing.tui.widgets.map_view import MapView

COORDS = {
    "place:albukamal": (34.45, 40.92),
    "place:erbil": (36.19, 44.01),
    "place:deir": (35.33, 40.14),
    "place:syria": (35.0, 38.5),
}


def locate(db) -> None:
    """Give the fixture's places coordinates (the fixture itself has none)."""
    with sqlite3.connect(db) as con:
        for place, (lat, lon) in COORDS.items():
            con.execute("UPDATE entities SET lat = ?, lon = ? WHERE id = ?", (lat, lon, place))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_map(pilot) -> MapView:
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MapScreen)
    return pilot.app.screen.query_one(MapView)


async def test_the_map_shows_a_marker_per_place_and_lists_its_events(geo_app):
    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        markers = view.picture.markers
        # asserted events only: Albu Kamal, Erbil, Syria (Russia), Deir ez-Zor (hostile)
        assert sum(m.events for m in markers) == 4
        assert any(
            "◉" in line or "●" in line or "•" in line for line in map(str, view.render().split())
        )
        events = app.screen.query_one("#map-events")
        assert events.option_count >= 1
        first = view.marker
        await pilot.press("n")
        await settle(pilot)
        assert view.marker is not first
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.focused is events
        chosen = events.current_id
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main and app.main.event_id == chosen


async def test_pan_and_zoom_move_the_view(geo_app):
    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        start = view.view
        await pilot.press("plus")
        assert view.view.scale == pytest.approx(min(start.scale * 2, 512))
        await pilot.press("minus", "minus")
        assert view.view.scale < start.scale
        before = view.view.lon
        await pilot.press("l")
        assert view.view.lon > before
        await pilot.press("left", "left")
        assert view.view.lon < before
        lat = view.view.lat
        await pilot.press("k")
        assert view.view.lat > lat
        await pilot.press("0")
        assert view.view == start
        await pilot.press("c")  # the country of the busiest place
        assert view.view != start


async def test_the_filter_bar_narrows_the_map_and_refuses_bad_filters(geo_app):
    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        await pilot.press("F")
        bar = app.screen.query_one(FilterBar)
        app.screen.query_one("#filter-input").value = "since:2016-13"
        await pilot.press("enter")
        await settle(pilot)
        assert "not a date" in str(bar.query_one("#filter-status").render())
        assert sum(m.events for m in view.picture.markers) == 4  # unchanged
        app.screen.query_one("#filter-input").value = "actor:russia"
        await pilot.press("enter")
        await settle(pilot)
        assert app.filter.actor == "russia"
        assert [p.name for m in view.picture.markers for p in m.places] == ["Syria"]


async def test_places_without_coordinates_say_so(make_app):
    app = make_app()  # the fixture's places have no coordinates
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        assert view.picture.markers == []
        status = str(app.screen.query_one("#map-status").render())
        assert "5 events in the filter" in status and "5 without coordinates" in status
        await pilot.press("n", "plus", "c", "enter")  # nothing to select: no error
        await pilot.press("escape")
        assert app.screen is app.main


async def test_the_events_follow_the_selected_place_once_the_view_rests(geo_app):
    from briefing.tui.screens.map import EVENTS_AFTER

    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        events = app.screen.query_one("#map-events")
        reads = []
        original = app.library.events_at
        app.library.events_at = lambda ids, *a, **k: reads.append(ids) or original(ids, *a, **k)
        # pan Erbil, the easternmost place, off the map: another place is selected
        assert view.marker.name == "Erbil"
        first = view.marker.name
        for _ in range(12):
            await pilot.press("h")
            if view.marker.name != first:
                break
        assert reads == [] and str(events.border_title).startswith(f"Events at {first}")
        await pilot.pause(EVENTS_AFTER + 0.2)
        await settle(pilot)
        assert view.marker is not None and view.marker.name != first
        assert reads == [[p.id for p in view.marker.places]]  # once, when the view rested
        assert str(events.border_title).startswith(f"Events at {view.marker.name}")


async def test_hostile_filter_text_is_refused_as_text(geo_app):
    """Markup, escape sequences and control characters typed in the filter bar are shown
    back as text in the reason, never interpreted."""
    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        await pilot.press("F")
        bar = app.screen.query_one(FilterBar)
        for text in ('actor:"[/] [bold]x\x1b[2J\x07"', "place:[link=x]y[/link]", '"[/]'):
            app.screen.query_one("#filter-input").value = text
            await pilot.press("enter")
            await settle(pilot)
            status = str(bar.query_one("#filter-status").render())
            assert "nothing matches" in status or "unbalanced" in status, status
            assert "\x1b" not in status and "\x07" not in status
        assert "[/]" in status  # shown as typed
        assert sum(m.events for m in view.picture.markers) == 4  # the filter is unchanged
        assert not app.filter
