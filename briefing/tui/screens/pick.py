"""A small chooser: one of the actors and places of the selected event or article."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker


class EntityPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="close")]

    def __init__(self, entities: list[dict[str, Any]]):
        super().__init__()
        unique: dict[str, dict[str, Any]] = {}
        for e in entities:
            unique.setdefault(e["id"], e)
        self.entities = list(unique.values())

    def compose(self) -> ComposeResult:
        picker = Picker(id="entity-picker")
        picker.border_title = "Open a profile"
        picker.add_options(
            Option(
                render.join(Content(f"{e['role']:<7}").stylize("dim"), render.plain(e["name"])),
                id=e["id"],
            )
            for e in self.entities
        )
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(Picker)
        picker.highlighted = 0
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)
