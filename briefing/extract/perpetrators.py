"""Perpetrator classes of the Syrian war and the main violent event of an article.

Conflict-casualty annotations (the FA-KES corpus, ACLED's actor families) do not ask who
exactly fired but which side: the Syrian government or Russian forces, the Islamic
State, the US-led coalition, the armed opposition, the Kurdish-led SDF/YPG, al-Nusra
Front, or unknown. The classes and the actors in each are data
(``data/perpetrators.toml``). ``perpetrator(event)`` is the class of the event's first
classifiable actor; ``main_event(events)`` picks the event such an annotation describes;
``cause(mode)`` groups attack modes into the annotation's causes of death.

``prior_actor`` reads the perpetrator priors (``data/priors.toml``): who carries out the
attacks an article leaves unattributed, by weapon, wording, target, place and outlet. The
event engine uses them last, after the actors the text names, claims and accusations.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from briefing import paths
from briefing.model import Event, Participant

__all__ = [
    "CAUSES",
    "PerpetratorClass",
    "Prior",
    "cause",
    "classes",
    "governorate",
    "main_event",
    "participant_class",
    "perpetrator",
    "prior_actor",
    "priors",
]

# attack mode -> cause of death
CAUSES: Final = {
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
    id_prefixes: tuple[str, ...]
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
            id_prefixes=tuple(c.get("id_prefixes", ())),
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
        if pid in c.ids or (c.id_prefixes and pid.startswith(c.id_prefixes)):
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


# the headline and the lede: the first characters of an article's text
LEDE_CHARS: Final = 600
_VAGUE: Final = frozenset(("dozens", "dozen", "tens", "scores", "hundreds", "thousands", "handful"))


def main_event(events: list[Event]) -> Event | None:
    """The article's main violent event: the first asserted ASSAULT of the headline or
    lede with an exact killed toll (news tells its story first; later, larger tolls are
    earlier days, other towns or the war's total), else the asserted ASSAULT with the
    largest killed toll, else the first asserted ASSAULT."""
    assaults = [e for e in events if e.type == "ASSAULT" and e.modality == "asserted"]
    if not assaults:
        return None
    for e in assaults:
        if e.killed and e.start < LEDE_CHARS and not vague_toll(e):
            return e
    tolled = [e for e in assaults if e.killed is not None]
    if tolled:
        return max(tolled, key=lambda e: e.killed or 0)
    return assaults[0]


def vague_toll(event: Event) -> bool:
    """Whether the event's toll is only a vague count ("dozens of civilians" is 12)."""
    from briefing.text.numbers import find_numbers

    low = event.sentence.lower()
    if not any(w in low for w in _VAGUE):
        return False  # no vague word in the sentence: no number of it ends with one
    said = [n for n in find_numbers(event.sentence) if n.value == event.killed]
    return bool(said) and all(n.text.lower().split()[-1] in _VAGUE for n in said)


def governorate(event: Event | None) -> str | None:
    """The first-level division of the event's most specific place that has one, in the
    country of its primary place (in any country when the primary place has none)."""
    if event is None or not event.locations:
        return None
    country = event.locations[0].country  # none: a border, a river - any country
    for loc in event.locations:
        if loc.admin1 and (country is None or loc.country in (None, country)):
            return loc.admin1
    return None


# --------------------------------------------------------------------------- priors


@dataclass(slots=True, frozen=True)
class Prior:
    """One rule of ``data/priors.toml``: who carried out an attack no one is named for."""

    id: str
    actor: Participant
    cues: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    target_classes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    decisive: bool = False  # a weapon only one side uses: before the article's context


@lru_cache(maxsize=1)
def priors() -> tuple[Prior, ...]:
    """The perpetrator priors whose actor the gazetteer knows (none without a gazetteer)."""
    try:
        from briefing.gazetteer import load as load_gazetteer

        gazetteer = load_gazetteer()
    except Exception:  # pragma: no cover - no gazetteer: no priors
        return ()
    doc = tomllib.loads(paths.data_file("extract", "data", "priors.toml").read_text("utf-8"))
    out = []
    for r in doc.get("prior", ()):
        e = gazetteer.get(r["actor"])
        if e is None:
            continue
        actor = Participant(
            id=e.id,
            name=e.name,
            text="",
            type=e.type,
            country=e.country,
            sector=r.get("sector") or e.sector,
        )
        out.append(
            Prior(
                id=r["id"],
                actor=actor,
                cues=frozenset(r.get("cues", ())),
                modes=frozenset(r.get("modes", ())),
                target_classes=frozenset(r.get("target_classes", ())),
                countries=frozenset(r.get("countries", ())),
                sources=frozenset(r.get("sources", ())),
                decisive=bool(r.get("decisive", False)),
            )
        )
    return tuple(out)


def prior_actor(
    event: Event,
    words: set[str],
    country: str | None,
    source: str | None,
    decisive: bool = False,
) -> tuple[Prior, Participant] | None:
    """The first prior that applies to an attack without actors: ``words`` are the
    (lower-case) words of its sentence, ``country`` where it happened (or the article's
    focus country), ``source`` the outlet; only the ``decisive`` ones if asked. A prior
    never names one of the attack's targets ("killed 50 terrorists" is no terrorist
    attack)."""
    hit_keys = {t.id for t in event.targets} | {
        t.country for t in event.targets if t.type == "state" and t.country
    }
    for p in priors():
        if decisive and not p.decisive:
            continue
        if p.actor.id in hit_keys or (p.actor.type == "state" and p.actor.country in hit_keys):
            continue
        if p.modes and event.mode not in p.modes:
            continue
        if p.countries and country not in p.countries:
            continue
        if p.sources and source not in p.sources:
            continue
        if p.target_classes and not any(
            participant_class(t) in p.target_classes for t in event.targets
        ):
            continue
        cue = ""
        if p.cues:
            hit = p.cues & words
            if not hit:
                continue
            cue = min(hit)
        return p, Participant(
            p.actor.id, p.actor.name, cue, p.actor.type, p.actor.country, p.actor.sector
        )
    return None
