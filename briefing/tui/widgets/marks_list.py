"""The marks pane: what the analyst picked for the briefing, oldest first."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker
from briefing.tui.widgets.related_list import related_key


class MarksList(Picker):
    def show(self, marks: list[dict[str, Any]]) -> None:
        self.items = {related_key(m): m for m in marks}
        rows = [
            Option(
                render.join(Content(f"{m['kind']:<7}").stylize("dim"), render.plain(m["name"])),
                id=related_key(m),
            )
            for m in marks
        ] or [self.heading("nothing marked: m marks the selected entry")]
        self.fill(rows, keep=self.current_id)
        self.border_title = f"Marked {len(marks)}"

    @property
    def current(self) -> dict[str, Any] | None:
        return getattr(self, "items", {}).get(self.current_id or "")
