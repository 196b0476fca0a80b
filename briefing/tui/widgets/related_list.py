"""The related pane: entries from other articles linked to the selected event or
article, each with why it relates."""

from __future__ import annotations

from typing import Any

from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker


def related_key(item: dict[str, Any]) -> str:
    return f"{item.get('kind')}\t{item.get('id')}"


class RelatedList(Picker):
    def show(self, items: list[dict[str, Any]] | None, about: str) -> None:
        self.items = {related_key(i): i for i in items or []}
        if items is None:
            rows = [self.heading("linking is not available in this build")]
        elif not items:
            rows = [self.heading(f"nothing related to this {about}")]
        else:
            rows = [Option(render.related_row(i), id=related_key(i)) for i in items]
        self.fill(rows)
        self.border_title = f"Related to {about}" + (f" {len(items)}" if items else "")

    @property
    def current(self) -> dict[str, Any] | None:
        return getattr(self, "items", {}).get(self.current_id or "")
