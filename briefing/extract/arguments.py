"""Actors and targets from the sequence of mentions around a trigger: the "by" phrase of
a passive, the modifier of a nominal trigger, the subject of an active verb, the object
or "on/against" phrase, "ISIS-held"; compounds joined by "and" or commas. CONSULT puts
every party in ``actors``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.patterns import Hit
from briefing.extract.triggers import CONSULT_PARTY_TYPES
from briefing.extract.vocab import (
    ACTIVE_TOLL,
    ASSOC,
    ATTACKER_NOUNS,
    BE,
    BEFORE_BY,
    COMBAT_VERBS,
    FRIENDLY_PREP,
    GENERIC_GROUPS,
    HOSTILE_PREP,
    INFINITIVE_OK,
    LIGHT,
    OWNED_BY,
    PREP,
    PRONOUNS,
    QUANTITY,
    TARGET_PREP,
)
from briefing.model import Participant

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed


# Event types whose targets follow "on", "against", "at" ("shelling of Aleppo"); the
# others' follow "to", "for", "with" ("aid to Kobani", "talks with Turkey").
HOSTILE = frozenset(["ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT", "PROTEST"])


def groups_before(
    ms: list[Placed],
    k: int,
    lo: int,
    words: list[str],
    limit: int = 12,
    kmax: int = 0,
    prep_check: bool = True,
) -> list[Placed]:
    """The nearest group of actor mentions ending before token k (compounds included);
    a mention that runs into the trigger ("Syrian warplanes" + "warplanes bombed") counts."""
    kmax = max(k, kmax)
    cand = [
        x
        for x in ms
        if x.i < k
        and x.j <= kmax
        and x.i >= lo
        and not x.speaker
        and not x.skip
        and not x.held
        and not x.counted
    ]
    # "the Syrian Army alongside a volunteer militia has killed": the militia assists
    while len(cand) > 1 and any(w in ASSOC for w in words[max(lo, cand[-1].i - 3) : cand[-1].i]):
        cand.pop()
    if not cand:
        return []
    last = cand[-1]
    if k - last.j > limit:
        return []
    if prep_check and last.i > lo and words[last.i - 1] in PREP:
        return []
    group = [last]
    for x in reversed(cand[:-1]):
        gap = words[x.j : group[0].i]
        if len(gap) <= 2 and all(g in ("and", ",", "&", "or", "as", "well") for g in gap):
            if prep_check and x.i > lo and words[x.i - 1] in PREP:
                break
            group.insert(0, x)
        else:
            break
    return group


def group_after(
    ms: list[Placed], k: int, hi: int, words: list[str], limit: int = 6
) -> list[Placed]:
    cand = [x for x in ms if x.i >= k and x.j <= hi and not x.speaker and not x.skip]
    if not cand or cand[0].i - k > limit:
        return []
    group = [cand[0]]
    for x in cand[1:]:
        gap = words[group[-1].j : x.i]
        if len(gap) <= 2 and all(g in ("and", ",", "&", "or") for g in gap):
            group.append(x)
        else:
            break
    return group


def is_actorish(x: Placed) -> bool:
    e = x.m.entity
    if (x.m.sector or e.sector) in ("MED", "CVL") and e.type != "state":
        return False  # news agencies report, civilians are victims: neither is an actor
    return x.kind == "actor" or (e.kind == "place" and e.type == "country")


def _modifier_gap(gap: list[str]) -> bool:
    """Words between an actor and its nominal trigger: "Russian [and regime] airstrikes"."""
    for g in gap:
        if g in BE or g in LIGHT or g in PREP or not g[:1].isalnum() and g not in ("'s", "’s"):
            return False
        if g.endswith("ed") and "-" not in g:
            return False
    return True


def passive_at(words: list[str], h: Hit, sa: int, sb: int) -> bool:
    """A verb trigger read as passive: "was bombed", "were killed by", "groups targeted in",
    "had been killed"."""
    if h.i - 1 >= sa and words[h.i - 1] == "been" and not words[h.i].endswith("ing"):
        return True
    k = h.i - 1
    while k >= sa and words[k] in (
        "not",
        "also",
        "reportedly",
        "allegedly",
        "being",
        "been",
        "later",
        "all",
    ):
        k -= 1
    if k >= sa and words[k] in BE and not words[h.i].endswith("ing"):
        return True
    if h.j < sb and words[h.j] == "by":
        return True
    last = words[h.j - 1]
    return (
        last.endswith("ed")
        and h.j < sb
        and words[h.j] in ("in", "during")
        and k >= sa
        and words[k] not in PRONOUNS
    )


@dataclass(slots=True)
class Arguments:
    """Who did it and to whom, as one clause reads, and how it read them."""

    actors: list[Placed]
    targets: list[Placed]
    passive: bool
    pos: str  # the anchor's part of speech, "verb-light" after "carried out" ...
    k0: int  # where the subject was looked for (the light verb, else the anchor)


def arguments(
    doc: Doc,
    sa: int,
    sb: int,
    typ: str,
    hs: list[Hit],
    anchor: Hit,
    sent_ms,
    seg_ms,
    emb,
    embed_hit,
) -> Arguments | None:
    """The actors and targets of one event (see the module docstring); None when a
    CONSULT finds fewer than two parties."""
    words = doc.words
    rule = anchor.rule
    actorish = [x for x in seg_ms if is_actorish(x) and not x.speaker and not x.skip]
    ai, aj = anchor.i, anchor.j
    actors: list[Placed] = []
    targets: list[Placed] = []
    pos = rule.pos
    passive_hits = [
        h for h in hs if h.rule.pos in ("verb", "toll") and passive_at(words, h, sa, sb)
    ]
    passive = anchor in passive_hits or (pos == "noun" and bool(passive_hits))
    # 1. a "by" phrase right after a trigger of the group (of the anchor but for ASSAULT)
    for h in hs if typ == "ASSAULT" else [anchor]:
        k = h.j
        while k < sb and k < h.j + 3 and words[k] in BEFORE_BY:
            k += 1
        if k < sb and words[k] == "by":
            grp = group_after(actorish, k + 1, sb, words, limit=3)
            if grp:
                actors = grp
                break
    if typ == "ASSAULT" and not actors:
        # "a suicide bomber from the Nusra Front", "gunmen from IS"
        for h in hs:
            if words[h.j - 1] in ATTACKER_NOUNS and h.j < sb and words[h.j] in ("from", "of"):
                grp = group_after(actorish, h.j + 1, sb, words, limit=2)
                if grp:
                    actors = grp
                    break
    lo_subject = sa
    if typ == "ASSAULT" and emb == "alleged" and embed_hit is not None:
        # "X accused Y of shelling": Y is the alleged actor
        grp = group_after(actorish, embed_hit.j, ai, words, limit=4)
        if grp:
            actors = grp
        lo_subject = ai
    k0 = ai  # where the subject is looked for
    if not actors and pos == "noun":
        # modifier of a nominal trigger: "Syrian warplanes", "Russia's bombing", "US strikes"
        grp = [
            x
            for x in actorish
            if x.i < ai
            and x.j <= aj
            and ai - x.j <= 3
            and not x.held
            and _modifier_gap(words[x.j : ai])
        ]
        # "attacks on Syrian positions" names a target; "a series of Russian air strikes"
        # still names who struck
        grp = [
            x
            for x in grp
            if not (
                x.i > sa
                and words[x.i - 1] in TARGET_PREP
                and not (words[x.i - 1] == "of" and x.i - 1 > sa and words[x.i - 2] in QUANTITY)
            )
        ]
        if grp:
            actors = groups_before(actorish, grp[-1].j, sa, words, prep_check=False)
        else:
            # a light verb before it: "X carried out an airstrike", "launched a string of"
            for k in range(ai - 1, max(sa - 1, ai - 8), -1):
                w = words[k]
                if w in (",", ";", "(", ")", "by", "in", "on") or any(
                    x.i <= k < x.j for x in actorish
                ):
                    break
                if w in LIGHT:
                    pos = "verb-light"
                    k0 = k
                    if (
                        k - 1 >= sa
                        and words[k - 1] == "to"
                        and (k - 2 < sa or words[k - 2] not in INFINITIVE_OK)
                    ):
                        pass
                    break
    if not actors and not passive and pos in ("verb", "verb-light", "toll"):
        grp = groups_before(actorish, k0, max(lo_subject, k0 - 12), words, kmax=aj)
        # a pronoun between the subject candidate and the verb is the subject
        pron_k = None
        for k in range(max(sa, k0 - 3), k0):
            if words[k] in PRONOUNS:
                pron_k = k
        if pron_k is not None and (not grp or grp[-1].j <= pron_k):
            spk = [x for x in sent_ms if x.speaker and is_actorish(x) and x.j <= pron_k]
            grp = spk[-1:] if spk else []
        if grp and not (pos == "toll" and ai - grp[-1].j > 4):
            actors = grp
    if typ == "ASSAULT" and not actors:
        # "Kurdish forces killed 175 ... in an offensive": the subject of an active toll verb
        for h in hs:
            if h.rule.pos == "toll" and h not in passive_hits and words[h.i] in ACTIVE_TOLL:
                grp = groups_before(actorish, h.i, max(sa, h.i - 6), words)
                # "killed X for the US military and wounded nine": a verb coordinated
                # with an earlier one shares its subject, not the words before it
                if grp and h.i - grp[-1].j <= 3 and words[h.i - 1] not in ("and", ","):
                    actors = grp
                    break
    if typ == "ASSAULT" and not actors and (aj < sb and words[aj] == "between"):
        # "clashes between A and B": every side is an actor (PLOVER's two-sided events)
        actors = group_after(actorish, aj + 1, sb, words, limit=2)
    elif typ == "ASSAULT" and not actors and words[aj - 1] == "between":
        actors = group_after(actorish, aj, sb, words, limit=2)  # "fighting between A and B"
    if typ == "ASSAULT" and not actors and passive:
        # "40 insurgents were killed as YPG forces advanced": who advanced killed them
        for k in range(aj, min(sb, aj + 8)):
            if words[k] in ("as", "when", "while"):
                verb = next(
                    (v for v in range(k + 2, min(sb, k + 12)) if words[v] in COMBAT_VERBS), None
                )
                if verb is not None:
                    grp = groups_before(actorish, verb, k + 1, words, limit=3, prep_check=False)
                    actors = [x for x in grp if not x.counted]
                break
    if (
        typ == "ASSAULT"
        and not actors
        and aj < sb
        and words[aj] == "with"
        and rule.mode == "firearms"
        and any(x.counted for x in seg_ms)
    ):
        # "50 Jaysh al-Fateh terrorists killed in clashes with the Syrian army": the side
        # the counted dead fought is the one that killed them
        actors = [x for x in group_after(actorish, aj + 1, sb, words, limit=2) if not x.counted]
    hostile = typ in HOSTILE
    preps = HOSTILE_PREP if hostile else FRIENDLY_PREP
    cands = [x for x in actorish if x.kind == "actor"] if typ == "ASSAULT" else actorish
    if typ != "CONSULT":
        if passive:
            ph = passive_hits[0] if passive_hits else anchor
            grp = groups_before(cands, ph.i, sa, words, limit=8)
            targets = [x for x in grp if x not in actors]
        else:
            grp = []
            k = aj
            while (
                k < sb and k < aj + 4 and words[k] not in preps and not any(x.i == k for x in cands)
            ):
                if words[k] in PREP or words[k] in (",", ";", "."):
                    break
                k += 1
            if k < sb and (words[k] in preps or any(x.i == k for x in cands)):
                grp = group_after(cands, k + 1 if words[k] in preps else k, sb, words, limit=4)
            targets = [x for x in grp if x not in actors]
        for x in seg_ms:
            if x.held and x.kind == "actor" and x not in actors and x not in targets and x.i >= ai:
                targets.append(x)
        if typ == "ASSAULT":  # "25 Nusra fighters were killed": the counted are victims
            targets += [x for x in seg_ms if x.counted and x not in actors and x not in targets]
            # "facilities at a border control point used by Kataib Hezbollah and Kataib
            # Sayyid al-Shuhada": who used what was hit was hit
            for k in range(aj, sb - 1):
                if (words[k], words[k + 1]) in OWNED_BY:
                    grp = group_after(cands, k + 2, sb, words, limit=2)
                    targets += [x for x in grp if x not in actors and x not in targets]
                    break
    else:
        parties = []
        for x in actorish:
            if x.kind != "actor" and not (x.j <= ai):
                continue  # a country after the verb is a topic or a venue, not a party
            prev = words[x.i - 1] if x.i > sa else ""
            if prev == "the" and x.i - 1 > sa:
                prev = words[x.i - 2]
            if prev in ("at", "in", "of", "on", "about", "over", "from", "for", "against", "into"):
                continue
            if x.m.entity.type in CONSULT_PARTY_TYPES or x.j <= ai:
                parties.append(x)
        if rule.id == "consult.told":
            parties = [x for x in parties if x.m.entity.type in CONSULT_PARTY_TYPES]
            spk = [
                x
                for x in sent_ms
                if x.speaker and x.j <= ai and x.m.entity.type in CONSULT_PARTY_TYPES and not x.skip
            ]
            if spk and spk[-1] not in parties:
                parties.insert(0, spk[-1])
            if len(parties) < 2:
                return None
        actors = parties
    if typ in ("CONSULT",) and not actors:
        return None
    return Arguments(actors, targets, passive, pos, k0)


def appositives_out(group: list[Placed]) -> list[Placed]:
    """ "the Nusra Front terrorist group": a generic group right after a named one is the
    same group, not another party."""
    out: list[Placed] = []
    for x in group:
        if (
            out
            and x.i == out[-1].j
            and x.m.entity.id in GENERIC_GROUPS
            and out[-1].m.entity.id not in GENERIC_GROUPS
        ):
            continue
        out.append(x)
    return out


def dedupe(ps: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in ps:
        key = p.id or p.name
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
