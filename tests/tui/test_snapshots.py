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
