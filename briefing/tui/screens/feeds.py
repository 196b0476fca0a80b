"""The feeds view: each feed with its unread articles, last update and status; ``r``
updates every feed in the background (the app keeps reading meanwhile)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static

from briefing.tui import render

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

COLUMNS = (("Feed", 28), ("Unread", 6), ("Articles", 8), ("Last update", 16), ("Status", 56))


class FeedsScreen(Screen):
    app: BriefingApp

    BINDINGS = [
        Binding("escape,u", "close", "Close", id="close-feeds", tooltip="Back to the articles"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="feeds-title")
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="feeds-progress", classes="hidden"):
            yield Static(id="feeds-progress-label")
            yield ProgressBar(id="feeds-progress-bar", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        self.refresh_feeds()

    def refresh_feeds(self) -> None:
        feeds = self.app.library.feeds()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for f in feeds:
            table.add_row(*cells(f), key=str(f["id"]))
        if feeds:
            table.move_cursor(row=min(row, len(feeds) - 1))
        unread = sum(f["unread"] for f in feeds)
        title = (
            f"{render.plural(len(feeds), 'feed')}, {unread:,} unread · r updates"
            if feeds
            else "No feeds followed: `briefing feeds add URL` or `briefing feeds import FILE.opml`"
        )
        self.query_one("#feeds-title", Static).update(title)

    def show_progress(self, label: str, done: int, total: int | None) -> None:
        self.query_one("#feeds-progress").remove_class("hidden")
        self.query_one("#feeds-progress-label", Static).update(label)
        self.query_one("#feeds-progress-bar", ProgressBar).update(total=total, progress=done)

    def hide_progress(self) -> None:
        self.query_one("#feeds-progress").add_class("hidden")

    def action_close(self) -> None:
        self.app.pop_screen()


def cells(feed: dict[str, Any]) -> tuple:
    status = feed["status"] + (f": {feed['detail']}" if feed.get("detail") else "")
    return (
        render.plain(feed["name"]),
        str(feed["unread"]),
        str(feed["articles"]),
        (feed.get("checked") or "never").replace("T", " ")[:16],
        render.plain(status, "red" if feed["status"] == "error" else ""),
    )
