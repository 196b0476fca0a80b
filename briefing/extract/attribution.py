"""Actors the text implies for attacks it gives none: claims of responsibility, the
article's other attacks of the same kind, accusations, perpetrator priors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from briefing.extract.arguments import appositives_out, is_actorish
from briefing.extract.perpetrators import prior_actor
from briefing.extract.places import focus_place
from briefing.extract.vocab import AIR_WORDS, BLAME, BLAME_OF, CLAIM, GENERIC_GROUPS
from briefing.model import Event, Participant

if TYPE_CHECKING:
    from briefing.extract.document import Doc
    from briefing.extract.drafts import Draft


_INFER_CLASS: Final = {"aerial": "air", "drone": "air"}


def infer_actors(doc: Doc, drafts: list[Draft]) -> None:
    """An asserted ASSAULT the text gives no actor takes one from the article, marked in
    its ``rule`` and with lower confidence, from the first of:

    1. ``+claimed``: a group that claimed responsibility in it or the next sentences;
    2. ``+ctx-actor``: the actor of its other ASSAULTs of the same kind when they all name
       one, else, for an air strike, the one state whose aircraft the article names
       ("Russian jets", "regime warplanes", "US-led coalition air strikes");
    3. ``+alleged-actor``: the one actor that attacks of its kind are blamed on ("the
       opposition accused government forces of gassing ...");
    4. ``+prior:<id>``: the perpetrator priors of ``data/priors.toml``.

    Rebels fly no aircraft: an armed group found as the actor of an air strike is its
    target ("Jaish al-Fatah pounded by 56 airstrikes")."""
    events = [d.event for d in drafts]
    for e in events:
        if (
            e.type == "ASSAULT"
            and e.mode == "aerial"
            and e.actors
            and not any(flies(p) for p in e.actors)
        ):
            if _bare_raids(e.sentence):
                e.mode = "firearms"  # "Taliban kill 9 Afghan soldiers in Kunduz raids"
                continue
            groups = [p for p in e.actors if p.type == "armed_group"]
            e.targets = groups + [t for t in e.targets if t not in groups]
            e.actors = []
    _name_generic_actors(events)
    by_mode: dict[str, set] = {}
    first: dict[str, list[Participant]] = {}
    blamed: dict[str, set] = {}
    blamed_first: dict[str, list[Participant]] = {}
    for e in events:
        if e.type != "ASSAULT" or not e.actors or not e.mode:
            continue
        kind = _INFER_CLASS.get(e.mode, e.mode)
        key = frozenset(p.country or p.id for p in e.actors)
        if e.modality == "asserted":
            by_mode.setdefault(kind, set()).add(key)
            first.setdefault(kind, e.actors)
        elif e.modality == "alleged":
            blamed.setdefault(kind, set()).add(key)
            blamed_first.setdefault(kind, e.actors)
    claims = find_claims(doc)
    blamed_on = find_blamed(doc)
    air: list[Participant] | None = None
    focus = focus_place(doc)
    for d in drafts:
        ev = d.event
        if ev.type != "ASSAULT" or ev.actors or ev.modality != "asserted":
            continue
        cls = _INFER_CLASS.get(ev.mode, ev.mode) if ev.mode else None
        actors: list[Participant] = []
        how = ""
        for si, claimant in claims:
            if 0 <= si - d.sent <= 3:
                actors, how = claimant, "+claimed"
        if not actors:
            for si, accused in blamed_on:
                if 0 <= si - d.sent <= 1:
                    actors, how = accused, "+blamed"
        a, b = doc.sent_tok[d.sent]
        country = next((loc.country for loc in ev.locations if loc.country), None)
        if country is None and focus is not None:
            country = focus.country
        if not actors:  # "barrel bombs": who alone uses them, whatever else the article tells
            got = prior_actor(ev, prior_words(doc, a, b), country, doc.article.source, True)
            if got is not None:
                actors, how = [got[1]], "+prior:" + got[0].id
        keys = by_mode.get(cls) if cls else None
        if not actors and cls:
            if keys and len(keys) == 1:
                actors, how = first[cls], "+ctx-actor"
            elif not keys and cls == "air":
                if air is None:
                    air = air_actors(doc)
                actors, how = air, "+ctx-actor"
        if not actors and cls and len(blamed.get(cls, ())) == 1:
            actors, how = blamed_first[cls], "+alleged-actor"
        tkeys = {side(p) for p in ev.targets}
        if actors and any(side(p) in tkeys for p in actors):
            actors = []
        if not actors:
            got = prior_actor(ev, prior_words(doc, a, b), country, doc.article.source)
            if got is None:
                continue
            rule, actor = got
            actors, how = [actor], "+prior:" + rule.id
        if not actors:
            continue
        ev.actors = [p.as_inferred() for p in actors]
        ev.rule = ev.rule + how
        ev.confidence = round(
            max(0.1, ev.confidence - (0.3 if how.startswith("+prior") else 0.25)), 2
        )


def _name_generic_actors(events: list[Event]) -> None:
    """ "A terrorist rocket attack on Deir Ezzor ... ISIL terrorists fired 6 rocket shells":
    an attack by "terrorists", "militants" or "jihadists" at large is by the one named
    armed group the article gives its other attacks of that kind to (``+ctx-actor``)."""
    named: dict[str, dict[str | None, Participant]] = {}
    for e in events:
        if e.type != "ASSAULT" or e.modality != "asserted" or not e.mode:
            continue
        for p in e.actors:
            if p.type == "armed_group" and p.id not in GENERIC_GROUPS:
                named.setdefault(_INFER_CLASS.get(e.mode, e.mode), {})[p.id] = p
    for e in events:
        if e.type != "ASSAULT" or e.modality != "asserted" or not e.mode or not e.actors:
            continue
        if not all(p.id in GENERIC_GROUPS for p in e.actors):
            continue
        groups = named.get(_INFER_CLASS.get(e.mode, e.mode), {})
        if len(groups) == 1 and not any(t.id in groups for t in e.targets):
            e.actors = [p.as_inferred() for p in groups.values()]
            e.rule += "+ctx-actor"
            e.confidence = round(max(0.1, e.confidence - 0.15), 2)


def prior_words(doc: Doc, a: int, b: int) -> set[str]:
    """The words of a sentence a prior may read: not those of a named group's name ("ISIL
    terrorists", "the Nusra Front terrorist group"), which say who, not what kind."""
    words = doc.words[a:b]
    last_named = -1
    for x in doc.sent_mentions(a, b):
        if x.kind != "actor":
            continue
        named = x.m.entity.id not in GENERIC_GROUPS
        if named or x.i <= last_named + 1:
            for t in range(x.i, x.j):
                words[t - a] = ""
            last_named = x.j - 1 if named else max(last_named, x.j - 1)
    return set(words)


def flies(p: Participant) -> bool:
    """Whether an actor can carry out an air strike: a state, its forces and organs, a
    person, a military alliance ("US-led coalition"); not a rebel group, not an
    international body ("UN airstrikes" in a line of tags)."""
    if p.type == "armed_group":
        return p.sector != "REB"
    if p.type in ("igo", "organization") and not p.country:
        return p.sector == "MIL"
    return True


def find_claims(doc: Doc) -> list[tuple[int, list[Participant]]]:
    """Sentences where a group claims an attack ("IS claimed responsibility for the
    bombing"): (sentence index, the claimants)."""
    out: list[tuple[int, list[Participant]]] = []
    words = doc.words
    n = len(words)
    if not any(
        words[k] in CLAIM and k + 1 < n and words[k + 1] == "responsibility" for k in doc.hot
    ):
        return out  # no claim in the article (most): no sentence to visit
    for si, (a, b) in enumerate(doc.sent_tok):
        for k in doc.hot_in(a, b):
            if words[k] not in CLAIM or k + 1 >= b or words[k + 1] != "responsibility":
                continue
            # the claimant reads as a speaker ("IS claimed ..."): take it all the same
            ms = [x for x in doc.sent_mentions(a, k) if is_actorish(x) and not x.skip]
            if ms and k - ms[-1].j <= 4:
                grp = [ms[-1]]
                for x in reversed(ms[:-1]):
                    gap = words[x.j : grp[0].i]
                    if len(gap) > 2 or any(g not in ("and", ",", "&") for g in gap):
                        break
                    grp.insert(0, x)
                out.append((si, [x.participant for x in appositives_out(grp)]))
    return out


def side(p: Participant) -> str | None:
    """A state's forces are one side whatever organ is named; "Syrian rebels" are not
    the state of Syria (nor is the PKK Turkey's side)."""
    return (p.country or p.id) if p.type == "state" else p.id


def _bare_raids(sentence: str) -> bool:
    """Raids that no word of aircraft makes air raids: a group's raids are on the ground."""
    words = sentence.lower().replace("-", " ").split()
    return any(w.startswith("raid") for w in words) and not any(
        w.strip(".,;:'\"") in AIR_WORDS and not w.startswith("raid") for w in words
    )


def find_blamed(doc: Doc) -> list[tuple[int, list[Participant]]]:
    """Sentences that lay an attack on someone ("The bombing was blamed by officials on
    the outlawed PKK", "officials blamed the attack on al-Shabaab"): (sentence index,
    the accused)."""
    out: list[tuple[int, list[Participant]]] = []
    words = doc.words
    # (no trigger words: looked for in the whole text)
    everywhere = "attributed" in words or not BLAME_OF.isdisjoint(words)
    for si, (a, b) in enumerate(doc.sent_tok):
        ks = range(a, b) if everywhere else doc.hot_in(a, b)
        for k in ks:
            w = words[k]
            if w in BLAME_OF:
                # "the work of the PKK", "pointing the finger at the Houthis"
                preps: tuple[str, ...] = ("at",) if w == "finger" else ("of",)
                if k + 1 >= b or words[k + 1] not in preps or words[k - 1] not in ("the", "its"):
                    continue
            elif w not in BLAME:
                continue
            else:
                preps = ("to",) if w == "attributed" else ("on", "upon")
            on = next((t for t in range(k + 1, min(b, k + 8)) if words[t] in preps), -1)
            if on < 0:
                continue
            ms = [
                x
                for x in doc.sent_mentions(on + 1, b)
                if is_actorish(x) and not x.skip and x.i - on <= 4
            ]
            if ms:
                out.append((si, [ms[0].participant]))
            break
    return out


def air_actors(doc: Doc) -> list[Participant]:
    """The actors whose aircraft the article names, if they are all one state or group."""
    words = doc.words
    found: dict[str, Participant] = {}
    for x in doc.mentions:
        if not is_actorish(x) or x.skip or x.speaker:
            continue
        inside = words[x.i : x.j]
        after = words[x.j : x.j + 2]
        if any(w in AIR_WORDS for w in inside) or any(w in AIR_WORDS for w in after):
            p = x.participant
            found.setdefault(p.country or p.id or p.name, p)
    return list(found.values())[:1] if len(found) == 1 else []
