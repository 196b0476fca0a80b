"""The overview screen (issue 23): placeholder."""

from __future__ import annotations

from briefing.tui.screens.map import FilteredScreen


class OverviewScreen(FilteredScreen):
    pass
