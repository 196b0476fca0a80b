"""The overview: the collection, or the filter, at a glance. Events per week, the toll
and its range across sources, the top places, actors and targets with their weeks as
sparklines, the newest and busiest incidents. Each row is a way in: enter on a place,
actor or target narrows the filter to it; on an incident, opens its article."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing import paths
from briefing.index import overview
from briefing.index.filters import Filter
from briefing.tui import render
from briefing.tui.screens.map import FilteredScreen
from briefing.tui.widgets.filter_bar import FilterBar
from briefing.tui.widgets.picker import Picker

CHART_HEIGHT = 5
SPARK = 16  # columns of a row's sparkline
LISTS = (("ov-places", "places", "Places"), ("ov-actors", "actors", "Actors"),
         ("ov-targets", "targets", "Targets"))  # fmt: skip
KEY_OF = {"places": "place", "actors": "actor", "targets": "actor"}


class OverviewScreen(FilteredScreen):
    CSS_PATH = paths.bundled("styles") / "map.tcss"

    def __init__(self) -> None:
        super().__init__(id="overview-screen")
        self.data: dict[str, Any] = {}
        self.reading: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Vertical(id="ov-body"):
            with Horizontal(id="ov-head"):
                yield Static(id="ov-chart")
                yield Static(id="ov-tolls")
            with Horizontal(id="ov-lists"):
                for wid, _, _ in LISTS:
                    yield Picker(id=wid, classes="ov-list")
            with Horizontal(id="ov-incidents"):
                yield Picker(id="ov-newest", classes="ov-list")
                yield Picker(id="ov-busiest", classes="ov-list")
        yield Footer()

    def on_mount(self) -> None:
        for wid, _, title in LISTS:
            self.query_one(f"#{wid}").border_title = title
        self.query_one("#ov-newest").border_title = "Newest incidents"
        self.query_one("#ov-busiest").border_title = "Busiest incidents"
        self.query_one("#ov-chart").border_title = "Events per week"
        self.query_one("#ov-tolls").border_title = "Toll"
        self.apply_filter(self.current_filter())
        self.query_one("#ov-places").focus()

    def load(self, query: dict[str, Any]) -> None:
        super().load(query)
        self.reading = query  # what is read now: a slower, older read is not shown
        self.query_one("#ov-chart", Static).update(Content("reading…").stylize("dim"))
        self.read(query)

    @work(thread=True, exclusive=True, group="overview", exit_on_error=False)
    def read(self, query: dict[str, Any]) -> None:
        def head(part: dict[str, Any]) -> None:  # weeks and tolls first: half the time
            self.app.call_from_thread(self._shown, query, self.show_head, part)

        data = self.app.library.overview(query, on_head=head)
        self.app.call_from_thread(self._shown, query, self.show, data)

    def _shown(self, query: dict[str, Any], show: Any, data: dict[str, Any]) -> None:
        if query is self.reading:
            show(data)

    # drawing --------------------------------------------------------------------------

    def show_head(self, head: dict[str, Any]) -> None:
        """The chart and the toll, while the lists are still being counted."""
        self.data = head
        self.draw_chart()
        self.query_one("#ov-tolls", Static).update(tolls_text(head["tolls"]))
        for wid in [w for w, _, _ in LISTS] + ["ov-newest", "ov-busiest"]:
            self.query_one(f"#{wid}", Picker).fill([Picker.heading("reading…")])

    def show(self, data: dict[str, Any]) -> None:
        self.data = data
        self.draw_chart()
        self.query_one("#ov-tolls", Static).update(tolls_text(data["tolls"]))
        for wid, key, _ in LISTS:
            names = [e["name"] for e in data[key]]
            for e in data[key]:
                e["twin"] = names.count(e["name"]) > 1  # Idlib the city, Idlib the province
            spark = spark_width(self.query_one(f"#{wid}").content_size.width)
            rows = [Option(entity_line(e, spark), id=f"{key}:{e['id']}") for e in data[key]]
            self.query_one(f"#{wid}", Picker).fill(rows or [Picker.heading("none")])
        for key in ("newest", "busiest"):
            rows = [Option(incident_line(i), id=i["event_id"]) for i in data[key]]
            self.query_one(f"#ov-{key}", Picker).fill(rows or [Picker.heading("no events")])

    def on_resize(self) -> None:
        if "places" in self.data:  # the chart and the sparklines take the width they have
            self.call_after_refresh(self.show, self.data)
        elif self.data:  # only the head read yet
            self.call_after_refresh(self.draw_chart)

    def draw_chart(self) -> None:
        chart = self.query_one("#ov-chart", Static)
        weeks = self.data.get("weeks") or []
        if not weeks:
            chart.update(Content("no dated events").stylize("dim"))
            return
        width = max(chart.content_size.width, 10)
        counts = [n for _, n, _ in weeks]
        lines = [
            Content(line).stylize("$accent") for line in overview.bars(counts, width, CHART_HEIGHT)
        ]
        first, last = weeks[0][0], weeks[-1][0]
        axis = f"{first}  busiest week {max(counts):,}"
        if last != first:
            axis += f"{last:>{max(width - len(axis), len(last) + 1)}}"
        lines.append(Content(axis).stylize("dim"))
        chart.update(Content("\n").join(lines))

    # ways in ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, ".ov-list")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        option_id = message.option.id or ""
        kind, _, entity_id = option_id.partition(":")
        if kind in KEY_OF:
            entry = next((e for e in self.data.get(kind, []) if e["id"] == entity_id), None)
            if entry is None:
                return
            value = self._name_or_id(entry, KEY_OF[kind])
            self.apply_filter(self.current_filter().merged(Filter(**{KEY_OF[kind]: value})))
            self.query_one(FilterBar).say(
                f"{KEY_OF[kind]}: {entry['name']} — w shows them on the map", error=False
            )
        elif option_id:
            self.app.go("event", option_id)

    def _name_or_id(self, entry: dict[str, Any], kind: str) -> str:
        """The name, if it names this entity and no other; else the id."""
        from briefing.index.filters import find_entity

        found = find_entity(self.app.library.index, entry["name"], kind)
        return entry["name"] if found and found["id"] == entry["id"] else entry["id"]


def _noun(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def spark_width(list_width: int) -> int:
    """Columns for a row's sparkline: what is left beside the count and a name of about
    16 characters, between 4 and SPARK."""
    return max(4, min(SPARK, list_width - 8 - 16))


def entity_line(entity: dict[str, Any], width: int = SPARK) -> Content:
    style = render.PLACE if entity.get("kind") == "place" else render.ACTOR
    spark = overview.sparkline(entity.get("weeks") or [], width)
    return render.join(
        Content(f"{entity['events']:>6,}").stylize("bold"),
        Content(f"{spark:<{width}}").stylize("$accent"),
        render.plain(entity["name"], style),
        Content(f"({entity['type']})" if entity.get("twin") else "").stylize("dim"),
    )


def incident_line(item: dict[str, Any]) -> Content:
    event = item["event"] or {}
    place = (event.get("locations") or [{}])[0].get("name")
    return render.join(
        Content(str(item.get("date") or "undated")[:10]).stylize("dim"),
        render.event_summary(event),
        render.plain(f"@ {place}", render.PLACE) if place else "",
        Content(f"{item['killed']:,} killed" if item.get("killed") else "").stylize("bold $error"),
        Content(render.plural(item["reports"], "report")).stylize("dim"),
    )


def tolls_text(t: dict[str, Any]) -> Content:
    k_lo, k_hi = t["killed_range"]
    w_lo, w_hi = t["wounded_range"]
    lines = [
        render.join(Content(f"{t['events']:,}").stylize("bold"), _noun(t["events"], "event")),
        render.join(
            Content(f"{t['incidents']:,}").stylize("bold"), _noun(t["incidents"], "incident")
        ),
        render.join(Content(f"{k_lo:,}–{k_hi:,}").stylize("bold $error"), "killed"),
        render.join(Content(f"{w_lo:,}–{w_hi:,}").stylize("bold $warning"), "wounded"),
        Content("lowest–highest report of").stylize("dim"),
        Content("each incident, summed").stylize("dim"),
    ]
    return Content("\n").join(lines)
