"""The related pane: entries from other articles linked to the selected event or
article, each with why it relates."""

from __future__ import annotations

from typing import Any

from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker


def event_label(event: dict[str, Any]) -> str:
    """An event in a few words, as a pane title says it: ``IS air strikes, Raqqa, 2017-03-02``
    (the first actor and place, each cut to a few words, so that the date shows)."""
    from briefing.index.link import kind_of_event

    names = [p.get("name") or p.get("text") or "" for p in event.get("actors") or []]
    actor = _short(names[0]) + (" et al." if len(names) > 1 else "") if names else ""
    what = kind_of_event(event.get("type") or "", event.get("mode"))
    place = next((loc.get("name") for loc in event.get("locations") or [] if loc.get("name")), "")
    parts = [f"{actor} {what}" if actor else what, _short(place or ""), event.get("date") or ""]
    return ", ".join(p for p in parts if p)


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def related_key(item: dict[str, Any]) -> str:
    return f"{item.get('kind')}\t{item.get('id')}"


class RelatedList(Picker):
    def show(self, items: list[dict[str, Any]] | None, about: str, name: str = "") -> None:
        """``about``: ``event`` or ``article``; ``name``: what it is called (the pane title
        says ``7 related to: IS air strikes, Raqqa, 2017-03-02``, never a number alone)."""
        self.items = {related_key(i): i for i in items or []}
        if items is None:
            rows = [self.heading("linking is not available in this build")]
        elif not items:
            rows = [self.heading(f"nothing related to this {about}")]
        else:
            rows = [Option(render.related_row(i), id=related_key(i)) for i in items]
        self.fill(rows)
        name = _short(render.clean(name, one_line=True), 60)
        count = f"{len(items)} related" if items else "Related"
        self.border_title = render.plain(f"{count} to: {name}" if name else count)

    @property
    def current(self) -> dict[str, Any] | None:
        return getattr(self, "items", {}).get(self.current_id or "")
