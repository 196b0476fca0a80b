"""The map screen: where the events of the filter happened. The filter bar on top (shared
with the overview), the map, and beside it the places in view and the events of the
selected one; enter on an event opens its article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing import geo, paths
from briefing.index.filters import Filter, FilterError
from briefing.tui import render
from briefing.tui.widgets.event_list import EventList
from briefing.tui.widgets.filter_bar import FilterBar
from briefing.tui.widgets.map_view import MapView
from briefing.tui.widgets.picker import Picker

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.tui.app import BriefingApp

EVENTS_SHOWN = 50  # the newest events of the selected place listed
EVENTS_AFTER = 0.3  # seconds the view rests before the selected place's events are read


class FilteredScreen(Screen):
    """A screen that shows the app's filter in a bar and follows it."""

    app: BriefingApp

    BINDINGS = [
        Binding("F", "edit_filter", "Filter", id="edit-filter", tooltip="Edit the filter"),
        Binding("escape", "close", "Close", id="close-screen"),
    ]

    def current_filter(self) -> Filter:
        return getattr(self.app, "filter", None) or Filter()

    def action_edit_filter(self) -> None:
        self.query_one("#filter-input").focus()

    def action_close(self) -> None:
        self.dismiss()

    @on(FilterBar.Changed)
    def _filter_changed(self, message: FilterBar.Changed) -> None:
        self.apply_filter(message.filter)

    def apply_filter(self, flt: Filter) -> None:
        """Make ``flt`` the app's filter (if it resolves) and show it."""
        bar = self.query_one(FilterBar)
        try:
            resolved = self.app.library.resolve_filter(flt)
        except FilterError as exc:
            bar.say(str(exc), error=True)
            return
        self.app.filter = flt
        self.resolved = resolved
        bar.show(flt, "; ".join(resolved.notes))
        self.load(resolved.query())

    def on_screen_resume(self) -> None:
        """Another screen may have changed the filter meanwhile."""
        if self.current_filter() != getattr(self, "shown_filter", None):
            self.apply_filter(self.current_filter())

    def load(self, query: dict[str, Any]) -> None:
        self.shown_filter = self.current_filter()


class MapScreen(FilteredScreen):
    CSS_PATH = paths.bundled("styles") / "map.tcss"

    def __init__(self) -> None:
        super().__init__(id="map-screen")
        self.query_args: dict[str, Any] = {}
        self._events_timer: Timer | None = None
        self._listed: tuple[Any, ...] | None = None  # the places list's rows, as listed

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="map-panes"):
            yield MapView(id="map")
            with Vertical(id="map-side"):
                yield Picker(id="map-places")
                yield EventList(id="map-events")
        yield Static(id="map-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map-places").border_title = "Places in view"
        self.query_one("#map-events").border_title = "Events"
        self.apply_filter(self.current_filter())
        self.query_one(MapView).focus()

    def load(self, query: dict[str, Any]) -> None:
        super().load(query)
        self.query_args = query
        self.query_one("#map-status", Static).update(Content("reading…").stylize("dim"))
        self.read_places(query)

    @work(thread=True, exclusive=True, group="map", exit_on_error=False)
    def read_places(self, query: dict[str, Any]) -> None:
        places, total, mapped = self.app.library.map_places(query)
        self.app.call_from_thread(self.show_places, places, total, mapped)

    def show_places(self, places: list[geo.Place], total: int, mapped: int) -> None:
        self.counts = (total, mapped)
        self.query_one(MapView).show_places(places)
        if not places:
            self.query_one("#map-events", EventList).show([])

    def _status(self) -> None:
        total, mapped = getattr(self, "counts", (0, 0))
        pic = self.query_one(MapView).picture
        view = self.query_one(MapView).view
        parts = [f"{render.plural(total, 'event')} in the filter"]
        if total:
            parts.append(f"{mapped:,} with a place on the map")
        if total - mapped:
            parts.append(f"{total - mapped:,} without coordinates")
        if pic and pic.hidden:
            parts.append(f"{render.plural(pic.hidden, 'place')} out of view")
        parts.append(f"{view.lat:.1f}°, {view.lon:.1f}° ×{view.scale:.3g}")
        self.query_one("#map-status", Static).update(
            Content(" · ".join(parts)).stylize("dim"), layout=False
        )  # one line, always: no layout

    # the map and the lists in step ----------------------------------------------------

    @on(MapView.Chosen)
    def _marker_chosen(self, message: MapView.Chosen) -> None:
        self._status()
        pic = self.query_one(MapView).picture
        places = self.query_one("#map-places", Picker)
        selected = str(self.query_one(MapView).selected)
        listed = tuple((m.name, m.events, m.killed) for m in pic.markers) if pic else ()
        if pic is not None and listed == self._listed:  # the same rows: move the cursor only
            places.highlight_id(selected)
        else:
            self._listed = listed
            places.fill(self._place_rows(pic), keep=selected)
        if message.moved:  # panning or zooming: list the events once the view rests
            if self._events_timer is not None:
                self._events_timer.stop()
            self._events_timer = self.set_timer(
                EVENTS_AFTER, lambda: self.show_events(self.query_one(MapView).marker)
            )
        else:
            self.show_events(message.marker)

    def _place_rows(self, pic: geo.Picture | None) -> list[Option | None]:
        rows: list[Option | None] = []
        for i, m in enumerate(pic.markers if pic else []):
            line = render.join(
                Content(geo.glyph(m.events, pic.markers[0].events)).stylize(
                    "bold $error" if m.killed else "bold $warning"
                ),
                render.plain(m.name, render.PLACE),
                Content(f"{m.events:,}").stylize("bold"),
                Content(f"{m.killed:,} killed" if m.killed else "").stylize("$error"),
            )
            rows.append(Option(line, id=str(i)))
        if not rows:
            rows.append(Picker.heading("no places with coordinates in view"))
        return rows

    def show_events(self, marker: geo.Marker | None) -> None:
        self._events_timer = None
        events = self.query_one("#map-events", EventList)
        key = (tuple(p.id for p in marker.places), id(self.query_args)) if marker else None
        if key == getattr(self, "_events_key", None):
            return
        self._events_key = key
        if marker is None:
            events.show([])
            events.border_title = "Events"
            return
        self.read_events([p.id for p in marker.places], marker.name)

    @work(thread=True, exclusive=True, group="map-events", exit_on_error=False)
    def read_events(self, place_ids: list[str], name: str) -> None:
        found = self.app.library.events_at(place_ids, self.query_args, EVENTS_SHOWN)
        self.app.call_from_thread(self._show_events, found, name)

    def _show_events(self, found: list[dict[str, Any]], name: str) -> None:
        events = self.query_one("#map-events", EventList)
        events.show(found)
        newest = " newest" if len(found) >= EVENTS_SHOWN else ""
        events.border_title = f"Events at {render.clean(name, one_line=True)} {len(found)}{newest}"

    @on(OptionList.OptionHighlighted, "#map-places")
    def _place_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        view = self.query_one(MapView)
        if message.option.id is not None and int(message.option.id) != view.selected:
            view.choose(int(message.option.id))

    @on(OptionList.OptionSelected, "#map-places")
    def _place_selected(self, message: OptionList.OptionSelected) -> None:
        self.query_one("#map-events").focus()

    @on(MapView.Entered)
    def _marker_entered(self, message: MapView.Entered) -> None:
        self.query_one("#map-events").focus()

    @on(OptionList.OptionSelected, "#map-events")
    def _event_selected(self, message: OptionList.OptionSelected) -> None:
        if message.option.id:
            self.app.go("event", message.option.id)
