"""Lookup: one box, results as you type from actors, places, articles and events,
grouped by kind with the matched characters highlighted. ``@`` actors, ``#`` places,
``?`` or ``text:`` the full text of every article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

GROUPS = (("actor", "Actors"), ("place", "Places"), ("article", "Articles"), ("event", "Events"))
HINT = "@ actors  # places  ? full text  ·  ↑↓ choose  ·  enter open  ·  esc close"


def hit_key(hit: dict[str, Any]) -> str:
    return f"{hit['kind']}\t{hit['id']}"


class LookupScreen(ModalScreen[dict[str, Any] | None]):
    """Returns the chosen hit (``kind``, ``id``, ``name``…) or None."""

    app: BriefingApp

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="lookup-close"),
        Binding("down", "move(1)", "Next", show=False, id="lookup-down"),
        Binding("up", "move(-1)", "Previous", show=False, id="lookup-up"),
        Binding("ctrl+n,ctrl+j", "move(1)", "Next", show=False, id="lookup-next"),
        Binding("ctrl+p", "move(-1)", "Previous", show=False, id="lookup-previous"),
    ]

    def __init__(self, query: str = ""):
        super().__init__()
        self.initial = query
        self.hits: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup"):
            yield Input(
                value=self.initial,
                placeholder="look up an actor, place, article or event",
                id="lookup-input",
            )
            yield Picker(id="lookup-results")
            yield Static(HINT, id="lookup-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lookup-input", Input).focus()
        if self.initial:
            self.search(self.initial)

    @on(Input.Changed, "#lookup-input")
    def _typed(self, message: Input.Changed) -> None:
        self.search(message.value)

    @work(thread=True, exclusive=True, group="lookup", exit_on_error=False)
    def search(self, query: str) -> None:
        hits = self.app.library.search(query) if query.strip() else []
        self.app.call_from_thread(self.show, query, hits)

    def show(self, query: str, hits: list[dict[str, Any]]) -> None:
        if query != self.query_one("#lookup-input", Input).value:
            return  # a newer keystroke is on its way
        self.hits = {hit_key(h): h for h in hits}
        rows: list[Option | None] = []
        for kind, label in GROUPS:
            group = [h for h in hits if h["kind"] == kind]
            if group:
                rows.append(Picker.heading(f"{label} {len(group)}"))
                rows += [Option(render.hit_row(h), id=hit_key(h)) for h in group]
        if query.strip() and not hits:
            rows.append(Picker.heading("no match"))
        self.query_one(Picker).fill(rows)

    def action_move(self, step: int) -> None:
        results = self.query_one(Picker)
        results.action_cursor_down() if step > 0 else results.action_cursor_up()

    @on(Input.Submitted, "#lookup-input")
    def _submitted(self) -> None:
        self.choose(self.query_one(Picker).current_id)

    @on(OptionList.OptionSelected, "#lookup-results")
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self.choose(message.option.id)

    def choose(self, key: str | None) -> None:
        if key and key in self.hits:
            self.dismiss(self.hits[key])
