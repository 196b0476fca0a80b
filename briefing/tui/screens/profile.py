"""An actor's or place's profile: its events over time (as actor and as target), the
actors and places it is seen with, and the articles; enter on any entry goes there."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing.tui import render
from briefing.tui.widgets.picker import Picker

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

TIMELINE_WIDTH = 60


def periods_between(first: str, last: str) -> list[str]:
    """Every month (``YYYY-MM``) or day (``YYYY-MM-DD``) from ``first`` to ``last``."""
    if len(first) == 10:
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        return [(day + dt.timedelta(days=i)).isoformat() for i in range((end - day).days + 1)]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


ROLES = (("as_actor", "as actor"), ("as_target", "as target"), ("at", "here"))


def timeline(profile: dict[str, Any]) -> Content:
    """A strip per role (events as actor, as target, located here) over time, one cell per
    period (month or day), with the first and last period under it."""
    rows = [r for r in profile.get("timeline") or [] if r.get("period")]
    if not rows:
        return Content("no dated events").stylize("dim")
    try:
        span = periods_between(rows[0]["period"], rows[-1]["period"])
    except ValueError:
        span = [r["period"] for r in rows]
    counts = {role: {r["period"]: r.get(role, 0) for r in rows} for role, _ in ROLES}
    if len(span) > TIMELINE_WIDTH:  # several periods to a cell
        size = -(-len(span) // TIMELINE_WIDTH)
        cells = [span[i : i + size] for i in range(0, len(span), size)]
        counts = {
            role: {c[0]: sum(per.get(p, 0) for p in c) for c in cells}
            for role, per in counts.items()
        }
        span = [c[0] for c in cells]
    lines = []
    for role, label in ROLES:
        total = sum(counts[role].values())
        if total:
            strip = render.timeline(counts[role], span)
            lines.append(render.join(Content(f"{label:<10}"), strip, Content(f" {total}"), sep=""))
    by = profile.get("by") or "month"
    last = span[-1] if len(span) > 1 else ""
    lines.append(
        Content(
            f"{'per ' + by:<10}{span[0]}{last:>{max(len(span) - len(span[0]), len(last) + 1)}}"
        ).stylize("dim")
    )
    return Content("\n").join(lines)


def describe(entity: dict[str, Any]) -> Content:
    facts = [
        entity.get("kind"),
        entity.get("type"),
        entity.get("country"),
        entity.get("sector"),
        entity.get("admin1"),
    ]
    head = render.plain(
        entity.get("name"), render.ACTOR if entity.get("kind") == "actor" else render.PLACE
    )
    detail = render.plain(" · ".join(str(f) for f in facts if f), "dim")
    aliases = entity.get("aliases") or []
    lines = [render.join(head, detail, sep="  ")]
    if aliases:
        lines.append(render.plain("also: " + ", ".join(aliases[:8]), "dim italic"))
    return Content("\n").join(lines)


class ProfileScreen(Screen):
    app: BriefingApp

    BINDINGS = [
        Binding("h", "pane(-1)", "Left pane", show=False, id="profile-left"),
        Binding("l", "pane(1)", "Right pane", show=False, id="profile-right"),
        Binding(
            "m",
            "mark",
            "Mark",
            id="profile-mark",
            tooltip="Mark this actor or place for the briefing",
        ),
        Binding("escape", "app.back", "Back", show=False, id="profile-close"),
    ]

    def __init__(self, entity_id: str):
        super().__init__(id="profile")
        self.entity_id = entity_id
        self.entries: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="profile-head")
        yield Static(id="profile-timeline")
        with Horizontal(id="profile-panes"):
            yield Picker(id="profile-events")
            yield Picker(id="profile-links")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.entity_id)

    def show(self, entity_id: str, keep: str | None = None) -> None:
        profile = self.app.library.profile(entity_id)
        if profile is None:
            self.notify(f"no entity {entity_id}", severity="error", markup=False)
            return
        self.entity_id = entity_id
        entity = profile["entity"]
        self.query_one("#profile-head", Static).update(describe(entity))
        self.query_one("#profile-timeline", Static).update(timeline(profile))
        self.entries = {}
        events = self.query_one("#profile-events", Picker)
        rows: list[Option | None] = []
        for ev in sorted(
            profile.get("event_list") or [], key=lambda e: (e.get("date") or "", e["event_id"])
        ):
            role = (
                "actor"
                if any(p.get("id") == entity_id for p in ev.get("actors", []))
                else (
                    "target"
                    if any(p.get("id") == entity_id for p in ev.get("targets", []))
                    else "at"
                )
            )
            key = f"event\t{ev['event_id']}"
            self.entries[key] = ("event", ev["event_id"])
            rows.append(Option(render.event_row(ev, Content(f"{role:<7}").stylize("dim")), id=key))
        events.fill(rows or [Picker.heading("no events")], keep=keep)
        events.border_title = f"Events {len(rows)}"
        links = self.query_one("#profile-links", Picker)
        rows = []
        for label, kind, items in (
            ("Counterparts", "entity", profile.get("counterparts") or []),
            (
                "Acting here" if entity.get("kind") == "place" else "Acting beside it",
                "entity",
                profile.get("actors") or [],
            ),
            ("Places", "entity", profile.get("places") or []),
            ("Articles", "article", profile.get("articles") or []),
        ):
            if not items:
                continue
            rows.append(Picker.heading(label))
            for item in items:
                key = f"{kind}\t{item['id']}\t{label}"
                self.entries[key] = (kind, item["id"])
                name = item.get("name") or item.get("title") or item["id"]
                count = item.get("events") or item.get("mentions")
                count = Content(f"{count}").stylize("dim") if count else ""
                rows.append(
                    Option(render.Block((render.join(render.plain(name), count), 0, 2)), id=key)
                )
        links.fill(rows or [Picker.heading("nothing linked")])
        links.border_title = "Counterparts · places · articles"
        events.focus()

    def location(self) -> tuple[str, str, str | None]:
        focused = self.focused.id if self.focused else None
        current = (
            self.query_one("#profile-events", Picker).current_id
            if focused != "profile-links"
            else None
        )
        return ("profile", self.entity_id, current)

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        if message.option.id in self.entries:
            kind, id = self.entries[message.option.id]
            self.app.go(kind, id)

    def action_pane(self, step: int) -> None:
        self.focus_next(Picker) if step > 0 else self.focus_previous(Picker)

    def action_mark(self) -> None:
        entity = self.app.library.entity(self.entity_id)
        if entity is None:
            return
        now = self.app.library.toggle_mark(entity["kind"], self.entity_id)
        self.notify(
            render.clean(f"{'marked' if now else 'unmarked'} {entity['kind']}: {entity['name']}"),
            markup=False,
        )
