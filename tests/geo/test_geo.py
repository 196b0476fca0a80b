"""Maps without a network (briefing.geo): outlines, projection, markers, the brief's SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from briefing import geo
from briefing.geo.svg import focus, svg_map

ALEPPO = geo.Place("place:aleppo", "Aleppo", 36.2, 37.16, 40, killed=12)
IDLIB = geo.Place("place:idlib", "Idlib", 35.93, 36.63, 25)
DAMASCUS = geo.Place("place:damascus", "Damascus", 33.51, 36.29, 30, killed=3)
GENEVA = geo.Place("place:geneva", "Geneva", 46.2, 6.14, 2)
WASHINGTON = geo.Place("place:dc", "Washington", 38.9, -77.04, 1)


def test_the_outlines_are_shipped_and_syria_is_where_it_is():
    assert len(geo.countries()) > 150
    west, south, east, north = geo.country("syr").bbox
    assert west < ALEPPO.lon < east and south < ALEPPO.lat < north
    assert geo.country("XXX") is None and geo.country(None) is None


def test_fit_shows_the_box_whole_and_projection_round_trips():
    box = geo.bounds([ALEPPO, IDLIB, DAMASCUS])
    view = geo.fit(box, 80, 30)
    for p in (ALEPPO, IDLIB, DAMASCUS):
        x, y = view.project(p.lon, p.lat, 80, 30)
        assert 0 <= x < 160 and 0 <= y < 120  # dots: 2 a column, 4 a row
        lon, lat = view.unproject(x, y, 80, 30)
        assert lon == pytest.approx(p.lon) and lat == pytest.approx(p.lat)


def test_places_in_one_cell_make_one_marker_and_places_out_of_view_are_counted():
    view = geo.fit(geo.bounds([ALEPPO, DAMASCUS]), 40, 20)
    pic = geo.draw(view, 40, 20, [ALEPPO, IDLIB, DAMASCUS, GENEVA])
    assert pic.hidden == 1  # Geneva
    assert sum(m.events for m in pic.markers) == 95
    assert pic.markers[0].events >= pic.markers[-1].events  # busiest first
    # zoomed far out, a cell (4 x 8 degrees here) holds all three: one marker, summed
    far = geo.draw(geo.View(lon=36.0, lat=37.0, scale=0.5), 40, 20, [ALEPPO, IDLIB, DAMASCUS])
    assert len(far.markers) == 1 and far.markers[0].name == "Aleppo +2"
    assert far.markers[0].killed == 15
    assert any(ch != " " for line in far.lines for ch in line)  # coastlines drawn


def test_panning_wraps_around_the_date_line_and_zoom_is_bounded():
    view = geo.View(lon=179.0, lat=0.0, scale=1.0)
    assert -180 <= view.panned(0.5, 0, 80, 20).lon < 0  # past 180 east: the far west
    assert view.zoomed(1e9).scale == geo.MAX_SCALE and view.zoomed(1e-9).scale == geo.MIN_SCALE
    assert geo.View(lat=80).panned(0, 10, 80, 20).lat == 85.0


def test_the_brief_map_focuses_on_where_the_events_are():
    box = focus([ALEPPO, IDLIB, DAMASCUS, GENEVA, WASHINGTON])
    assert box == (36.29, 33.51, 37.16, 36.2)  # a summit and a statement left out
    assert focus([]) is None
    doc = ET.fromstring(svg_map([ALEPPO, IDLIB, DAMASCUS, GENEVA, WASHINGTON], title="<t>"))
    ns = "{http://www.w3.org/2000/svg}"
    titles = [c.find(f"{ns}title").text for c in doc.iter(f"{ns}circle")]
    assert sorted(t.split(":")[0] for t in titles) == ["Aleppo", "Damascus", "Idlib"]
    legend = [t.text for t in doc.iter(f"{ns}text") if t.text and "far-off" in t.text]
    assert legend and "2 far-off places not shown" in legend[0]
    assert doc.find(f"{ns}title").text == "<t>"
