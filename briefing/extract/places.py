"""Where an event happened: locations from mentions, ranked by precision (point < city <
admin1 < country < region), and the article's focus country, place and region that
fill in an event its own sentence does not place."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from briefing.extract.vocab import NEAR_AFTER, NEAR_BEFORE, NEAR_OF, NEAR_SKIP, SURROUNDINGS
from briefing.model import Event, Location, Mention, Participant

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed
    from briefing.extract.drafts import Draft


PRECISION: Final = {
    "facility": "point",
    "point": "point",
    "city": "city",
    "town": "city",
    "village": "city",
    "admin1": "admin1",
    "admin2": "admin1",
    "country": "country",
    "region": "region",
}
_RANK: Final = {"point": 0.0, "city": 1.0, "admin1": 2.0, "country": 4.0, "region": 5.0}


def participant(m: Mention) -> Participant:
    e = m.entity
    if e.type == "state" and m.sector == "CVL":
        # "Syrian civilians" are civilians of Syria, not the Syrian state
        return Participant(
            id="actor:civilians",
            name="civilians",
            text=m.text,
            type="organization",
            country=e.country,
            sector="CVL",
        )
    if e.kind == "place" and e.type == "country":
        return Participant(
            id=f"actor:state:{e.country}" if e.country else e.id,
            name=e.name,
            text=m.text,
            type="state",
            country=e.country,
            sector=m.sector,
        )
    return Participant(
        id=e.id,
        name=e.name,
        text=m.text,
        type=e.type,
        country=e.country,
        sector=m.sector or e.sector,
    )


def location(m: Mention) -> Location:
    e = m.entity
    return Location(
        id=e.id,
        name=e.name,
        text=m.text,
        type=e.type,
        country=e.country,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        precision=PRECISION.get(e.type, "point"),
    )


def rank(loc: Location) -> float:
    r = _RANK.get(loc.precision or "", 3.0)
    if loc.precision == "region" and loc.country:
        r = 2.5  # "eastern Syria", "the Iraq-Syria border"
    return r


def rank_places(
    places: list[Placed],
    ai: int,
    country: str | None = None,
    words: list[str] | None = None,
    nominal: bool = False,
) -> list[Location]:
    """Places primary first: the most specific, then the nearest to the trigger; places
    in ``country`` (the article's focus country) before those elsewhere. A place before
    the trigger in another province than the places after it is the scene of something
    else ("Army retakes Qaryatain in Homs, kills 50 terrorists in Hama"). A city named
    as a landmark ("near Damascus") places the event in the province around it
    (``surroundings`` of ``grammar.toml``)."""
    after = {x.m.entity.admin1 for x in places if x.i > ai and x.m.entity.admin1}
    locs: list[tuple[bool, bool, float, int, Location]] = []
    seen = set()
    for x in places:
        if x.m.entity.id in seen:
            continue
        seen.add(x.m.entity.id)
        loc = x.location
        away = bool(country and loc.country and loc.country != country)
        # (but a nominal trigger's own modifier is its scene: "Baghdad attacks kill 16 as
        # Iraq presses Anbar assault")
        elsewhere = bool(
            after
            and x.i < ai
            and not (nominal and x.j == ai)
            and loc.admin1
            and loc.admin1 not in after
        )
        if words and loc.precision in ("city", "point") and landmark(words, x.i, x.j):
            if loc.admin1 in SURROUNDINGS:
                loc = replace(loc, admin1=SURROUNDINGS[loc.admin1])
            if bearing(words, x.i):
                # "north of Baghdad": somewhere in the region, not at the city
                loc = replace(loc, precision="region")
        if words and loc.precision in ("city", "point") and heading(words, x.i):
            loc = replace(loc, precision="region")  # "a push towards Baghdad": not there yet
        origin = bool(words and came_from(words, x.i))
        locs.append((away, elsewhere or origin, rank(loc), abs(x.i - ai), loc))
    locs.sort(key=lambda t: t[:4])
    return [t[4] for t in locs]


_STOPS: Final = frozenset([",", ";", "in", "at", "near", "on", "inside", "outside", "into"])


def came_from(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is where people came from, not the scene ("a convoy
    carrying residents from the towns of Fuaa and Kafraya ... at a transit point in ...")."""
    for k in range(i - 1, max(-1, i - 8), -1):
        if words[k] == "from":
            return True
        if words[k] in _STOPS:
            return False
    return False


def landmark(words: list[str], i: int, j: int) -> bool:
    """Whether the place at tokens ``i:j`` is named as a landmark near the scene ("near
    Damascus", "on the outskirts of the capital Damascus", "a Damascus suburb")."""
    if j < len(words) and words[j] in NEAR_AFTER:
        return True
    k, of = i - 1, False
    while k >= 0 and i - k <= 5 and words[k] in NEAR_SKIP:
        of = of or words[k] == "of"
        k -= 1
    if k < 0:
        return False
    if of:
        return words[k] in NEAR_OF  # "near the town of Jayrud" is the town
    if tuple(words[max(0, k - 2) : k + 1]) == ("in", "and", "around"):
        return False  # "in and around Aleppo"
    return any(tuple(words[k - len(p) + 1 : k + 1]) == p for p in NEAR_BEFORE)


_BEARINGS: Final = frozenset(
    ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
)


def bearing(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is named by a bearing from it ("north of Baghdad",
    "10 km west of Mosul")."""
    return i >= 2 and words[i - 1] == "of" and words[i - 2] in _BEARINGS


def heading(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is where someone heads, not where they are ("a new
    push towards Baghdad", "as pilgrims converge on Karbala")."""
    return i >= 1 and (
        words[i - 1] in ("towards", "toward")
        or i >= 2
        and words[i - 1] == "on"
        and words[i - 2] in ("converge", "converged", "converging", "marching", "march")
    )


def focus_country(doc: Doc) -> str | None:
    """The country the article's places are mostly in."""
    if doc.country is not False:
        return doc.country  # type: ignore[return-value]
    counts = Counter(
        x.m.entity.country
        for x in doc.mentions
        if x.kind == "place" and not x.skip and not x.poss and x.m.entity.country
    )
    doc.country = counts.most_common(1)[0][0] if counts else None
    return doc.country


def context_places(doc: Doc, d: Draft) -> list[Location]:
    si = d.sent
    para = doc.sents[si].paragraph
    for k in range(si - 1, max(-1, si - 4), -1):
        s = doc.sents[k]
        if s.paragraph != para and k < si - 1:
            break
        a, b = doc.sent_tok[k]
        places = [
            x
            for x in doc.sent_mentions(a, b)
            if x.kind == "place" and not x.skip and not x.poss and not x.speaker
        ]
        country = focus_country(doc)
        if country and not any(x.m.entity.country in (None, country) for x in places):
            continue  # "... Moscow and the coalition ...": not where this attack was
        if places:
            return rank_places(places, b, country, doc.words)
    focus = focus_place(doc)
    return [focus] if focus else []


def focus_place(doc: Doc) -> Location | None:
    if doc.focus is not False:
        return doc.focus  # type: ignore[return-value]
    counts: Counter = Counter()
    first: dict[str, Placed] = {}
    for x in doc.mentions:
        if x.kind == "place" and not x.skip and not x.poss:  # "Russia's crimes": no place
            counts[x.m.entity.id] += 1
            first.setdefault(x.m.entity.id, x)
    focus = None
    if counts:
        best = max(counts, key=lambda k: (counts[k], -rank(first[k].location)))
        focus = first[best].location
    doc.focus = focus
    return focus


def focus_region(doc: Doc) -> Location | None:
    """The article's most reported first-level division (governorate, province), as the
    place of its most mentioned town or region there: where an attack located only as
    "northern Syria" most likely was."""
    if doc.region is not False:
        return doc.region  # type: ignore[return-value]
    doc.region = None
    country = focus_country(doc)
    counts: Counter = Counter()
    best: dict[tuple[str | None, str], tuple[int, Placed]] = {}
    per_place: Counter = Counter()
    for x in doc.mentions:
        e = x.m.entity
        if x.kind != "place" or x.skip or x.poss or not e.admin1 or e.country != country:
            continue
        key = (e.country, e.admin1)
        counts[key] += 1
        per_place[e.id] += 1
        if key not in best or per_place[e.id] > best[key][0]:
            best[key] = (per_place[e.id], x)
    if not counts:
        return None
    top = max(counts, key=counts.__getitem__)  # the first reached on ties
    # the division itself where the article names it ("Aleppo province"), else its town
    named = [
        x
        for x in doc.mentions
        if x.kind == "place"
        and not x.skip
        and x.m.entity.type in ("admin1", "admin2")
        and (x.m.entity.country, x.m.entity.admin1) == top
    ]
    if named:
        doc.region = named[0].location
    else:  # the town stands for its division: that much is known of the event's place
        town = best[top][1].location
        doc.region = replace(town, precision="admin1") if rank(town) < 2 else town
    return doc.region


def add_region(doc: Doc, ev: Event) -> None:
    """An attack placed no more precisely than a country or region ("in northern Syria")
    takes the article's focus region as a further place."""
    country = ev.locations[0].country if ev.locations else None
    if any(loc.admin1 and loc.country in (None, country) for loc in ev.locations):
        return  # "in Syria ... Moscow said": Moscow does not place it
    region = focus_region(doc)
    if region is None:
        return
    if country and country != region.country:
        return
    # the division is more precise than the country or region the sentence names: first
    ev.locations = [region] + [loc for loc in ev.locations if loc.id != region.id]
