"""The document pass: an anaphoric, repeated or toll-only ASSAULT is merged into the
compatible one it follows; the same toll told twice is one attack; what an ASSAULT still
lacks (mode, place, region, actor) is filled from its context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from briefing.extract.attribution import infer_actors, side
from briefing.extract.drafts import event_id
from briefing.extract.modes import (
    LETHAL,
    article_mode,
    bombing_mode,
    context_mode,
    ground_mode,
    strike_mode,
)
from briefing.extract.perpetrators import vague_toll
from briefing.extract.places import (
    add_region,
    context_places,
    dateline_country,
    parties_home,
    rank,
    speakers_home,
)
from briefing.extract.vocab import STATEMENT_NOUNS, TOLL_UPDATE, UNNAMED_VICTIMS
from briefing.model import Event, Participant
from briefing.text.dates import parse_iso

if TYPE_CHECKING:
    from briefing.extract.document import Doc
    from briefing.extract.drafts import Draft


# Killing by blade, club or fire ("hacked to death"): no PLOVER mode fits, and none is
# guessed from the context
_NO_MODE_RULES: Final = frozenset(["assault.killing"])


def compatible(base: Event, new: Event, places: bool = True) -> bool:
    """Whether ``new`` can tell more of ``base``: the same modality, no side on both sides,
    no other place (unless ``places`` is False), day or kind of attack."""
    if base.modality != new.modality:
        return False
    ta = {side(p) for p in base.targets}
    if any(side(p) in ta for p in new.actors):
        return False
    ta = {side(p) for p in new.targets}
    if any(side(p) in ta for p in base.actors):
        return False
    if base.actors and new.actors:
        ids = {p.id for p in base.actors} | {p.country for p in base.actors if p.country}
        if not any(p.id in ids or (p.country and p.country in ids) for p in new.actors):
            return False
    if places and base.locations and new.locations:
        b0, n0 = base.locations[0], new.locations[0]
        if b0.country and n0.country and b0.country != n0.country:
            return False
        if (
            b0.admin1
            and n0.admin1
            and b0.admin1 != n0.admin1
            and not any(loc.id == n0.id for loc in base.locations)
        ):
            return False
    if base.date and new.date and base.date_text and new.date_text:
        d1, d2 = parse_iso(base.date), parse_iso(new.date)
        if (
            d1
            and d2
            and abs((d1 - d2).days) > 1
            and base.date_precision == new.date_precision == "day"
        ):
            return False
    if base.mode and new.mode and base.mode != new.mode:
        groups = {"aerial": 0, "drone": 0, "heavy-weapons": 0, "explosives": 1, "suicide-attack": 1}
        if groups.get(base.mode, base.mode) != groups.get(new.mode, new.mode):
            return False
    return True


def merge_into(base: Event, new: Event, places: bool = True) -> None:
    """Adds what ``new`` tells of ``base``: its sentence, actors if base has none, targets,
    more specific places (unless ``places`` is False: "the attack" placed no closer than a
    country), larger tolls, mode and date."""
    if new.start != base.start and not any(r[0] == new.start for r in base.reports):
        base.reports.append([new.start, new.end])
    base.reports.extend(r for r in new.reports if r[0] != base.start and r not in base.reports)
    if not base.actors and new.actors:
        base.actors = new.actors
    have = {p.id for p in base.targets}
    base.targets = base.targets + [
        p for p in new.targets if p.id not in have and p.id not in {a.id for a in base.actors}
    ]
    if new.locations and places:
        if not base.locations:
            base.locations = list(new.locations)
        else:
            have_l = {loc.id for loc in base.locations}
            extra = [loc for loc in new.locations if loc.id not in have_l]
            if extra and rank(extra[0]) < rank(base.locations[0]):
                base.locations = extra[:1] + base.locations + extra[1:]
            else:
                base.locations = base.locations + extra
    if new.killed is not None:
        base.killed = new.killed if base.killed is None else max(base.killed, new.killed)
    if new.wounded is not None:
        base.wounded = new.wounded if base.wounded is None else max(base.wounded, new.wounded)
    if not base.mode and new.mode and (new.mode in LETHAL or base.killed is None):
        base.mode = new.mode  # "taken hostage" tells how no one of a toll was killed
    elif not base.mode and not new.mode and not new.actors:
        base.mode = strike_mode(new)  # "killed in the strike": an air strike's toll
    if not base.date_text and new.date_text:
        base.date, base.date_text, base.date_precision = new.date, new.date_text, new.date_precision


def _same_report(base: Event, new: Event) -> bool:
    """A repeated mention of an event adds no new mode or date of its own."""
    if new.mode and base.mode and new.mode != base.mode:
        return False
    return not (new.date_text and new.date_text != base.date_text)


def _same_place(base: Event, new: Event) -> bool:
    if not new.locations:
        return True
    ids = {loc.id for loc in base.locations}
    return new.locations[0].id in ids


def other_toll(doc: Doc, d: Draft, base: Draft) -> bool:
    """ "The government air strikes killed 82" two sentences after "air strikes kill 15":
    a later mention of attacks with another toll, told as no update, is another
    attack."""
    ev = d.event
    had = base.event.killed
    if d.toll_only or d.bare or not ev.killed or not had or ev.killed == had:
        return False
    if vague_toll(base.event) or vague_toll(ev):
        return False  # "killed dozens of regime fighters" ... "over 60 soldiers": one toll
    if d.sent - base.sent < 2:
        return False  # "15 civilians, 3 children killed": parts of one toll
    a, b = doc.sent_tok[d.sent]
    return not TOLL_UPDATE.intersection(doc.words[a:b])


def side_statement(doc: Doc, si: int) -> bool:
    """ "The claim, which did not mention a wedding, said 40 people had been killed",
    "ISIS's statement said the attack left nearly 50 dead": a toll told by a side's own
    statement, which an independent toll of the same attack outweighs."""
    a, b = doc.sent_tok[si]
    words = doc.words
    for k in range(a, b):
        if words[k] in STATEMENT_NOUNS:
            return any(w in doc.lex.speech for w in words[k + 1 : min(b, k + 8)])
    return False


def _subset(new: list[Participant], base: list[Participant]) -> bool:
    keys = {p.id for p in base} | {p.country for p in base if p.country}
    return all(p.id in keys or (p.country and p.country in keys) for p in new)


def _head(trigger: str) -> str:
    w = trigger.lower().split()[-1]
    return w[:-1] if w.endswith("s") else w


def document_pass(doc: Doc, drafts: list[Draft]) -> list[Event]:
    kept: list[Draft] = []
    recent: list[Draft] = []  # ASSAULTs, the last touched last
    for d in drafts:
        ev = d.event
        if ev.type == "ASSAULT":
            best, best_score = None, None
            # "the attack" placed no closer than a country is the one told before
            vague = d.anaphoric and all(
                loc.precision in ("country", "region") for loc in ev.locations
            )
            side = ev.killed is not None and side_statement(doc, d.sent)
            # "militants killed 21 ..., officials said, in an attack on a bus": a later
            # clause of the sentence that names no side and no toll tells the same attack
            restates = not ev.actors and ev.killed is None and ev.wounded is None
            for n, base in enumerate(recent if not d.fresh else ()):
                bev = base.event
                far = d.sent - base.sent
                if base.sent == d.sent and not (d.toll_only or restates):
                    continue
                if d.background and not base.background and base.sent != d.sent:
                    continue  # "called a meeting after claiming 60 were killed": what came before
                repeat = (
                    bool(ev.actors)
                    and _subset(ev.actors, bev.actors)
                    and _subset(ev.targets, bev.targets or bev.actors)
                )
                if d.anaphoric or d.bare:
                    if far > 3 and not (d.bare or vague or _same_place(bev, ev)):
                        continue
                elif d.toll_only or repeat or (restates and far == 0):
                    if far > (2 if d.toll_only else 3):
                        continue
                    if repeat and not d.toll_only and not _same_report(bev, ev):
                        continue
                else:
                    continue
                if not compatible(bev, ev, not vague):
                    continue
                if other_toll(doc, d, base) and not side:
                    continue
                head = _head(ev.trigger)
                score = (
                    far <= 3,
                    head in bev.trigger.lower() or head in base.event.rule,
                    not base.background,
                    n,
                )
                if best_score is None or score > best_score:
                    best, best_score = base, score
            if best is not None:
                if best.event.killed is not None and side:
                    ev.killed = None  # "the claim said 40 were killed": the monitor's toll stands
                merge_drafts(best, d, not vague)
                recent.remove(best)
                recent.append(best)
                continue
            if d.bare:
                continue
            recent.append(d)
        kept.append(d)
    merge_same_toll(kept)
    kept = [d for d in kept if not d.bare]
    for d in kept:
        d.event.event_id = event_id(d.event, d.trigger_start)
    events = [d.event for d in kept]
    # fill what an ASSAULT still lacks from its context
    usual_mode = article_mode(kept)
    for d in kept:
        ev = d.event
        if ev.type != "ASSAULT":
            continue
        if not ev.mode and ev.rule not in _NO_MODE_RULES:
            ev.mode = (
                context_mode(doc, d.sent)
                or ground_mode(ev, usual_mode)
                or strike_mode(ev)
                or usual_mode
                or bombing_mode(ev)
            )
        if not ev.locations:
            ev.locations = (
                context_places(doc, d)
                or parties_home(ev)
                or speakers_home(doc, d.sent, ev)
                or dateline_country(doc, d.sent)
            )
        # (another incident's own scene: "Meanwhile, in Darfur" more than "in Myanmar")
        own = d.fresh and d.has_own_place
        add_region(doc, ev, d.sent, own and any(x.precision != "country" for x in ev.locations))
    if merge_incidents(doc, kept):
        kept = [d for d in kept if not d.bare]
        events = [d.event for d in kept]
    infer_actors(doc, kept)
    accuse_targets(kept)
    for d in kept:  # "gunmen killed 35 people": civilians, where no one else was hit
        if d.victims is not None and not d.event.targets:
            d.event.targets = [d.victims]
    return events


def merge_drafts(base: Draft, d: Draft, places: bool = True) -> None:
    """``d``'s event merged into ``base``'s, and the unnamed victims it counted (those told
    as people before a headline's bare count: "Gunmen kill 14" then "killing 14 people")."""
    merge_into(base.event, d.event, places)
    if base.victims is None or (
        d.victims is not None
        and base.victims.text.lower() not in UNNAMED_VICTIMS
        and d.victims.text.lower() in UNNAMED_VICTIMS
    ):
        base.victims = d.victims


def merge_incidents(doc: Doc, kept: list[Draft]) -> bool:
    """The headline, the lede and a recap of one attack are one event: an asserted
    ASSAULT of the same kind, at the same place on the same day as an earlier one, with
    no other toll (unless told as an update) and the same side (or none named in
    either), is merged into it, its sentence kept in ``reports``. Distinct incidents stay apart: another kind, place or
    day, or "in another development". Whether any was merged."""
    merged = False
    seen: list[Draft] = []
    for d in kept:
        ev = d.event
        if ev.type != "ASSAULT" or ev.modality != "asserted" or not ev.mode or not ev.locations:
            continue
        for base in seen:
            bev = base.event
            if base.sent == d.sent or d.fresh or bev.mode != ev.mode or bev.date != ev.date:
                continue
            if not _same_scene(bev, ev) or not compatible(bev, ev):
                continue
            if bool(bev.actors) != bool(ev.actors):
                continue  # one names who did it, the other does not: maybe another attack
            if ev.killed is not None and bev.killed is not None and ev.killed != bev.killed:
                a, b = doc.sent_tok[d.sent]
                if not TOLL_UPDATE.intersection(doc.words[a:b]):
                    continue
            merge_drafts(base, d)
            d.bare = merged = True
            break
        else:
            seen.append(d)
    return merged


def _same_scene(base: Event, new: Event) -> bool:
    """The same first place, or each first place among the other's places, at city
    precision or finer for at least one of them."""
    b0, n0 = base.locations[0], new.locations[0]
    if b0.id == n0.id:
        return b0.precision in ("city", "point") or (
            b0.precision == n0.precision == "admin1" and bool(base.actors or new.actors)
        )
    ids_b = {loc.id for loc in base.locations}
    ids_n = {loc.id for loc in new.locations}
    return n0.id in ids_b and b0.id in ids_n and "city" in (b0.precision, n0.precision)


def merge_same_toll(kept: list[Draft]) -> None:
    """The headline and the lede often report one attack twice ("Assad regime kills 18
    civilians" ... "18 civilians were killed when a missile struck"): the same toll, a
    compatible place and kind make them one event (the later one is marked ``bare``)."""
    seen: list[Draft] = []
    for d in kept:
        ev = d.event
        if ev.type != "ASSAULT" or not ev.killed or ev.killed < 2 or ev.modality != "asserted":
            continue
        for base in seen:
            bev = base.event
            if bev.killed == ev.killed and compatible(bev, ev):
                had_mode = bev.mode
                merge_drafts(base, d)
                if ev.mode and (not had_mode or bev.rule.startswith("assault.toll")):
                    bev.mode = ev.mode
                d.bare = True
                break
        else:
            seen.append(d)


def accuse_targets(kept: list[Draft]) -> None:
    """ "Iraq condemned the strike": the target is who carried out the strike."""
    last_assault: Event | None = None
    for d in kept:
        ev = d.event
        if ev.type == "ASSAULT" and ev.actors and ev.modality == "asserted":
            last_assault = ev
        elif (
            ev.type in ("ACCUSE", "PROTEST", "REJECT")
            and not ev.targets
            and last_assault
            and ev.rule.startswith("accuse")
            and {p.id for p in ev.actors} != {p.id for p in last_assault.actors}
        ):
            ev.targets = list(last_assault.actors)
