"""Where an event happened: locations from mentions, ranked by precision (point < city <
admin1 < country < region), and the article's focus country, place and region that
fill in an event its own sentence does not place."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from briefing.extract.vocab import (
    FRESH,
    NEAR_AFTER,
    NEAR_BEFORE,
    NEAR_OF,
    NEAR_SKIP,
    SURROUNDINGS,
)
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
    prev_origin = -1  # where the last place people came from ends
    ws = words or []
    for x in places:
        if x.m.entity.id in seen or (ws and speaker_place(ws, x.i)):
            continue  # "said in Turkey": where someone spoke places nothing
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
        origin = bool(ws) and (came_from(ws, x.i) or qualifies(ws, prev_origin, x.i))
        if origin:
            prev_origin = x.j
        locs.append((away, elsewhere or origin, rank(loc), abs(x.i - ai), loc))
    if len(locs) > 1:
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


_SAID: Final = frozenset(["said", "says", "told", "added", "announced", "stated", "speaking"])


def speaker_place(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is where someone spoke ("Sabra said in Turkey the
    attack had killed 1,300"), not where anything happened."""
    return i >= 2 and words[i - 1] in ("in", "from") and words[i - 2] in _SAID


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
_QUALIFY: Final = frozenset(
    [
        "in", "the", "of", "province", "governorate", "state", "region", "district", ",",
        "northern", "southern", "eastern", "western", "central", "north-western",
        "north-eastern", "south-western", "south-eastern", "northwestern", "northeastern",
        "southwestern", "southeastern", "nearby", "neighbouring", "neighboring",
    ]
)  # fmt: skip


def qualifies(words: list[str], j: int, i: int) -> bool:
    """Whether the place at token ``i`` only says where the place ending at token ``j``
    lies ("from the villages of Foua and Kefraya in the north-western province of
    Idlib"): it is what that place is, an origin or a landmark, not a scene."""
    if j < 0 or i < j or i - j > 7 or "in" not in words[j:i]:
        return False
    return all(w in _QUALIFY for w in words[j:i])


def bearing(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is named by a bearing from it ("north of Baghdad",
    "10 km west of Mosul")."""
    return i >= 2 and words[i - 1] == "of" and words[i - 2] in _BEARINGS


_HEADING_STOPS: Final = frozenset([",", ";", "in", "at", "near", "inside", "outside", "of"])


def heading(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is where someone heads, not where they are ("a new
    push towards Baghdad", "advanced towards the group's Raqqa stronghold", "as pilgrims
    converge on Karbala")."""
    for k in range(i - 1, max(-1, i - 6), -1):
        if words[k] in ("towards", "toward"):
            return True
        if words[k] in _HEADING_STOPS:
            break
    return i >= 2 and (
        words[i - 1] == "on"
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


def opens_fresh(doc: Doc, si: int) -> bool:
    """Whether sentence ``si`` opens with a phrase that starts a new incident
    ("Elsewhere ...", "Meanwhile ...", "In a separate attack ...")."""
    a, b = doc.sent_tok[si]
    words = doc.words
    for ph in FRESH.get(words[a], ()) if a < b else ():
        if a + len(ph) <= b and tuple(words[a : a + len(ph)]) == ph:
            return True
    return False


def nearby_sentences(doc: Doc, si: int) -> list[int]:
    """The sentences whose places may place an event of sentence ``si`` that names none
    precise enough, the likeliest first. A sentence that opens its paragraph (a headline,
    a lede) is told in detail by the next ones ("At least 24 people were killed in an
    attack near a camp ... The village lies in Hasakeh province"); a later one continues
    the ones before it, then the next. The scan never goes past a sentence that opens
    another incident ("Elsewhere ...") nor back from one that does."""
    sents = doc.sents
    para = sents[si].paragraph
    fresh = opens_fresh(doc, si)
    back: list[int] = []
    if not fresh:
        for k in range(si - 1, max(-1, si - 4), -1):
            if sents[k].paragraph != para and k < si - 1:
                break
            if not sents[k].dateline:
                back.append(k)
            if opens_fresh(doc, k):
                break  # what came before belongs to another incident
    ahead: list[int] = []
    for k in range(si + 1, min(len(sents), si + 3)):
        if opens_fresh(doc, k):
            break
        if not sents[k].dateline:
            ahead.append(k)
    opener = fresh or si == 0 or sents[si - 1].paragraph != para
    if opener:
        return ahead + back
    out: list[int] = []
    for n in range(max(len(back), len(ahead))):
        out.extend(back[n : n + 1])
        out.extend(ahead[n : n + 1])
    return out


def scene_places(doc: Doc, k: int) -> list[Placed]:
    """The places of sentence ``k`` that can be a scene: not an owner, a speaker's, an
    origin ("evacuees from Fuaa"), or in a clause that only introduces speech."""
    a, b = doc.sent_tok[k]
    words = doc.words
    out: list[Placed] = []
    prev_origin = -1
    for x in doc.sent_mentions(a, b):
        if x.kind != "place" or x.skip or x.poss or x.speaker or x.i in doc.quiet:
            continue
        if came_from(words, x.i) or speaker_place(words, x.i) or qualifies(words, prev_origin, x.i):
            prev_origin = x.j
            continue
        out.append(x)
    return out


def context_places(doc: Doc, d: Draft) -> list[Location]:
    """The places of an event whose sentence names none: those of the nearest sentence
    around it that names some in the article's country (see ``nearby_sentences``),
    else the article's focus place."""
    country = focus_country(doc)
    for k in nearby_sentences(doc, d.sent):
        places = scene_places(doc, k)
        if country and not any(x.m.entity.country in (None, country) for x in places):
            continue  # "... Moscow and the coalition ...": not where this attack was
        if places:
            a, b = doc.sent_tok[k]
            return rank_places(places, b if k < d.sent else a, country, doc.words)
    focus = focus_place(doc)
    return [focus] if focus else []


def nearby_division(doc: Doc, si: int, country: str | None) -> Location | None:
    """The most specific place in ``country`` with a first-level division, in the
    nearest sentence around ``si`` that names one: the province an event named only by
    its country or a region most likely happened in. A town named in another sentence
    says no more of this event than its province (precision ``admin1``)."""
    for k in nearby_sentences(doc, si):
        best: tuple[float, Location] | None = None
        for x in scene_places(doc, k):
            loc = x.location
            if not loc.admin1 or loc.country != country or rank(loc) >= 2.5:
                continue
            r = rank(loc)
            if best is None or r < best[0]:
                best = (r, loc)
        if best is not None:
            loc = best[1]
            return replace(loc, precision="admin1") if rank(loc) < 2 else loc
    return None


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
        # a place abroad is no fallback for an article about somewhere else ("... backed
        # by Iraq" is not where an attack in Syria was)
        country = focus_country(doc)
        best = max(
            counts,
            key=lambda k: (
                first[k].m.entity.country in (None, country),
                counts[k],
                -rank(first[k].location),
            ),
        )
        focus = first[best].location
    doc.focus = focus
    return focus


class _Spans:
    """Character spans, ``in`` for a position inside one of them."""

    __slots__ = ("spans",)

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __contains__(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.spans)


def other_incidents(doc: Doc) -> _Spans:
    """The sentences that open another incident than the story's ("Elsewhere, a bomb
    exploded in Maiduguri"): their places are not the story's region."""
    return _Spans([(s.start, s.end) for k, s in enumerate(doc.sents) if k and opens_fresh(doc, k)])


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
    others = other_incidents(doc)
    for x in doc.mentions:
        e = x.m.entity
        if x.kind != "place" or x.skip or x.poss or not e.admin1 or e.country != country:
            continue
        if others and x.m.start in others:
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


def add_region(doc: Doc, ev: Event, si: int) -> None:
    """An attack placed no more precisely than a country or region ("in northern Syria")
    takes as its first place the province named in the sentences around it (see
    ``nearby_division``), else the article's focus region. A region's own province
    ("central Syria": Homs) is a guess that yields to a province named nearby."""
    country = ev.locations[0].country if ev.locations else None
    guess = False
    for loc in ev.locations:
        if loc.admin1 and loc.country in (None, country):
            if loc.precision != "region":
                return  # "in Syria ... Moscow said": Moscow does not place it
            guess = True
    near = nearby_division(doc, si, country or focus_country(doc))
    if near is not None:
        ev.locations = [near] + [loc for loc in ev.locations if loc.id != near.id]
        return
    if guess:
        return
    region = focus_region(doc)
    if region is None:
        return
    if country and country != region.country:
        return
    # the division is more precise than the country or region the sentence names: first
    ev.locations = [region] + [loc for loc in ev.locations if loc.id != region.id]
