"""Where an event happened: locations from mentions, ranked by precision (point < city <
admin1 < country < region), and the article's focus country, place and region that
fill in an event its own sentence does not place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from briefing.extract.vocab import (
    CAPITAL_QUALIFIERS,
    DESTINATION_GAP,
    DESTINATION_VERBS,
    DETERMINERS,
    DIVISION_AFTER,
    FRESH,
    HOME_AFTER,
    HOME_NOUNS,
    NEAR_AFTER,
    NEAR_BEFORE,
    NEAR_OF,
    NEAR_SKIP,
    PREP,
    PRONOUNS,
    SEAT_NOUNS,
    SETTLEMENT_MODIFIED,
    SETTLEMENT_NOUNS,
    SURROUNDINGS,
    TOWN_MODIFIERS,
    VICINITY_AFTER,
    incident_head,
)
from briefing.model import Entity, Event, Location, Mention, Participant
from briefing.text.tokens import key as name_key

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed
    from briefing.extract.drafts import Draft
    from briefing.gazetteer import Gazetteer


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
    precision = PRECISION.get(e.type, "point")
    if e.origin == "unlisted":  # a village placed by its division (or country) only
        precision = "admin1" if e.admin1 else "country"
    return Location(
        id=e.id,
        name=e.name,
        text=m.text,
        type=e.type,
        country=e.country,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        precision=precision,
    )


def rank(loc: Location) -> float:
    r = _RANK.get(loc.precision or "", 3.0)
    if loc.precision == "region" and loc.country:
        r = 2.5  # "eastern Syria", "the Iraq-Syria border"
    elif loc.type == "city" and loc.precision in ("admin1", "country"):
        # "Chhattisgarh's Sukma area": the land around a town, inside the province; a
        # village placed by its province or country only, inside it
        r -= 0.1
    return r


def rank_places(
    places: list[Placed],
    ai: int,
    country: str | None = None,
    words: list[str] | None = None,
    nominal: bool = False,
    arrival: bool = False,
) -> list[Location]:
    """Places primary first: the most specific, then the nearest to the trigger; places
    in ``country`` (the article's focus country) before those elsewhere. A place before
    the trigger in another province than the places after it is the scene of something
    else ("Army retakes Qaryatain in Homs, kills 50 terrorists in Hama"). A city named
    as a landmark ("near Damascus") places the event in the province around it
    (``surroundings`` of ``grammar.toml``). Where people were sent from is no place of an
    attack's, but it is where an ``arrival`` (an evacuation, a withdrawal) began."""
    after = {x.m.entity.admin1 for x in places if x.i > ai and x.m.entity.admin1}
    divisions = named_divisions(places, words) if words else set()
    locs: list[tuple[bool, bool, bool, float, int, Location, bool, bool]] = []
    seen = set()
    prev_origin = -1  # where the last place people came from ends
    prev_sent = -1  # ... the last place people or arms were sent from
    prev_mine = -1  # where the last place named as someone's home ends
    ws = words or []
    for x in places:
        if x.m.entity.id in seen or (ws and speaker_place(ws, x.i, x.j)):
            continue  # "said in Turkey": where someone spoke places nothing
        seen.add(x.m.entity.id)
        loc = x.location
        if (
            loc.precision == "country"
            and loc.country
            and x.j < len(ws)
            and ws[x.j] == "capital"
            and not (x.j + 1 < len(ws) and any(y.i == x.j + 1 for y in places))
        ):  # "in Somalia's capital": Mogadishu (not "Sudan's capital Khartoum")
            town = _capital(loc.country)
            if town is not None:
                loc = location(Mention(town, x.m.start, x.m.end, x.m.text))

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
        far = distance_before(words, x.i) if words else None
        if far is not None and loc.precision in ("city", "point"):
            # "30 km north of Maiduguri": around it; "500 km south of Chad's capital
            # N'Djamena": somewhere in the country, the town only a reference
            home = _country_place(loc.country) if far > 100 and loc.country else None
            if home is not None:
                loc = location(Mention(home, x.m.start, x.m.end, x.m.text))
            else:
                loc = replace(loc, precision="region")
        if words and loc.precision in ("city", "point") and landmark(words, x.i, x.j):
            if loc.admin1 in SURROUNDINGS:
                loc = replace(loc, admin1=SURROUNDINGS[loc.admin1])
            if bearing(words, x.i):
                # "north of Baghdad": somewhere in the region, not at the city
                loc = replace(loc, precision="region")
        if words and loc.precision in ("city", "point") and x.i in divisions and loc.admin1:
            loc = replace(loc, precision="admin1")  # "Taiz province": the division
        elif words and loc.precision in ("city", "point") and vicinity(words, x.i, x.j):
            # "the Baghdad area", "Sinjar mountain": the land around the town
            if loc.admin1:
                admin1 = SURROUNDINGS.get(loc.admin1, loc.admin1)
                loc = replace(loc, admin1=admin1, precision="admin1")
            else:
                loc = replace(loc, precision="region")
        if loc.precision == "admin1" and ws and division_capital(ws, x.i, x.j):
            town = _seat(x.m.entity)  # "the capital of Tigray region": Mekelle
            if town is not None:
                loc = location(Mention(town, x.m.start, x.m.end, x.m.text))
        if words and loc.precision in ("city", "point") and heading(words, x.i):
            loc = replace(loc, precision="region")  # "a push towards Baghdad": not there yet
        origin = bool(ws) and (came_from(ws, x.i) or qualifies(ws, prev_origin, x.i))
        if origin:
            prev_origin = x.j
        sent = (
            origin
            and not arrival
            and (
                sent_from(ws, x.i)
                or qualifies(ws, prev_sent, x.i)
                or (prev_sent >= 0 and all(w in ("and", ",", "or") for w in ws[prev_sent : x.i]))
            )
        )
        if sent:
            prev_sent = x.j  # "from the towns of Foua and Kefraya"
        mine = bool(ws) and (
            someones_place(ws, x.i, x.j)
            or (prev_mine >= 0 and all(w in ("and", ",", "or") for w in ws[prev_mine : x.i]))
        )
        if mine:
            prev_mine = x.j  # "fled to Erbil and Dohuk"
        # where people came from is never the scene, even in the story's own country
        # ("two peacekeepers from Tanzania were killed in the Central African Republic")
        locs.append((origin, away, elsewhere or mine, rank(loc), abs(x.i - ai), loc, mine, sent))
    if len(locs) > 1:
        locs.sort(key=lambda t: t[:5])
    if any(not t[6] and not t[7] for t in locs):
        # "commander in Mosul killed ... in Bayji", "jets deployed from Maiduguri killed
        # 20 militants near Gwoza": someone's place or origin beside the scene is none
        return _unique([t[5] for t in locs if not t[6] and not t[7]])
    # someone's home, seat or destination alone says no more than its province; where
    # people were sent from nothing ("109 evacuees from the villages of Foua and Kefraya")
    return _unique(
        [replace(t[5], precision="admin1") if rank(t[5]) < 2 else t[5] for t in locs if not t[7]]
    )


def _unique(locs: list[Location]) -> list[Location]:
    """Each place once, where it first comes ("Chad's capital N'Djamena" 500 km away and
    Chad both stand for Chad)."""
    if len(locs) < 2:
        return locs
    seen: set[str | None] = set()
    out = []
    for loc in locs:
        key = loc.id if loc.id is not None else loc.name
        if key not in seen:
            seen.add(key)
            out.append(loc)
    return out


def someones_place(words: list[str], i: int, j: int) -> bool:
    """Whether the place at tokens ``i:j`` is named as someone's home, seat or destination,
    not as a scene: "a Mosul native", "the government in Damascus", "fled to Erbil",
    "taken to a hospital in Kirkuk"."""
    last = words[j - 1]
    if (j < len(words) and words[j] in HOME_AFTER) or last.endswith("-born"):
        return True
    if i >= 2 and words[i - 1] in ("of", "in"):
        n = words[i - 2]
        if words[i - 1] == "of" and n in HOME_NOUNS:
            return True
        if n in SEAT_NOUNS:
            return True
    k = i - 1
    while k >= 0 and i - k <= 6 and words[k] in DESTINATION_GAP:
        k -= 1
    return k >= 1 and words[k] in ("to", "towards", "toward") and words[k - 1] in DESTINATION_VERBS


_NOT_CONJ_BEFORE: Final = frozenset(
    ["such", "well", "so", "same", "known", "identified", "described", "served", "serve",
     "serves", "serving", "acting", "act", "acts", "named", "designated", "listed", "just",
     "them", "it", "him", "her", "us", "this", "that", "regards", "regarded", "regard",
     "decried", "seen", "viewed", "branded", "labelled", "labeled", "hailed", "considered",
     "treated", "used", "referred", "dismissed", "condemned", "denounced", "classified"]
)  # fmt: skip
_NOT_CONJ_AFTER: Final = frozenset(
    ["well", "part", "of", "far", "long", "soon", "much", "many", "to", "if",
     "though", "usual", "such", "recently", "early", "late", "expected", "planned", "per",
     "for", "in", "with", "against", "opposed", "compared", "follows", "yet", "ever"]
)  # fmt: skip


def one_side(
    places: list[Placed], words: list[str], hits: list[int], sa: int, sb: int
) -> list[Placed]:
    """The places on the triggers' side of an "as" that joins two clauses, when that side
    names one: the other clause tells another scene ("25 killed in Iraq as pilgrims throng
    Karbala", "rebels advance on Hama as air strikes kill 12 in Idlib"). Not when the
    triggers (token positions ``hits``) are on both sides, nor for "as they fled ..."."""
    if len(places) < 2 or "as" not in words[sa:sb]:
        return places
    lo, hi = sa, sb  # the trigger's side
    for k in range(sa + 1, sb - 1):
        if words[k] != "as" or words[k - 1] in _NOT_CONJ_BEFORE:
            continue
        if words[k + 1] in _NOT_CONJ_AFTER or not words[k - 1][:1].isalnum():
            continue  # "as well as", "as part of", ", as a ..."
        if words[k + 1] in PRONOUNS:
            continue  # "killed as they waited at a checkpoint in ...": the same scene
        if all(h < k for h in hits):
            hi = min(hi, k)
        elif all(h > k for h in hits):
            lo = max(lo, k + 1)
        else:
            return places  # "delays Fallujah assault as 29 killed in Ramadi": both sides'
    if (lo, hi) == (sa, sb):
        return places
    own = [x for x in places if lo <= x.i < hi]
    if own and all(x.m.entity.type == "country" and incident_head(words, x.j) for x in own):
        return places  # "Baghdad bears brunt as Iraq attacks kill 49": the country's town
    return own or places


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


# Who or what comes from a place that is not the scene: "evacuees from Foua", "jets
# deployed from Maiduguri", "rockets fired from Gaza" (not "withdrew from Tikrit", "the
# toll from Baghdad bombs")
_SENT_FROM: Final = frozenset(
    ["evacuees", "residents", "families", "people", "civilians", "refugees", "fighters",
     "peacekeepers", "reinforcements", "troops", "soldiers", "militants", "deployed",
     "dispatched", "sent", "fired", "launched", "flew", "flown", "took", "came", "coming",
     "arrived", "arriving", "originating", "hailing", "natives", "displaced", "evacuated",
     "brought", "transferred", "taken", "workers", "pilgrims", "passengers", "students",
     "migrants", "delegation", "convoy", "buses", "women", "men", "children", "members"]
)  # fmt: skip
_FROM_GAP: Final = frozenset(
    ["the", "towns", "town", "villages", "village", "city", "cities", "of", "province",
     "neighbouring", "neighboring", "nearby", "northern", "southern", "eastern", "western",
     "besieged", "off", "mainly", "predominantly", "two", "government-held", "rebel-held",
     "regime-held", "area", "areas", "base", "bases", "an", "a", "air"]
)  # fmt: skip


def sent_from(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is where people or arms were sent from ("jets
    deployed from Maiduguri", "evacuees from the towns of Fuaa and Kafraya"): never the
    scene."""
    k = i - 1
    while k > 0 and i - k <= 6 and words[k] in _FROM_GAP:
        k -= 1
    return k >= 1 and words[k] == "from" and words[k - 1] in _SENT_FROM


_SAID: Final = frozenset(["said", "says", "told", "added", "announced", "stated", "speaking"])
_SPOKEN_GAP: Final = frozenset(["the", "city", "town", "village", "capital", "of"])


_SPEAKERS: Final = frozenset(
    ["officials", "official", "sources", "source", "spokesman", "spokeswoman",
     "spokesperson", "authorities", "ministry", "correspondent", "correspondents",
     "analysts", "diplomats", "diplomat", "officers", "wing", "office", "headquarters",
     "command", "police", "army", "military", "governor", "mayor"]
)  # fmt: skip


def speaker_place(words: list[str], i: int, j: int = -1) -> bool:
    """Whether the place at tokens ``i:j`` is where someone spoke ("Sabra said in Turkey
    the attack had killed 1,300", "officials in Moscow said"), not where anything
    happened."""
    if i >= 1 and words[i - 1] == ":" and (j < 0 or j >= len(words) or words[j] == "."):
        return True  # a headline's source at its end: "... damage power grid: Kyiv"
    k = i - 1  # past "the city of": "a resident speaking from the city of Dori"
    while k > 0 and i - k <= 4 and words[k] in _SPOKEN_GAP:
        k -= 1
    if k >= 1 and words[k] in ("in", "from") and words[k - 1] in _SAID:
        return True
    if j < 0 or i < 2 or words[i - 1] != "in" or words[i - 2] not in _SPEAKERS:
        return False
    k = j + 1 if j < len(words) and words[j] == "," else j
    return k < len(words) and words[k] in _SAID


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
    w = words[k]  # the last word of any phrase that ends at k
    if w == "around" and tuple(words[max(0, k - 2) : k + 1]) == ("in", "and", "around"):
        return False  # "in and around Aleppo"
    return any(p[-1] == w and tuple(words[k - len(p) + 1 : k + 1]) == p for p in NEAR_BEFORE)


def named_divisions(places: list[Placed], words: list[str]) -> set[int]:
    """The first tokens of the towns named as their divisions: "Yemen's Taiz province",
    "in Aleppo and Idlib provinces", "Daraa, Hama and Homs governorates"."""
    out: set[int] = set()
    chain: list[int] = []
    prev_j = -1
    for x in places if _in_order(places) else sorted(places, key=lambda p: p.i):
        if chain and not all(w in ("and", ",", "or") for w in words[prev_j : x.i]):
            chain = []
        chain.append(x.i)
        prev_j = x.j
        if x.j < len(words) and words[x.j] in DIVISION_AFTER:
            out.update(chain)
            chain = []
    return out


def _in_order(places: list[Placed]) -> bool:
    """Whether the places come by their first token already (as sorted() would leave
    them: it is stable)."""
    return all(places[n].i >= places[n - 1].i for n in range(1, len(places)))


def vicinity(words: list[str], i: int, j: int) -> bool:
    """Whether the town at tokens ``i:j`` names the land around it ("the Baghdad area",
    "Baghdad-area violence", "Sinjar mountain", "the Swat valley")."""
    last = words[j - 1]
    if j - i > 1 and last in VICINITY_AFTER:
        return True  # the gazetteer's name runs on: "Sinjar mountain"
    if "-" in last and last.rsplit("-", 1)[1] in VICINITY_AFTER:
        return True
    return j < len(words) and words[j] in VICINITY_AFTER


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


def distance_before(words: list[str], i: int) -> float | None:
    """The distance in km a place at token ``i`` is named as a reference point by ("30 km
    north of Maiduguri", "570km north of the capital, Addis Ababa", "about 43 miles from
    the city of Cali", "500 km south of Chad's capital N'Djamena"), else None."""
    k = i - 1
    while (
        k > 0
        and i - k <= 6
        and (
            words[k] in _REFERENCE_SKIP
            or words[k].endswith("'s")
            or (words[k] == "of" and words[k - 1] in _REFERENCE_SKIP)  # "the city of"
        )
    ):
        k -= 1
    if k < 1 or words[k] not in ("of", "from"):
        return None
    k -= 1
    if k >= 0 and words[k] in _BEARINGS:
        k -= 1
    if k < 0:
        return None
    w, scale = words[k], 1.0
    unit = _UNITS_KM.get(w)
    if unit is not None:
        k -= 1
        scale = unit
        if k < 0:
            return None
        w = words[k]
    else:
        m = _FUSED_DISTANCE.match(w)  # "570km"
        if m is None:
            return None
        w, scale = m.group(1), _UNITS_KM[m.group(2)]
    try:
        return float(w.replace(",", "")) * scale
    except ValueError:
        return None


def far_reference(words: list[str], i: int) -> bool:
    """The place at token ``i`` is named as a point more than 100 km from the scene."""
    far = distance_before(words, i)
    return far is not None and far > 100


_REFERENCE_SKIP: Final = frozenset(
    [
        "the",
        "capital",
        "city",
        "town",
        "village",
        "provincial",
        "regional",
        "state",
        "country's",
        ",",
        "'s",
    ]
)
_UNITS_KM: Final = {
    "km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0,
    "kilometer": 1.0, "miles": 1.609, "mile": 1.609, "mi": 1.609,
}  # fmt: skip
_FUSED_DISTANCE: Final = re.compile(r"(\d+(?:[.,]\d+)?)(km|kms|mi)$")


def bearing(words: list[str], i: int) -> bool:
    """Whether the place at token ``i`` is named by a bearing from it ("north of Baghdad",
    "10 km west of Mosul", "east of the capital city Aden", "southwest of the Algerian
    capital")."""
    k = i - 1
    while k > 0 and i - k <= 4 and words[k] in ("the", "capital", "city", "town"):
        k -= 1
    return k >= 1 and words[k] == "of" and words[k - 1] in _BEARINGS


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
        if (
            came_from(words, x.i)
            or speaker_place(words, x.i, x.j)
            or qualifies(words, prev_origin, x.i)
            or someones_place(words, x.i, x.j)
        ):
            prev_origin = x.j
            continue
        if far_reference(words, x.i):
            continue  # "500 km south of N'Djamena": a reference, far from the scene
        out.append(x)
    return out


def context_places(doc: Doc, d: Draft) -> list[Location]:
    """The places of an event whose sentence names none: those of the nearest sentence
    around it that names some in the article's country (see ``nearby_sentences``),
    else the article's focus place. A sentence that names its own scene as a settlement
    the gazetteer does not know ("the village of Kukawa", "an Afghan town") takes from
    a town named elsewhere no more than its province (see ``unknown_settlement``)."""
    country = focus_country(doc)
    locs: list[Location] = []
    for k in nearby_sentences(doc, d.sent):
        places = scene_places(doc, k)
        if country and not any(x.m.entity.country in (None, country) for x in places):
            continue  # "... Moscow and the coalition ...": not where this attack was
        if places:
            a, b = doc.sent_tok[k]
            locs = rank_places(places, b if k < d.sent else a, country, doc.words)
            break
    else:
        focus = focus_place(doc)
        locs = [focus] if focus else []
    if locs:
        sa, sb = doc.sent_tok[d.sent]  # (a call with *args is no native call)
        if unknown_settlement(doc, sa, sb):
            return provinces_only(locs)
    return locs


def demonym_country(doc: Doc, ms: list[Placed], sa: int, sb: int) -> list[Location]:
    """The country of a demonym before a settlement noun in the clause ``sa:sb`` ("in
    the Malian village of Ogossagou", "an Afghan town"): where an event that names no
    place the gazetteer knows happened, as far as the sentence says. ("the Iraqi capital"
    is a town: the sentences around it name it.)"""
    words = doc.words
    for x in ms:
        e = x.m.entity
        if not (sa <= x.i and x.j < sb and x.kind == "actor" and e.type == "state"):
            continue
        k = x.j
        while k < min(sb - 1, x.j + 2) and words[k] in TOWN_MODIFIERS:
            k += 1  # "the Armenian border town of Jermuk"
        if e.country and words[k] == "capital" and not _name_follows(doc, k + 1, sb):
            place = _capital(e.country)  # "in the Somali capital": Mogadishu
            if place is not None:
                loc = location(Mention(place, x.m.start, x.m.end, x.m.text))
                if bearing(words, x.i):  # "southwest of the Algerian capital": around it
                    loc = replace(loc, precision="region")
                return [loc]
        if e.country and (
            (words[k] in SETTLEMENT_NOUNS and words[k] != "capital")
            or (words[k] in _FACILITY_NOUNS and _said_by_demonym(x))  # "a Honduran prison"
        ):
            place = _country_place(e.country)
            if place is not None:
                return [location(Mention(place, x.m.start, x.m.end, x.m.text))]
    return []


def _said_by_demonym(x: Placed) -> bool:
    """Whether a state is named by a demonym ("Honduran"), not "government" or its name."""
    g = _gazetteer()
    return g is not None and name_key(x.m.text) in g.core.demonyms


# places of a country's own that a demonym before them puts in it: "a riot at a Honduran
# prison", "gunmen stormed a Mexican bar"
_FACILITY_NOUNS: Final = frozenset(
    ["prison", "jail", "penitentiary", "market", "school", "hospital", "bar", "nightclub",
     "church", "mosque", "temple", "restaurant", "hotel", "mine", "port", "checkpoint",
     "outpost", "barracks", "police", "highway", "slum", "favela", "farm"]
)  # fmt: skip


# institutions that stand in the town they are named after ("Tikrit University")
_TOWN_INSTITUTIONS: Final = frozenset(
    ["university", "hospital", "college", "school", "academy", "museum", "stadium"]
)


def institution_town(ms: list[Placed], sa: int, sb: int) -> list[Location]:
    """The town an unknown institution of the clause ``sa:sb`` is named after ("gunmen
    attacked Tikrit University"): where an event that names no other place happened."""
    for x in ms:
        e = x.m.entity
        if not (sa <= x.i < sb and e.id.startswith("actor:unresolved:")):
            continue
        words = x.m.text.split()
        if len(words) < 2 or words[-1].lower() not in _TOWN_INSTITUTIONS:
            continue
        town = _town_named(" ".join(words[:-1]))
        if town is not None:
            return [location(Mention(town, x.m.start, x.m.end, x.m.text))]
    return []


def _town_named(name: str) -> Entity | None:
    try:
        from briefing.gazetteer import load
        from briefing.text.normalize import fold_word

        g = load()
        key = " ".join(fold_word(w) for w in name.split())
        for e, _case, _sector in g.lookup(key):
            if e.kind == "place" and e.type in ("city", "town", "village"):
                return e
        cities = g.cities(key)
        return cities[0][0] if cities else None
    except Exception:  # no gazetteer (a stub finder in tests)
        return None


def _gazetteer() -> Gazetteer | None:
    try:
        from briefing.gazetteer import load

        return load()
    except Exception:  # no gazetteer (a stub finder in tests): no town to give
        return None


def _is_capital(e: Entity) -> bool:
    g = _gazetteer()
    return g is not None and g.capital_of(e) is not None


def _capital(iso3: str) -> Entity | None:
    g = _gazetteer()
    return g.capital(iso3) if g is not None else None


def _seat(admin1: Entity) -> Entity | None:
    g = _gazetteer()
    return g.seat(admin1) if g is not None else None


_CAPITAL_GAP: Final = frozenset(
    ["the", "northern", "southern", "eastern", "western", "central", "restive", "war-torn"]
)


def division_capital(words: list[str], i: int, j: int) -> bool:
    """Whether the division at tokens i:j is named for its capital: "the capital of
    (the northern) Tigray region", "Tigray's capital", "the Tigray capital"."""
    n = len(words)
    if j < n and words[j] == "capital":
        return True
    if j + 1 < n and words[j] in ("'s", "’s") and words[j + 1] == "capital":
        return True
    k = i - 1
    while k > 0 and i - k <= 3 and words[k] in _CAPITAL_GAP:
        k -= 1
    return k >= 1 and words[k] == "of" and words[k - 1] in ("capital", "capitals")


def _name_follows(doc: Doc, k: int, b: int) -> bool:
    """A capitalised name at token k ("the Sudanese capital Khartoum"): it names the town."""
    return k < b and doc.text[doc.starts[k]].isupper()


def _country_place(iso3: str) -> Entity | None:
    try:
        from briefing.gazetteer import load

        return load().country(iso3)
    except Exception:  # no gazetteer (a stub finder in tests): no country to give
        return None


_BORDER_WORDS: Final = frozenset(("border", "borders", "frontier"))


def across_border(words: list[str], x: Placed) -> bool:
    """A country named as the other side of a border, not where it happened: "near the
    Mali border", "along the border with Niger" (but "the Iraq-Syria border" is on both)."""
    i, j = x.i, x.j
    if x.m.entity.type != "country" or (i > 0 and words[i - 1] in _JOINED):
        return False
    if j < len(words) and words[j] in _BORDER_WORDS:
        return True
    return i >= 2 and words[i - 1] == "with" and words[i - 2] in _BORDER_WORDS


_JOINED: Final = frozenset(("-", "–", "/", "and"))


def locative_country(doc: Doc, ms: list[Placed], used: set[int]) -> list[Location]:
    """A country's name after "in" that heads a noun, or after "the country of", and is no
    side of the event: "16 killed in Mozambique insurgency attack", "Three killed in Kenya
    attack", "in the African country of Niger"."""
    words = doc.words
    for x in ms:
        e = x.m.entity
        if not (
            (e.type == "state" or e.type == "country" and x.poss)  # ("at Egypt's ...")
            and e.country
            and id(x) not in used
            and x.m.sector is None
            and x.m.text == e.name
            and x.i > 1
        ):
            continue
        if (
            words[x.i - 1] in ("in", "near", "at")
            and x.j < len(words)
            and (words[x.j][:1].isalpha() or words[x.j] in ("'s", "’s"))
            and words[x.j] not in ("a", "an", "the", "and", "or")  # (heads a noun)
        ) or (words[x.i - 1] == "of" and words[x.i - 2] in ("country", "nation")):
            # ("at Egypt's Coptic cathedral": the country's, where nothing else is named)
            place = _country_place(e.country)
            if place is not None:
                return [location(Mention(place, x.m.start, x.m.end, x.m.text))]
    return []


def party_country(parties: list[Placed], neighbours: list[Placed]) -> list[Location]:
    """The country of the first state among the sides that is not a neighbour's ("Burkina
    Faso soldiers killed near the Niger border": in Burkina Faso)."""
    away = {x.m.entity.country for x in neighbours}
    for x in parties:
        e = x.m.entity
        if e.type == "state" and e.country and e.country not in away:
            place = _country_place(e.country)
            if place is not None:
                return [location(Mention(place, x.m.start, x.m.end, x.m.text))]
    return []


def parties_home(ev: Event) -> list[Location]:
    """Where an attack that the article places nowhere happened, as far as its sides
    say: the one country of its targets and of the rebels among its actors ("Nigerien
    army says 17 soldiers killed near Koutougou": Niger), or of the state whose forces
    were hit, whoever hit them. Not a state's own country when
    it acts ("Russian jets struck ..." names where they came from), nor a foreign force's
    (Wagner in Mali)."""
    if len({p.country for p in ev.actors if p.type == "state"}) > 1:
        return []  # "clashes between Armenian and Azerbaijani forces": either side's
    if _DOWNED.intersection((ev.trigger or "").lower().split()):
        # "Ukrainian air defences shot down 30 Russian drones": over the defenders' land
        homes = {p.country for p in ev.actors if p.country and p.sector in (None, "MIL", "REB")}
        if len(homes) == 1:
            return _country_location(homes.pop())
    homes = {p.country for p in ev.targets if p.country}
    forces = {p.country for p in ev.targets if p.type == "state" and p.country}
    if len(forces) == 1 and len(homes) == 1:
        # "Boko Haram militants kill 23 Chadian soldiers": where the state's forces were
        # hit, not the rebels' home
        return _country_location(forces.pop())
    # (and a state's police, who act at home: "Brazilian police killed 8 in a raid")
    homes.update(p.country for p in ev.actors if p.sector in ("REB", "COP") and p.country)
    if len(homes) != 1:
        return []
    return _country_location(homes.pop())


_DOWNED: Final = frozenset(["down", "downed", "intercepted", "intercepts", "intercept"])


# Speakers whose country is where the attack they report happened when nothing else
# places it ("..., Niger's interior ministry said", "..., the Malian army said")
_HOME_SECTORS: Final = frozenset(("MIL", "COP", "GOV"))


def speakers_home(doc: Doc, si: int, ev: Event) -> list[Location]:
    """Where an attack that the article and its sides place nowhere happened, as its
    sentence's speaker says: the one country of the states' armies, police and
    ministries speaking ("Suspected jihadists killed 15 civilians, the Malian army
    said": Mali). Not a state that acted in it (armies report strikes abroad)."""
    a, b = doc.sent_tok[si]
    acting = {p.country for p in ev.actors if p.type == "state"}
    homes = {
        e.country
        for x in doc.sent_mentions(a, b)
        if x.speaker
        and (e := x.m.entity).type == "state"
        and (x.m.sector or e.sector) in _HOME_SECTORS
        and e.country
    }
    if len(homes) != 1 or homes & acting:
        return []
    return _country_location(homes.pop())


def dateline_country(doc: Doc, si: int) -> list[Location]:
    """Where an attack nothing else places happened, as far as the capital its report was
    filed from says: that capital's country ("Dhaka, Jan 5 (IANS): Two people were killed
    in clashes in Naniarchar")."""
    iso3 = doc.filed_in.get(si)
    return _country_location(iso3) if iso3 else []


def _country_location(iso3: str) -> list[Location]:
    place = _country_place(iso3)
    return [location(Mention(place, 0, 0, place.name))] if place is not None else []


def provinces_only(locs: list[Location]) -> list[Location]:
    """Towns and points as no more than their provinces (those with none left out)."""
    return [
        replace(loc, precision="admin1") if rank(loc) < 2 else loc
        for loc in locs
        if rank(loc) >= 2 or loc.admin1
    ]


def _name_at(doc: Doc, t: int, b: int) -> bool:
    """Whether token ``t`` (before ``b``) starts a capitalised word."""
    return t < b and doc.text[doc.starts[t]].isupper() and doc.words[t][:1].isalpha()


def unknown_settlement(doc: Doc, a: int, b: int) -> bool:
    """Whether the tokens ``a:b`` name a scene as a settlement no mention covers: a
    settlement noun with a name after it ("the town of Qara Tappa"), or with no
    determiner before it ("a village", "attack in Kurdish region capital", "bombs hit
    capital of ..."); not "the town" (the one named before) nor a noun that only
    qualifies the next ("a district official said")."""
    words, text, starts = doc.words, doc.text, doc.starts
    ms = doc.sent_mentions(a, b)
    covered = {t for x in ms if x.kind == "place" for t in range(x.i, x.j)}
    states = {t for x in ms if x.m.entity.type in ("state", "country") for t in range(x.i, x.j)}
    for t in range(a, b):
        if words[t] not in SETTLEMENT_NOUNS or t in covered:
            continue
        nxt = words[t + 1] if t + 1 < b else ""
        if nxt in SETTLEMENT_MODIFIED:
            continue
        if words[t] == "capital" and (
            t - 1 in states  # "the Iraqi capital": the state's own
            or (nxt == "of" and t + 2 in states and not _name_at(doc, t + 3, b))
            or (
                nxt != "of"
                and t - 1 >= a
                and not text[starts[t - 1]].isupper()
                and words[t - 1] not in CAPITAL_QUALIFIERS
            )
        ):
            continue  # "near capital", "the capital of Iraq": the country's capital
        if nxt == "of" and t + 2 < b and t + 2 not in covered and _name_at(doc, t + 2, b):
            return True  # "the town of Qara Tappa"
        definite = False
        for k in range(t - 1, max(a - 1, t - 5), -1):
            w = words[k]
            if w in DETERMINERS or w == "same":
                definite = True
                break
            if w in ("a", "an") or w in PREP or not w[:1].isalnum():
                break
        if not definite:
            return True
    return False


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
    aside: set[str] = set()  # named only as where someone spoke, came from or went
    words = doc.words
    for x in doc.mentions:
        if (
            x.kind == "place"
            and not x.skip
            and not x.poss  # "Russia's crimes": no place
            and not far_reference(words, x.i)
        ):
            eid = x.m.entity.id
            if eid not in counts:
                aside.add(eid)
            counts[eid] += 1
            first.setdefault(eid, x)
            if not (
                came_from(words, x.i)
                or speaker_place(words, x.i, x.j)
                or someones_place(words, x.i, x.j)
            ):
                aside.discard(eid)
    focus = None
    if counts:
        # a place abroad is no fallback for an article about somewhere else ("... backed
        # by Iraq" is not where an attack in Syria was)
        country = focus_country(doc)
        best = max(
            counts,
            key=lambda k: (
                first[k].m.entity.country in (None, country),
                k not in aside,
                counts[k],
                -rank(first[k].location),
            ),
        )
        focus = first[best].location
        if best in aside:  # "..., a resident speaking from the city of Dori said": its province
            # (but "the defense ministry in Baku said": the capital speaks)
            capital = _is_capital(first[best].m.entity)
            focus = None if capital else next(iter(provinces_only([focus])), None)
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
        if (others and x.m.start in others) or far_reference(doc.words, x.i):
            continue
        if speaker_place(doc.words, x.i, x.j) and _is_capital(e):
            continue  # "..., the defense ministry in Baku said": the capital speaks
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


_BEARING_WORDS: Final = frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
     "northwestern", "southeastern", "southwestern", "north-east", "north-west",
     "south-east", "south-west", "north-eastern", "north-western", "south-eastern",
     "south-western", "of", "the", "centre", "center"]
)  # fmt: skip


def vague_region(loc: Location) -> bool:
    """Whether a region is a part of its country told by a bearing ("northern Syria",
    "Syria's centre"), not a named land ("North Waziristan", "Eastern Ghouta")."""
    if not loc.country:
        return False
    country = _country_place(loc.country)
    if country is None:
        return True
    words = loc.name.lower().replace("'s", "").split()
    rest = " ".join(w for w in words if w not in _BEARING_WORDS)
    return rest == country.name.lower() or any(rest == a.lower() for a in country.aliases)


def add_region(doc: Doc, ev: Event, si: int, own_scene: bool = False) -> None:
    """An attack placed no more precisely than a country or region ("in northern Syria")
    takes as its first place the province named in the sentences around it (see
    ``nearby_division``), else the article's focus region. A region's own province
    ("central Syria": Homs) is a guess that yields to a province named nearby. Not an
    attack told as another incident in a place of its own (``own_scene``: "Meanwhile, in
    Darfur, ..."): the provinces around it are the other incident's."""
    if own_scene:
        return
    country = ev.locations[0].country if ev.locations else None
    guess = False
    for loc in ev.locations:
        if loc.admin1 and loc.country in (None, country):
            if loc.precision != "region" or (loc.type == "region" and not vague_region(loc)):
                return  # "in Syria ... Moscow said", "in North Waziristan": placed
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
