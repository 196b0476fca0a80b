"""Perpetrator classes of the Syrian war and the main violent event of an article.

Conflict-casualty annotations (the FA-KES corpus, ACLED's actor families) do not ask who
exactly fired but which side: the Syrian government or Russian forces, the Islamic
State, the US-led coalition, the armed opposition, the Kurdish-led SDF/YPG, al-Nusra
Front, or unknown. The classes and the actors in each are data
(``data/perpetrators.toml``). ``perpetrator(event)`` is the class of the event's first
classifiable actor; ``main_event(events)`` picks the event such an annotation describes;
``cause(mode)`` groups attack modes into the annotation's causes of death.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from briefing import paths
from briefing.model import Event, Participant

__all__ = ["CAUSES", "PerpetratorClass", "cause", "classes", "main_event", "perpetrator"]

# attack mode -> cause of death
CAUSES = {
    "aerial": "shelling",
    "drone": "shelling",
    "heavy-weapons": "shelling",
    "explosives": "explosion",
    "suicide-attack": "explosion",
    "chemical": "chemical",
    "firearms": "shooting",
    "targeted": "shooting",
    "execution": "execution",
}


@dataclass(slots=True, frozen=True)
class PerpetratorClass:
    key: str
    name: str
    ids: frozenset[str]
    countries: frozenset[str]
    sectors: frozenset[str]
    group_countries: frozenset[str]


@lru_cache(maxsize=1)
def classes() -> tuple[PerpetratorClass, ...]:
    doc = tomllib.loads(paths.data_file("extract", "data", "perpetrators.toml").read_text("utf-8"))
    return tuple(
        PerpetratorClass(
            key=c["key"],
            name=c["name"],
            ids=frozenset(c.get("ids", ())),
            countries=frozenset(c.get("countries", ())),
            sectors=frozenset(c.get("sectors", ())),
            group_countries=frozenset(c.get("group_countries", ())),
        )
        for c in doc["class"]
    )


def participant_class(p: Participant) -> str | None:
    """The class of one actor, or None when it is none of the war's sides."""
    pid = (p.id or "").removeprefix("actor:").removeprefix("generic:")
    cs = classes()
    for c in cs:
        if pid in c.ids:
            return c.key
    if p.type == "state" or pid.startswith("state:"):
        for c in cs:
            if p.country in c.countries:
                return c.key
        return None
    for c in cs:
        if p.country in c.group_countries and p.sector in c.sectors:
            return c.key
    return None


def perpetrator(event: Event | None) -> str:
    """The class of the event's first actor that belongs to one, else ``unknown``."""
    if event is not None:
        for p in event.actors:
            key = participant_class(p)
            if key:
                return key
    return "unknown"


def cause(mode: str | None) -> str | None:
    return CAUSES.get(mode or "")


def main_event(events: list[Event]) -> Event | None:
    """The article's main violent event: the asserted ASSAULT with the largest killed
    toll, else the first asserted ASSAULT (as the corpus annotations are scored)."""
    assaults = [e for e in events if e.type == "ASSAULT" and e.modality == "asserted"]
    if not assaults:
        return None
    tolled = [e for e in assaults if e.killed is not None]
    if tolled:
        return max(tolled, key=lambda e: e.killed)
    return assaults[0]


def governorate(event: Event | None) -> str | None:
    """The first-level division of the event's most specific place that has one."""
    if event is None:
        return None
    for loc in event.locations:
        if loc.admin1:
            return loc.admin1
    return None
