"""The filter bar: the filter in force as text the analyst edits, shared by the map and
the overview (``place:Aleppo actor:"Islamic State" since:2017-01 type:ASSAULT``).

Enter checks it (``briefing.index.filters``): a filter that parses and resolves becomes
the app's filter and every screen that shows one follows; one that does not stays in the
bar, with the reason under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from briefing.index.filters import Filter, FilterError, parse
from briefing.tui import render

PLACEHOLDER = 'filter: place:Aleppo actor:"Islamic State" since:2017-01 type:ASSAULT mode:aerial'


class FilterBar(Vertical):
    """An input for the filter and a line under it: what it resolved to, or what is wrong."""

    BINDINGS = [Binding("escape", "leave", "Leave filter", show=False)]

    @dataclass
    class Changed(Message):
        """The analyst entered a filter that parses (names still to resolve)."""

        bar: FilterBar
        filter: Filter

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="filter-input", compact=True)
        yield Static(id="filter-status")

    def show(self, flt: Filter, status: str = "", *, error: bool = False) -> None:
        """Put a filter in the bar (as text) and a status line under it."""
        self.query_one(Input).value = flt.text()
        self.say(status, error=error)

    def say(self, status: str, *, error: bool = False) -> None:
        line = self.query_one("#filter-status", Static)
        line.update(render.plain(status, "bold $error" if error else "dim"))
        self.set_class(error, "-error")

    @property
    def text(self) -> str:
        return self.query_one(Input).value

    @on(Input.Submitted, "#filter-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            flt = parse(event.value)
        except FilterError as exc:
            self.say(str(exc), error=True)
            return
        self.post_message(self.Changed(self, flt))

    def action_leave(self) -> None:
        self.screen.focus_next()
