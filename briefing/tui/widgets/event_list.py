"""The events pane: what the article reports, in text order; negated, future and
hypothetical events are set apart in their own group, dimmed."""

from __future__ import annotations

from typing import Any

from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker

REPORTED = ("asserted", "alleged")


class EventList(Picker):
    def show(self, events: list[dict[str, Any]], keep: str | None = None) -> None:
        self.events = {e["event_id"]: e for e in events}
        reported = [e for e in events if (e.get("modality") or "asserted") in REPORTED]
        other = [e for e in events if (e.get("modality") or "asserted") not in REPORTED]
        rows: list[Option | None] = [
            Option(render.event_row(e), id=e["event_id"]) for e in reported
        ]
        if other:
            rows.append(self.heading("not happened / not yet / if"))
            rows += [Option(render.event_row(e), id=e["event_id"]) for e in other]
        if not events:
            rows.append(self.heading("no events extracted"))
        self.fill(rows, keep=keep)
        self.border_title = f"Events {len(reported)}" + (f" +{len(other)}" if other else "")

    @property
    def current(self) -> dict[str, Any] | None:
        return getattr(self, "events", {}).get(self.current_id or "")
