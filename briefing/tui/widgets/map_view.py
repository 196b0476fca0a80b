"""The map: country outlines in braille, a marker per cell that holds places with events
(bigger for more events, red where people were killed); arrows or hjkl pan, + and - zoom."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from briefing import geo

OUTLINE = "$text-muted"
MARKER = "bold $warning"
DEADLY = "bold $error"
SELECTED = "reverse bold"


class MapView(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "pan(-1, 0)", "Pan", show=False, id="map-west"),
        Binding("right,l", "pan(1, 0)", "Pan", show=False, id="map-east"),
        Binding("up,k", "pan(0, 1)", "Pan", show=False, id="map-north"),
        Binding("down,j", "pan(0, -1)", "Pan", show=False, id="map-south"),
        Binding("plus,equals_sign", "zoom(2)", "Zoom in", id="map-zoom-in", key_display="+"),
        Binding("minus", "zoom(0.5)", "Zoom out", id="map-zoom-out", key_display="-"),
        Binding("n", "step(1)", "Next place", id="map-next"),
        Binding("N", "step(-1)", "Previous place", show=False, id="map-previous"),
        Binding("0", "fit", "Fit filter", id="map-fit", tooltip="Zoom to the events of the filter"),
        Binding(
            "c", "country", "Country", id="map-country", tooltip="Zoom to the country of the place"
        ),
        Binding("w", "world", "World", show=False, id="map-world"),
    ]

    view: reactive[geo.View] = reactive(geo.View(), layout=False)
    selected: reactive[int] = reactive(0)

    @dataclass
    class Chosen(Message):
        """The selected marker changed (None: no marker in view); ``moved``: because the
        view was panned or zoomed, not because another marker was chosen."""

        marker: geo.Marker | None
        moved: bool = False

    @dataclass
    class Entered(Message):
        """Enter on a marker: list its events."""

        marker: geo.Marker

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.places: list[geo.Place] = []
        self.picture: geo.Picture | None = None
        self._chosen_key: tuple[str, ...] | None = None

    # what to show ---------------------------------------------------------------------

    def show_places(self, places: list[geo.Place], *, fit: bool = True) -> None:
        self.places = places
        self._chosen_key = None
        if fit:
            self.action_fit()
        self._redraw()

    def _area(self) -> tuple[int, int]:
        return max(self.content_size.width, 1), max(self.content_size.height, 1)

    def _redraw(self) -> None:
        cols, rows = self._area()
        self.picture = geo.draw(self.view, cols, rows, self.places)
        markers = self.picture.markers
        if self._chosen_key is not None:  # keep the same place selected across pan and zoom
            for i, m in enumerate(markers):
                if self._chosen_key[0] in {p.id for p in m.places}:
                    self.selected = i
                    break
            else:
                self.selected = 0
        self.selected = min(self.selected, max(len(markers) - 1, 0))
        self._announce(moved=True)
        self.refresh()

    def _announce(self, moved: bool = False) -> None:
        self.post_message(self.Chosen(self.marker, moved))

    @property
    def marker(self) -> geo.Marker | None:
        markers = self.picture.markers if self.picture else []
        return markers[self.selected] if 0 <= self.selected < len(markers) else None

    def choose(self, index: int) -> None:
        """Select the ``index``-th marker (most events first)."""
        markers = self.picture.markers if self.picture else []
        if markers:
            self.selected = index % len(markers)
            self._chosen_key = tuple(p.id for p in markers[self.selected].places)
            self._announce()
            self.refresh()

    def on_resize(self) -> None:
        self._redraw()

    def watch_view(self) -> None:
        if self.is_mounted:
            self._redraw()

    # drawing --------------------------------------------------------------------------

    def render(self) -> Content:
        pic = self.picture
        cols, rows = self._area()
        if pic is None or (pic.cols, pic.rows) != (cols, rows):
            pic = self.picture = geo.draw(self.view, cols, rows, self.places)
        rows_out: list[list[str]] = [list(line) for line in pic.lines]
        most = pic.markers[0].events if pic.markers else 0
        spans: dict[int, list[tuple[int, str]]] = {}
        for i, m in enumerate(pic.markers):
            rows_out[m.row][m.col] = geo.glyph(m.events, most)
            style = (
                SELECTED
                if i == self.selected and self.has_focus
                else (DEADLY if m.killed else MARKER)
            )
            if i == self.selected and not self.has_focus:
                style += " underline"
            spans.setdefault(m.row, []).append((m.col, style))
        lines = []
        for r, chars in enumerate(rows_out):
            line = Content("".join(chars)).stylize(OUTLINE)
            for col, style in spans.get(r, []):
                line = line.stylize(style, col, col + 1)
            lines.append(line)
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # keys -----------------------------------------------------------------------------

    def action_pan(self, dx: float, dy: float) -> None:
        cols, rows = self._area()
        self.view = self.view.panned(dx / 4, dy / 4, cols, rows)

    def action_zoom(self, factor: float) -> None:
        marker = self.marker
        view = self.view.zoomed(factor)
        if marker is not None and factor > 1:  # zoom in on the selected place
            top = marker.places[0]
            view = geo.View(lon=top.lon, lat=top.lat, scale=view.scale)
        self.view = view

    def action_step(self, step: int) -> None:
        self.choose(self.selected + step)

    def action_fit(self) -> None:
        cols, rows = self._area()
        box = geo.bounds(self.places, 0.8)
        self.view = (
            geo.fit(box, cols, rows) if box else geo.fit((-170, -58, 180, 80), cols, rows, 0)
        )

    def action_world(self) -> None:
        cols, rows = self._area()
        self.view = geo.fit((-170, -58, 180, 80), cols, rows, 0)

    def action_country(self) -> None:
        marker = self.marker
        country = geo.country(marker.places[0].country if marker else None)
        if country is None:
            self.notify("no country outline for this place", severity="warning")
            return
        cols, rows = self._area()
        self.view = geo.fit(country.bbox, cols, rows)

    def action_enter(self) -> None:
        if self.marker is not None:
            self.post_message(self.Entered(self.marker))

    BINDINGS.append(Binding("enter", "enter", "Events here", id="map-enter"))
