from __future__ import annotations

import pytest
from textual.widgets import Input

from briefing import paths
from tests.tui import fixture


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    """The cursor does not blink, so that snapshots are stable (harlequin's fixture)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.fixture
def db(isolated_home, tmp_path):
    """The fixture collection indexed into this test's BRIEFING_HOME."""
    return fixture.build(paths.default_db(), tmp_path / "collection")


@pytest.fixture
def make_app(db):
    from briefing.tui.app import BriefingApp

    def make(paths_to_index=()):
        return BriefingApp(db, paths_to_index)

    return make


@pytest.fixture
def geo_app(db):
    """The fixture collection with coordinates for its places (the map's tests)."""
    from briefing.tui.app import BriefingApp
    from tests.tui.test_map import locate

    locate(db)
    return lambda: BriefingApp(db)
