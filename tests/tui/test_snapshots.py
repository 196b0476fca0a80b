"""Snapshots of the key screens on the fixture collection (update with --snapshot-update)."""

from __future__ import annotations

SIZE = (120, 40)


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.screen.open_article("strike-2021", "strike-2021:e0")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_main_screen_narrow(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_settle)


def test_lookup_results(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"kataib")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_profile(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.go("actor", "actor:kss")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("question_mark")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


# map and overview (issue 23) ----------------------------------------------------------------


async def _open(pilot, key: str, *more: str) -> None:
    await _settle(pilot)
    await pilot.press(key)
    await _settle(pilot)
    if more:
        await pilot.press(*more)
        await _settle(pilot)


def _geo_app(db):
    from briefing.tui.app import BriefingApp
    from tests.tui.test_map import locate

    locate(db)
    return BriefingApp(db)


def _empty_app():
    from briefing import paths
    from briefing.index.queries import Index
    from briefing.tui.app import BriefingApp

    Index(paths.default_db()).close()
    return BriefingApp(paths.default_db())


def test_map(snap_compare, db):
    async def run_before(pilot) -> None:
        await _open(pilot, "w", "n")  # the second place selected, its events listed

    assert snap_compare(_geo_app(db), terminal_size=SIZE, run_before=run_before)


def test_map_zoomed_and_panned(snap_compare, db):
    async def run_before(pilot) -> None:
        await _open(pilot, "w", "plus", "plus", "h")

    assert snap_compare(_geo_app(db), terminal_size=SIZE, run_before=run_before)


def test_map_of_places_without_coordinates(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open(pilot, "w")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_map_filter_bar_refuses_a_bad_filter(snap_compare, db):
    async def run_before(pilot) -> None:
        await _open(pilot, "w", "F")
        pilot.app.screen.query_one("#filter-input").value = "since:2016-13-45 type:ASSAULT"
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(_geo_app(db), terminal_size=SIZE, run_before=run_before)


def test_overview(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open(pilot, "v")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_overview_narrowed_to_an_actor(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await _open(pilot, "v", "tab", "enter")  # the first actor

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_overview_of_an_empty_collection(snap_compare, isolated_home):
    async def run_before(pilot) -> None:
        await _open(pilot, "v")

    assert snap_compare(_empty_app(), terminal_size=(80, 24), run_before=run_before)


def test_map_of_an_empty_collection(snap_compare, isolated_home):
    async def run_before(pilot) -> None:
        await _open(pilot, "w")

    assert snap_compare(_empty_app(), terminal_size=(80, 24), run_before=run_before)
