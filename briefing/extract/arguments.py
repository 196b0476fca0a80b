"""Actors and targets from the sequence of mentions around a trigger: the "by" phrase of
a passive, the modifier of a nominal trigger, the subject of an active verb, the object
or "on/against" phrase, "ISIS-held"; compounds joined by "and" or commas. CONSULT puts
every party in ``actors``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from briefing.extract.patterns import Hit
from briefing.extract.triggers import CONSULT_PARTY_TYPES
from briefing.extract.vocab import (
    ACTIVE_TOLL,
    ASSOC,
    ATTACKER_NOUNS,
    ATTRIBUTIVE,
    BE,
    BEFORE_BY,
    BLAME,
    COMBAT_VERBS,
    DETERMINERS,
    FRIENDLY_PREP,
    GENERIC_GROUPS,
    HOSTILE_PREP,
    LIGHT,
    OWNED_BY,
    OWNED_FIRST,
    PARTITIVE,
    PLACE_NOUNS,
    PREP,
    PRONOUNS,
    QUANTITY,
    REPEL_VERBS,
    SETTLEMENT_NOUNS,
    TARGET_PREP,
    UNARMED_BODIES,
    incident_head,
)
from briefing.gazetteer import load as load_gazetteer
from briefing.model import Participant
from briefing.text.numbers import COUNT_WORDS
from briefing.text.tokens import key as name_key

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed


# Event types whose targets follow "on", "against", "at" ("shelling of Aleppo"); the
# others' follow "to", "for", "with" ("aid to Kobani", "talks with Turkey").
HOSTILE: Final = frozenset(
    ["ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT", "PROTEST"]
)


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
    # ("the Syrian army backed by Hezbollah resistance fighters has thwarted")
    while len(cand) > 1 and _associate(words, max(lo, cand[-1].i - 4), cand[-1].i):
        cand.pop()
    if not cand:
        return []
    last = cand[-1]
    if k - last.j > limit:
        return []
    if prep_check and last.i > lo and after_prep(words, last.i, lo):
        # "Taliban fighters in the southern Afghan province of Helmand attacked": a name
        # in a phrase of place between the subject and its verb
        while cand and _in_place_phrase(words, cand[-1], lo):
            cand.pop()
        if not cand or cand[-1] is last:
            return []
        last = cand[-1]
        if k - last.j > limit or (last.i > lo and after_prep(words, last.i, lo)):
            return []
    group = [last]
    start = last.i
    for x in reversed(cand[:-1]):
        gap = words[x.j : start]
        if len(gap) == 1 and gap[0] in _ATTRIBUTIVE_WORDS:
            start = x.i  # "Al-Qa'idah affiliated jihadist group": a modifier of the group
            continue
        if len(gap) <= 4 and all(g in _JOINING for g in gap) and gap != ["the"]:
            if prep_check and x.i > lo and words[x.i - 1] in PREP:
                break
            group.insert(0, x)
            start = x.i
        else:
            break
    return group


# words between the parts of one group of actors: "Hamas and Islamic Jihad", "the RSF
# and the army", "the army as well as militias"; an article alone joins nothing
_JOINING: Final = frozenset(("and", ",", "&", "or", "as", "well", "the"))

# attributive endings written as words of their own ("Iran backed", "Qaeda affiliated")
_ATTRIBUTIVE_WORDS: Final = frozenset(w.lstrip("-") for w in ATTRIBUTIVE)


def _associate(words: list[str], lo: int, i: int) -> bool:
    """An associate word ("backed", "alongside") in words[lo:i], past no comma."""
    for k in range(i - 1, lo - 1, -1):
        if words[k] in (",", ";"):
            return False
        if words[k] in ASSOC:
            return True
        if words[k] in ("to", "with") and k - 1 > lo and words[k - 1] in _LINKED:
            # "The TTP, linked to the Afghan Taliban, claimed": the TTP (but "terrorists
            # affiliated with al-Nusra fired": al-Nusra's)
            return words[k - 2] == ","
    return False


_LINKED: Final = frozenset(["linked", "affiliated", "allied", "tied", "connected", "close"])


def _word_before(words: list[str], i: int, lo: int) -> int:
    """The word before token ``i`` past articles and bearings ("in the southern ...")."""
    k = i - 1
    while k > lo and (words[k] in ("the", "a", "an") or words[k] in _BEARING_ADJECTIVES):
        k -= 1
    return k


def _in_place_phrase(words: list[str], x: Placed, lo: int) -> bool:
    """The mention ``x`` is in a phrase of place: "in the southern Afghan province of",
    "near the Syrian border", "from Somalia" (a country by its name: "jet fighters from
    the Syrian regime" are the regime's)."""
    k = _word_before(words, x.i, lo)
    if words[k] == "from":
        return x.m.sector is None and x.m.entity.type in ("state", "country")
    return words[k] in ("in", "near", "at", "around", "inside", "outside", "across")


def _prep_before(words: list[str], i: int, lo: int) -> bool:
    """A preposition right before token ``i``: a combat word there is a noun ("killed in
    clashes"), with no subject of its own."""
    return i > lo and words[i - 1] in PREP


def after_prep(words: list[str], i: int, lo: int) -> bool:
    """Whether the mention at token ``i`` follows a preposition, articles between ("an
    attack on an MSF clinic": the clinic's owner is no subject)."""
    k = _word_before(words, i, lo)
    if words[k] == "by":
        return False  # "mines planted by the Daesh group have killed": the agent
    if words[k] == "to" and k > lo and words[k - 1] in ("belonging", "belong", "belonged"):
        return False  # "bombers suspected of belonging to Boko Haram killed 9": theirs
    if words[k] == "of" and k > lo and (words[k - 1] in PARTITIVE or words[k - 1] in QUANTITY):
        return False  # "members of the security forces were killed"
    return words[k] in PREP


def group_after(
    ms: list[Placed], k: int, hi: int, words: list[str], limit: int = 6
) -> list[Placed]:
    cand = [x for x in ms if x.i >= k and x.j <= hi and not x.speaker and not x.skip]
    if not cand or cand[0].i - k > limit:
        return []
    group = [cand[0]]
    end = cand[0].j
    for x in cand[1:]:
        gap = words[end : x.i]
        if gap == ["("] and x.j < hi and words[x.j] == ")":
            end = x.j + 1  # "the Arakan Army (AA) and ARSA": the name's abbreviation
            continue
        # "between the army and the RSF": an article may open the next one
        if gap[-1:] in (["the"], ["a"]):
            gap = gap[:-1]
        if not gap and end > group[-1].j:
            break  # ("the Syrian Democratic Forces (SDF) a coalition of ...": apposition)
        if len(gap) <= 2 and all(g in ("and", ",", "&", "or") for g in gap):
            group.append(x)
            end = x.j
        else:
            break
    return group


def is_actorish(x: Placed) -> bool:
    e = x.m.entity
    if (x.m.sector or e.sector) in ("MED", "CVL") and e.type != "state":
        return False  # news agencies report, civilians are victims: neither is an actor
    return x.kind == "actor" or (e.kind == "place" and e.type == "country")


# Sectors that never carry out an attack: aid groups, rights groups, churches and firms
# are hit, report or condemn
UNARMED: Final = frozenset(["NGO", "REL", "BUS", "MED", "CVL"])


def can_attack(x: Placed) -> bool:
    e = x.m.entity
    if e.id in UNARMED_BODIES:
        return False
    sector = x.m.sector or e.sector
    if e.type == "person" and sector == "IGO":
        return False  # the UN's envoy or relief chief speaks of attacks, never carries one out
    return sector not in UNARMED or e.type == "state"


def _modifier_gap(gap: list[str]) -> bool:
    """Words between an actor and its nominal trigger: "Russian [and regime] airstrikes",
    "Kurdistan Workers' Party (PKK) attack" (the abbreviation in brackets is the name's)."""
    for g in gap:
        if g in BE or g in LIGHT or g in PREP or not g[:1].isalnum() and g not in ("'s", "’s", ")"):
            return False
        if g.endswith("ed") and "-" not in g:
            return False
    return True


# nouns of members before the group they belong to: "Fighters of the Arakan Army"
ATTACKER_HEADS: Final = frozenset(
    ("fighters", "members", "militants", "gunmen", "troops", "soldiers", "units", "elements")
)

# combat verbs with no passive: "X clashed in Y" is X's doing
_INTRANSITIVE: Final = frozenset(
    ("clashed", "skirmished", "fought", "battled", "advanced", "retreated", "rebelled")
)


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
        and last not in _INTRANSITIVE  # "Troops and rebels clashed in Daraa": no passive
        and h.j < sb
        and words[h.j] in ("in", "during")
        and k >= sa
        and words[k] not in PRONOUNS
    )


@dataclass(slots=True, init=False)
class Arguments:
    """Who did it and to whom, as one clause reads, and how it read them."""

    actors: list[Placed]
    targets: list[Placed]
    passive: bool
    pos: str  # the anchor's part of speech, "verb-light" after "carried out" ...
    k0: int  # where the subject was looked for (the light verb, else the anchor)

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        actors: list[Placed],
        targets: list[Placed],
        passive: bool,
        pos: str,
        k0: int,
    ) -> None:
        self.actors = actors
        self.targets = targets
        self.passive = passive
        self.pos = pos
        self.k0 = k0


@dataclass(slots=True, init=False)
class _Clause:
    """What every step reads: the clause ``words[sa:sb]``, its group of trigger hits and
    their anchor, and the mentions in it that can act (no speakers, no modifiers)."""

    words: list[str]
    sa: int
    sb: int
    hs: list[Hit]
    anchor: Hit
    actorish: list[Placed]
    passive_hits: list[Hit]  # the verb and toll hits read as passive
    speech: frozenset[str]  # verbs of saying
    place_tokens: frozenset[int]  # the tokens of the places named in the clause

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        words: list[str],
        sa: int,
        sb: int,
        hs: list[Hit],
        anchor: Hit,
        actorish: list[Placed],
        passive_hits: list[Hit],
        speech: frozenset[str] = frozenset(),
        place_tokens: frozenset[int] = frozenset(),
    ) -> None:
        self.speech = speech
        self.place_tokens = place_tokens
        self.words = words
        self.sa = sa
        self.sb = sb
        self.hs = hs
        self.anchor = anchor
        self.actorish = actorish
        self.passive_hits = passive_hits


def arguments(
    doc: Doc,
    sa: int,
    sb: int,
    typ: str,
    hs: list[Hit],
    anchor: Hit,
    sent_ms: list[Placed],
    seg_ms: list[Placed],
    emb: str | None,
    embed_hit: Hit | None,
) -> Arguments | None:
    """The actors and targets of one event (see the module docstring); None when a
    CONSULT finds fewer than two parties."""
    words = doc.words
    c = _Clause(
        words,
        sa,
        sb,
        hs,
        anchor,
        actorish=[
            x
            for x in seg_ms
            if is_actorish(x)
            and not x.speaker
            and not x.skip
            and not _disguise(words, x.i)  # "bandits dressed as police reservists"
            # "Somali suicide bombing kills 20": where the bomb went off, no state's
            and not (_demonym(x) and x.j < sb and words[x.j] in _BOMBING_HEADS)
            # "Iraq bombs kill 21", "Kenya bus attack: ...": where, not who
            and not (
                (
                    x.kind == "place"
                    or (  # the country's name, not its demonym ("Russian bombs killed")
                        x.m.entity.type == "state"
                        and x.m.sector is None
                        and x.m.text.casefold() == x.m.entity.name.casefold()
                    )
                )
                and incident_head(words, x.j)
            )
        ],
        passive_hits=[
            h for h in hs if h.rule.pos in ("verb", "toll") and passive_at(words, h, sa, sb)
        ],
        speech=doc.lex.speech,
        place_tokens=frozenset(t for x in seg_ms if x.kind == "place" for t in range(x.i, x.j)),
    )
    nominal = anchor.rule.pos == "noun" or _prep_before(words, anchor.i, sa)
    passive = anchor in c.passive_hits or (nominal and bool(c.passive_hits))
    actors, pos, k0 = _actors(c, typ, passive, sent_ms, seg_ms, emb, embed_hit)
    hit_sides: list[Placed] = []
    if typ == "ASSAULT":
        armed = [x for x in actors if can_attack(x)]
        if armed:  # "clashes between herders and farmers": the farmers are hit
            hit_sides = [x for x in actors if x not in armed and x.m.entity.id == CIVILIANS]
        actors = armed
    if typ == "CONSULT":
        parties = consult_parties(c, sent_ms)
        if not parties:
            return None
        return Arguments(parties, [], passive, pos, k0)
    targets = _targets(c, typ, passive, actors, seg_ms)
    targets += [x for x in hit_sides if x not in targets]
    return Arguments(actors, targets, passive, pos, k0)


CIVILIANS: Final = "actor:civilians"  # the generic of roles.toml


def _actors(
    c: _Clause,
    typ: str,
    passive: bool,
    sent_ms: list[Placed],
    seg_ms: list[Placed],
    emb: str | None,
    embed_hit: Hit | None,
) -> tuple[list[Placed], str, int]:
    """Who did it, from the first reading that names someone, in order: the "by" phrase,
    "a bomber from X" (the accused of "accused X of shelling" wins over both), the
    modifier of a nominal trigger, the subject of an active verb (or of a light verb before a nominal
    trigger), and for an ASSAULT the subject of an active toll verb, the sides of
    "clashes between", who advanced as the dead fell, the side the dead clashed with.
    Also the anchor's part of speech and where its subject was looked for."""
    assault = typ == "ASSAULT"
    actors = by_phrase(c, c.hs if assault else [c.anchor])
    if assault and not actors:
        actors = attacker_origin(c)
    if assault and not actors:  # "Clashes between the army and the RSF killed 30"
        actors = two_sides(c, seg_ms)
    lo_subject = c.sa
    if assault and emb == "alleged" and embed_hit is not None:
        actors = accused(c, embed_hit) or actors
        lo_subject = c.anchor.i
    pos, k0 = c.anchor.rule.pos, c.anchor.i
    if pos == "verb" and (gerund_noun(c) or _prep_before(c.words, c.anchor.i, c.sa)):
        pos = "noun"  # "Russia condemned the bombing", "killed in clashes": a noun, no subject's
    if assault and not actors and in_phrase(c):
        actors = toll_subject(c)  # "Syrian troops killed 32 rebels in an ambush"
    if not actors and pos == "noun":
        modifiers = nominal_modifiers(c)
        if modifiers:
            actors = groups_before(c.actorish, modifiers[-1].j, c.sa, c.words, prep_check=False)
        else:
            light = light_verb_before(c)
            if light is not None:
                pos, k0 = "verb-light", light
    if assault and not actors and pos == "noun":
        actors = group_in_attack(c)  # "Boko Haram in fresh attack in Borno, kills 17"
    if assault and not actors and pos == "noun" and claimed_attack(c):
        actors = reported_speaker(sent_ms, c.sa)  # "IS claims Iraq suicide bombing"
    if not actors and not passive and pos in ("verb", "verb-light", "toll") and not counted_toll(c):
        actors = active_subject(c, first_of_chain(c, k0), lo_subject, pos, sent_ms)
    if not actors and passive and pos == "verb-light" and (w := when_clause(c, k0)) is not None:
        # "20 soldiers were killed when the Arakan Army staged attacks on two bases" (not
        # the dead's own side: "29 opposition fighters were killed when rebels launched a
        # fruitless assault")
        dead = dead_sides(c)
        actors = [
            x for x in active_subject(c, k0, w + 1, pos, sent_ms) if x.m.entity.id not in dead
        ]
    if assault and not actors:
        actors = toll_subject(c)
    if assault and not actors and pos == "toll":
        actors = participle_subject(c)
    if assault and not actors and pos == "noun":
        actors = campaign_subject(c)
    if assault and not actors:
        actors = two_sides(c, seg_ms)
    if assault and not actors and (passive or pos == "toll"):
        actors = advancing_side(c)  # "Dozens killed as al-Shabaab storms army base"
    if assault and not actors:
        actors = clash_opponent(c, seg_ms)
    if assault and not actors:  # "Clashes near Tikrit as Iraqi troops strike back"
        for h in c.hs:
            if (
                h is not c.anchor
                and h.rule.pos == "verb"
                and h not in c.passive_hits
                and not _prep_before(c.words, h.i, c.sa)  # "killed in clashes": a noun
            ):
                actors = active_subject(c, h.i, max(c.sa, h.i - 6), "verb", sent_ms)
                if actors:
                    break
    return actors, pos, k0


def when_clause(c: _Clause, k: int) -> int | None:
    """The "when", "as", "after" or "while" that opens a clause of its own between the
    passive verbs of the clause and token ``k``: where that clause's subject starts."""
    words = c.words
    lo = max((h.j for h in c.passive_hits if h.j <= k), default=-1)
    if lo < 0:
        return None
    for m in range(k - 1, lo - 1, -1):
        if words[m] in ("when", "as", "after", "while"):
            return m
    return None


def first_of_chain(c: _Clause, k0: int) -> int:
    """ "The army killed scores of militants in Idlib and targeted IS strongholds": a verb
    joined by "and" to an earlier active verb shares its subject, not that verb's object."""
    if k0 - 1 <= c.sa or c.words[k0 - 1] != "and":
        return k0
    for h in c.hs:
        if h.i < k0 - 1 and h.rule.pos in ("verb", "toll") and h not in c.passive_hits:
            return h.i
    return k0


def counted_toll(c: _Clause) -> bool:
    """ "Kurdish police put the death toll at 16", "the ministry raised the toll to 40":
    who gives the toll counted the dead, they did not kill them."""
    return c.anchor.rule.pos == "toll" and c.words[c.anchor.j - 1] in ("toll", "tolls")


def gerund_noun(c: _Clause) -> bool:
    """A verb trigger in -ing used as a noun: "the bombing", "Saturday's shelling"."""
    words, ai = c.words, c.anchor.i
    if not words[ai].endswith("ing") or ai <= c.sa:
        return False
    k = ai - 1
    while k > c.sa and words[k] in (
        "suicide",
        "car",
        "deadly",
        "latest",
        "recent",
        "twin",
        "aerial",
    ):
        k -= 1
    return words[k] in DETERMINERS or words[k] in ("'s", "’s", "a", "an")


def in_phrase(c: _Clause) -> bool:
    """Whether the anchor trigger sits in a phrase after a toll verb ("killed 32 rebels in
    an ambush", "died in clashes"): the toll verb's subject is the clause's."""
    words, ai = c.words, c.anchor.i
    for k in range(ai - 1, max(c.sa - 1, ai - 5), -1):
        w = words[k]
        if w in ("in", "during", "through"):
            return any(h.rule.pos == "toll" and h.j <= k for h in c.hs)
        if w in (",", ";", "and", "by") or any(x.i <= k < x.j for x in c.actorish):
            return False
    return False


def by_phrase(c: _Clause, hs: list[Hit], repelled_side: bool = False) -> list[Placed]:
    """The "by" phrase right after a trigger: "was shelled by regime forces", "an attack
    carried out by ISIS"; with ``repelled_side``, that of an attack repelled ("thwarted an
    attack by terrorists"), which names no actor of the event."""
    words, sb = c.words, c.sb
    for h in hs:
        if repelled(c, h) != repelled_side:
            continue
        k = h.j
        while k < sb and k < h.j + 3 and words[k] in BEFORE_BY:
            k += 1
        if k < sb and words[k] != "by" and h in c.passive_hits:
            k = _by_after_adjuncts(c, k)  # "were killed in southern Lebanon by a Hezbollah missile"
        elif k < sb and words[k] in ("on", "in") and h.rule.pos == "noun":
            k = _by_after_scene(c, k)  # "an attack on a village in Niger by Boko Haram"
        if k < sb and words[k] == "by":
            grp = group_after(c.actorish, k + 1, sb, words, limit=3)
            if not grp and (m := past_members(words, k + 1, sb)) > k + 1:
                grp = group_after(c.actorish, m, sb, words, limit=1)  # "by suspected members of"
            if grp:
                return grp
            # "released by a helicopter belonging to the regime": the means' owner
            for m in range(k + 2, min(sb - 1, k + 6)):
                if (words[m], words[m + 1]) in OWNED_BY and (words[m], words[m + 1]) != (
                    "held",
                    "by",
                ):
                    grp = group_after(c.actorish, m + 2, sb, words, limit=2)
                    if grp:
                        return grp
                    break
    return []


def _by_after_adjuncts(c: _Clause, k: int) -> int:
    """Where a passive's "by" stands past a phrase of place or time ("killed in southern
    Lebanon on Sunday by ..."), else ``k``: only prepositions, places, days and their
    words between, no comma, no other trigger."""
    words, sb = c.words, c.sb
    if k >= sb or words[k] not in ("in", "on", "at", "near", "outside", "overnight"):
        return k
    hit_at = {t for h in c.hs for t in range(h.i, h.j)}
    for m in range(k + 1, min(sb, k + 9)):
        w = words[m]
        if w == "by":
            return m
        if m in hit_at or w in (",", ";", "and", "as", "when", "after", "while", "who", "that"):
            break
    return k


def _by_after_scene(c: _Clause, k: int) -> int:
    """Where a nominal trigger's "by" stands past what and where it hit ("an attack on a
    village in south-east Niger by ..."): only prepositions of place, articles, bearings,
    words of settlement and places between, else ``k``."""
    words, sb = c.words, c.sb
    places = c.place_tokens
    for m in range(k, min(sb, k + 10)):
        w = words[m]
        if w == "by":
            return m
        if not (m in places or w in _SCENE_WORDS or w in _BEARING_ADJECTIVES):
            break
    return k


_SCENE_WORDS: Final = SETTLEMENT_NOUNS | frozenset(
    ["on", "in", "at", "near", "a", "an", "the", "of", "its", "their", "camp", "market",
     "base", "convoy", "checkpoint", "post", "area", "district", "region", "province",
     "state", "county", "outskirts"]
)  # fmt: skip


def repelled(c: _Clause, h: Hit) -> bool:
    """ "thwarted an attack by terrorists", "repelled an assault by al-Shabaab": the
    nominal trigger is the object of a verb of defence, its "by" phrase the side repelled."""
    if h.rule.pos != "noun":
        return False
    words = c.words
    for k in range(h.i - 1, max(c.sa - 1, h.i - 5), -1):
        if words[k] in REPEL_VERBS:
            return True
        if words[k] in (",", ";", "by", "and"):
            return False
    return False


def attacker_origin(c: _Clause) -> list[Placed]:
    """ "a suicide bomber from the Nusra Front", "gunmen from IS": the attackers' group."""
    words, sb = c.words, c.sb
    for h in c.hs:
        if words[h.j - 1] in ATTACKER_NOUNS and h.j < sb and words[h.j] in ("from", "of"):
            grp = group_after(c.actorish, h.j + 1, sb, words, limit=2)
            if grp:
                return grp
    # "Fighters from the al-Shabab group attacked": a generic group of a named one, before
    # the trigger
    if c.passive_hits:
        return []  # "Seven militants from al-Nusra were killed": victims
    for x in c.actorish:
        if (
            x.i < c.anchor.i
            and x.j < sb
            and words[x.j] in ("from", "of")
            and x.m.entity.type == "armed_group"
            and not x.m.entity.country
            and not x.counted
            and not (x.i > c.sa and words[x.i - 1][:1].isdigit())
        ):
            grp = group_after(c.actorish, x.j + 1, c.anchor.i, words, limit=3)
            if grp and grp[0].m.entity.type == "armed_group" and grp[0].m.entity.country:
                return [y for y in grp if y.m.entity.type == "armed_group"]
    return []


def accused(c: _Clause, embed_hit: Hit) -> list[Placed]:
    """ "X accused Y of shelling": Y is the alleged actor; "officials blamed the attack on
    al-Shabaab": the one after "on"."""
    words = c.words
    if words[embed_hit.i] in BLAME:
        for k in range(c.anchor.j, min(c.sb, c.anchor.j + 4)):
            if words[k] in ("on", "upon"):
                return group_after(c.actorish, k + 1, c.sb, words, limit=4)
    return group_after(c.actorish, embed_hit.j, c.anchor.i, words, limit=4)


_ATTACK_ADJECTIVES: Final = frozenset(
    ["fresh", "new", "deadly", "latest", "another", "twin", "major", "overnight", "dawn",
     "night", "weekend", "suspected", "bloody", "brazen", "daring", "renewed", "suicide"]
)  # fmt: skip


def group_in_attack(c: _Clause) -> list[Placed]:
    """A headline's "Boko Haram in fresh attack", "Al-Shabaab in deadly raid on base": the
    group "in" the attack made it."""
    words = c.words
    k = c.anchor.i - 1
    while k > c.sa and words[k] in _ATTACK_ADJECTIVES:
        k -= 1
    if k <= c.sa or words[k] != "in":
        return []
    return [
        x
        for x in c.actorish
        if x.j == k and x.kind == "actor" and x.m.entity.type in ("armed_group", "state")
    ]


def nominal_modifiers(c: _Clause) -> list[Placed]:
    """The actors modifying a nominal trigger: "Syrian warplanes", "Russia's bombing",
    "US strikes"; not the target of "attacks on Syrian positions", though "a series of
    Russian air strikes" still names who struck."""
    words, sa = c.words, c.sa
    ai, aj = c.anchor.i, c.anchor.j
    fire = words[aj - 1] == "fire"  # "rebel fire", "Israeli fire": who fired is in the trigger
    grp = [
        x
        for x in c.actorish
        if (x.i < ai or (fire and x.i == ai and x.j < aj))
        and x.j <= aj
        and ai - x.j <= 3
        and not x.held
        and _modifier_gap(words[x.j : ai])
    ]
    return [
        x
        for x in grp
        if not (
            x.i > sa
            and words[x.i - 1] in TARGET_PREP
            and not (words[x.i - 1] == "of" and x.i - 1 > sa and words[x.i - 2] in QUANTITY)
        )
        and not where_not_who(c, x)
        # "16 killed in Mozambique insurgency attack", "in eastern Congo attack": where,
        # not who (not "in Russian airstrikes")
        and not (in_country_named(words, x, sa) and _named_not_demonym(x))
        # "in Nigerian village attack", "a Malian army camp attack": whose land, not who
        and not (_demonym(x) and x.j < ai and words[x.j] in SETTLEMENT_NOUNS)
    ]


def _named_not_demonym(x: Placed) -> bool:
    """A state named by a name of its country ("Congo", "Mozambique"), not a demonym."""
    e = x.m.entity
    return (
        e.type in ("state", "country")
        and x.m.sector is None
        and name_key(x.m.text) not in load_gazetteer().core.demonyms
    )


def in_country_named(words: list[str], x: Placed, sa: int) -> bool:
    """Whether ``x`` stands after "in", "near" or "at", past a bearing ("in eastern
    Congo attack")."""
    k = x.i - 1
    if k > sa and words[k] in _BEARING_ADJECTIVES:
        k -= 1
    return k >= sa and words[k] in ("in", "near", "at")


# what states seldom do: "Iraq suicide bombing", "Iraq car bombs" say where, not who
_NOT_STATE_MODES: Final = frozenset(["explosives", "suicide-attack", ""])


def names_a_place(c: _Clause, x: Placed) -> bool:
    """ "Iraq town of Jalawla", "Syria's biggest city", "Nigeria's northeast": a country's
    name before a place noun says where, not whom."""
    e = x.m.entity
    if e.type not in ("state", "country") or x.m.sector is not None:
        return False  # "Iraqi forces", "Iraq's army": parties
    words, k = c.words, x.j
    if k < c.sb and words[k] in ("'s", "’s", "s"):
        k += 1
    for n in range(3):
        if k + n >= c.sb:
            return False
        if words[k + n] in PLACE_NOUNS:
            return True
        if not words[k + n][:1].islower():
            return False
    return False


def _country_name(x: Placed) -> bool:
    """A state named by its country's name ("Iraq"), not by a demonym ("Iraqi")."""
    e = x.m.entity
    return (
        e.type == "state" and x.m.sector is None and (x.m.text == e.name or x.m.text in e.aliases)
    )


def _demonym(x: Placed) -> bool:
    e = x.m.entity
    return e.type == "state" and x.m.sector is None and x.m.text != e.name


_BOMB_MODES: Final = frozenset(["explosives", "suicide-attack"])
# (not "bombing" nor "bombs": "Russian bombing", "Syrian bombs" are air raids' and their
# state's)
_BOMBING_HEADS: Final = frozenset(
    ["suicide", "car", "truck", "roadside", "blast", "blasts", "explosion", "explosions"]
)  # fmt: skip


def light_verb_before(c: _Clause) -> int | None:
    """The light verb before a nominal trigger, whose subject is its actor: "X carried out
    an airstrike", "launched a string of raids"."""
    words, sa, ai = c.words, c.sa, c.anchor.i
    for k in range(ai - 1, max(sa - 1, ai - 8), -1):
        w = words[k]
        if w in (",", ";", "(", ")", "by", "in", "on"):
            return None
        if any(x.i <= k < x.j and not where_not_who(c, x) for x in c.actorish):
            return None
        if w in LIGHT:
            return k
    return None


def claimed_attack(c: _Clause) -> bool:
    """The clause is what a claim verb right before it claims: "IS claims Iraq bombing"."""
    words, sa = c.words, c.sa
    return (
        sa > 0
        and words[sa - 1] in ("claims", "claimed", "claim", "claiming")
        and words[sa] not in ("responsibility", "credit")  # the claims pass marks those
        and not any(x.i < c.anchor.i and not where_not_who(c, x) for x in c.actorish)
    )


def where_not_who(c: _Clause, x: Placed) -> bool:
    """ "IS claims Iraq suicide bombing": a country's name before a kind of attack states
    seldom carry out says where it was, not who did it; so does a demonym before a
    bombing ("Somali suicide bombing kills 20")."""
    mode = c.anchor.rule.mode
    if mode not in _NOT_STATE_MODES or x.j > c.anchor.i:
        return False
    if _demonym(x) and mode in _BOMB_MODES and c.words[x.j] in _BOMBING_HEADS:
        return True
    return _country_name(x) and (
        # (but "Russia bombs Aleppo": a verb right after the country, with its object)
        x.j < c.anchor.i or incident_head(c.words, x.j) or c.anchor.j >= c.sb
    )


def active_subject(
    c: _Clause, k0: int, lo_subject: int, pos: str, sent_ms: list[Placed]
) -> list[Placed]:
    """The subject before an active verb (or the light verb at ``k0``); a pronoun between
    it and the verb stands for the last speaker ("Russia said it bombed")."""
    words, sa = c.words, c.sa
    grp = groups_before(c.actorish, k0, max(lo_subject, k0 - 12), words, kmax=c.anchor.j)
    pron_k = None
    for k in range(max(sa, k0 - 3), k0):
        if words[k] in PRONOUNS or (
            words[k] in ("its", "their")
            and k + 1 < k0
            and words[k + 1] in _OWN_FORCES
            and words[k - 1] in c.speech
        ):  # ("the army said its forces shot down 30 drones")
            pron_k = k
    if pron_k is None and not grp:
        spk_k = speaker_subject(c, k0)
        if spk_k is not None:
            return reported_speaker(sent_ms, spk_k)
    if pron_k is not None and (not grp or grp[-1].j <= pron_k):
        grp = reported_speaker(sent_ms, pron_k)
    if grp and not (pos == "toll" and c.anchor.i - grp[-1].j > 4):
        return grp
    return []


_OWN_FORCES: Final = frozenset(
    ["forces", "troops", "soldiers", "fighters", "jets", "warplanes", "aircraft", "units",
     "army", "navy", "artillery", "drones", "defences", "defenses", "men", "militants"]
)  # fmt: skip


def speaker_subject(c: _Clause, k0: int) -> int | None:
    """Where the speaker stands in for the missing subject of a verb: "the army says
    retook the dam", "the army said it controls the refinery and has killed 70": a
    verb right after the verb of saying, or a clause that opens with a pronoun after
    one. The position to look for the speaker before, or None."""
    words, sa = c.words, c.sa
    k = k0 - 1
    while k >= sa and k0 - k <= 2 and words[k] in ("has", "have", "had", "also", "already"):
        k -= 1
    if k >= 0 and words[k] in c.speech:
        return k
    for k in range(max(0, sa - 1), min(k0, sa + 3)):
        if (
            words[k] in c.speech
            and k + 1 < k0
            and words[k + 1] in PRONOUNS
            and not any(w in (".", ";") for w in words[k + 1 : k0])
        ):
            return k + 1
    return None


def reported_speaker(sent_ms: list[Placed], pron_k: int) -> list[Placed]:
    """The speaker a pronoun at ``pron_k`` stands for: the last one before it."""
    spk = [x for x in sent_ms if x.speaker and is_actorish(x) and x.j <= pron_k]
    return spk[-1:] if spk else []


def participle_subject(c: _Clause) -> list[Placed]:
    """ "ISWAP fighters overran a base in Marte, killing 10 soldiers": a toll participle
    after a comma, or an active toll verb after "and" ("the SDF managed to advance on
    Tabqa and kill 47"), shares the subject that opens its clause (a name followed by a
    verb, never one after a preposition)."""
    words, sa, ai = c.words, c.sa, c.anchor.i
    if ai - 1 <= sa:
        return []
    before = words[ai - 1]
    if not (
        (before == "," and words[ai].endswith("ing"))
        or (before == "and" and words[ai] in ACTIVE_TOLL and c.anchor not in c.passive_hits)
    ):
        return []
    for x in c.actorish:
        if x.j >= ai - 1:
            continue
        k = x.i
        while k - 2 >= sa and words[k - 1] in ("the", "of") and words[k - 2] in ("of", "the"):
            k -= 2  # "Fighters of the Arakan Army overran ..., killing 20"
        if k > sa and words[k - 1] == "of" and words[k - 2] in ATTACKER_HEADS:
            k -= 2
        if k - sa > 2 and (before == "," or words[x.i - 1] in PREP or words[x.i - 2] in PREP):
            continue  # after a comma only the clause's opener; after "and" a subject anywhere
        k = x.j
        if k + 2 < ai and words[k] == "(" and words[k + 2] == ")":
            k += 3  # "the Syrian Democratic Forces (SDF) have managed to advance"
        nxt = words[k] if k < ai else ""
        if nxt and nxt[:1].islower() and nxt not in PREP and nxt not in ("and", "or", "of", "'s"):
            return [x]
    return []


def campaign_subject(c: _Clause) -> list[Placed]:
    """ "Al-Shabaab militants have recaptured the town in a major offensive": a nominal
    trigger in an "in a ..." phrase after a verb of combat is the campaign of that verb's
    subject, the name that opens the clause."""
    words, sa, ai = c.words, c.sa, c.anchor.i
    k = ai - 1
    while k > sa and words[k] not in ("in", "during") and ai - k <= 4:
        k -= 1
    if k <= sa or words[k] not in ("in", "during"):
        return []
    for x in c.actorish:
        if x.i - sa > 2 or x.j >= k:
            continue
        v = x.j
        while v < k and words[v] in ("have", "has", "had", "also"):
            v += 1
        if v < k and words[v] in COMBAT_VERBS:
            return [x]
    return []


def toll_subject(c: _Clause) -> list[Placed]:
    """ "Kurdish forces killed 175 ... in an offensive": the subject of an active toll
    verb; "killed X for the US military and wounded nine": a verb coordinated with an
    earlier one shares its subject, not the words before it."""
    words, sa = c.words, c.sa
    for h in c.hs:
        if h.rule.pos == "toll" and h not in c.passive_hits and words[h.i] in ACTIVE_TOLL:
            grp = groups_before(c.actorish, h.i, max(sa, h.i - 6), words)
            if grp and h.i - grp[-1].j <= 3 and words[h.i - 1] not in ("and", ",", "that", "which"):
                return grp
    return []


def two_sides(c: _Clause, seg_ms: list[Placed]) -> list[Placed]:
    """ "clashes between A and B", "fighting between A and B": every side is an actor
    (PLOVER's two-sided events), a community too ("clashes between herders and
    farmers")."""
    words, sb, aj = c.words, c.sb, c.anchor.j
    while aj < sb and words[aj] in _REPORTED:
        aj += 1  # "a clash has been reported between ..."
    if aj < sb and words[aj] == "between":
        k = aj + 1
    elif words[aj - 1] == "between":
        k = aj
    else:
        return []
    sides = [x for x in seg_ms if x.kind == "actor" and not x.speaker and not x.skip]
    grp = group_after(sides, k, sb, words, limit=2)
    if len(grp) == 1:  # "between nomadic herders and sedentary farmers": a word before each
        end = grp[0].j
        nxt = next((x for x in sides if x.i > end), None)
        if (
            nxt is not None
            and end < sb
            and words[end] == "and"
            and nxt.i - end <= 3
            and all(w.isalpha() for w in words[end + 1 : nxt.i])
        ):
            grp.append(nxt)
    return grp


_REPORTED: Final = frozenset(
    ["has", "have", "had", "been", "was", "were", "reported", "erupted", "broke", "breaks",
     "break", "out", "took", "place", "raged", "continued"]
)  # fmt: skip


def advancing_side(c: _Clause) -> list[Placed]:
    """ "40 insurgents were killed as YPG forces advanced": who advanced killed them (not
    the dead's own side: "29 opposition fighters were killed when rebels launched an
    assault")."""
    words, sb, aj = c.words, c.sb, c.anchor.j
    for k in range(aj, min(sb, aj + 8)):
        if words[k] in ("as", "when", "while"):
            verb = next(
                (v for v in range(k + 2, min(sb, k + 12)) if words[v] in COMBAT_VERBS), None
            )
            if verb is None:
                return []
            grp = groups_before(c.actorish, verb, k + 1, words, limit=3, prep_check=False)
            dead = dead_sides(c)
            return [x for x in grp if not x.counted and x.m.entity.id not in dead]
    return []


def dead_sides(c: _Clause) -> set[str]:
    """The sides named before the clause's first passive verb: the dead ("29 opposition
    fighters were killed ...")."""
    first = min((h.i for h in c.passive_hits), default=-1)
    return {x.m.entity.id for x in c.actorish if x.j <= first}


def clash_opponent(c: _Clause, seg_ms: list[Placed]) -> list[Placed]:
    """ "50 Jaysh al-Fateh terrorists killed in clashes with the Syrian army", "a woman
    Naxal was killed in an encounter with police": the side the dead fought (with the
    fight's own word or the toll's) is the one that killed them."""
    words, sb = c.words, c.sb
    for h in c.hs:
        if h.rule.mode != "firearms" and h is not c.anchor:
            continue
        k = h.j
        while k < sb and words[k] in _BEFORE_WITH:
            k += 1  # "in a reported gunfight with", "a confrontation with"
        if k >= sb or words[k] != "with":
            continue
        # (the fight named as a noun: "killed in an encounter with police"; a verb's
        # subject is its side: "the YPG clashed with IS")
        # (the dead named before a passive toll: "a woman Naxal was killed in an encounter
        # with police"; "23 killed in clash with Abu Sayyaf" names no dead)
        nominal = words[h.i] in ("a", "an", "the") or (h.i > c.sa and words[h.i - 1] in _FIGHT_IN)
        dead = any(x.counted for x in seg_ms) or (
            nominal
            and any(x.kind == "actor" and x.j <= ph.i for ph in c.passive_hits for x in seg_ms)
        )
        if not dead:
            continue
        # "with members of the left-wing NPA", "with alleged NPA members"
        k = past_members(words, k + 1, sb)
        grp = group_after(c.actorish, k, sb, words, limit=2)
        grp = [x for x in grp if not x.counted]
        if grp and grp[-1].j < sb and words[grp[-1].j] in _AID_NOUNS:
            continue  # "the SDF is fighting with US support": an ally's help
        if grp:
            return grp
    return []


_AID_NOUNS: Final = frozenset(["support", "backing", "help", "air", "aid", "cover", "assistance"])


_BEFORE_WITH: Final = frozenset(["reported", "fierce", "heavy", "brief"])
_FIGHT_IN: Final = frozenset(["in", "during", "after", "a", "an", "the", "amid"])
_WITH_SKIP: Final = frozenset(
    ["members", "member", "of", "the", "alleged", "suspected", "left-wing", "communist", "a",
     "an", "armed", "heavily-armed", "heavily", "more", "than", "over", "about", "around",
     "some", "dozens", "hundreds", "scores", "elements"]
)  # fmt: skip


def past_members(words: list[str], k: int, hi: int) -> int:
    """Where the group's name starts past the words that count or describe its men ("by
    suspected members of the ISWAP", "with more than 120 heavily armed Abu Sayyaf
    members"): the first token from ``k`` that is none of them."""
    while k < hi and (words[k] in _WITH_SKIP or words[k].isdigit()):
        k += 1
    return k


_TAKE: Final = frozenset(
    [
        "retake",
        "retook",
        "retaken",
        "recapture",
        "recaptured",
        "seize",
        "seized",
        "capture",
        "captured",
        "wrest",
        "wrested",
        "reclaim",
        "reclaimed",
        "take",
        "took",
        "oust",
        "drive",
        "expel",
        "retakes",
        "recaptures",
        "seizes",
        "captures",
        "wrests",
        "reclaims",
    ]
)


def taken_from(c: _Clause, cands: list[Placed], need: frozenset[str] | None = None) -> list[Placed]:
    """Whom a place was taken from: "retook Tikrit from Islamic State"; with ``need``, only
    after one of those words ("push to retake Tikrit from rebels", not "fired from Lebanon")."""
    words, sb = c.words, c.sb
    for k in range(c.anchor.j, min(sb - 1, c.anchor.j + 8)):
        if words[k] == "from":
            if need is not None and not need.intersection(words[c.anchor.i : k]):
                return []
            return group_after(cands, k + 1, sb, words, limit=2)
        if words[k] in (",", ";"):
            break
    return []


def opponent_after(c: _Clause, cands: list[Placed]) -> list[Placed]:
    """The side fought "with" in ground combat: "clashed with Ethiopian troops", "fighting
    with the army" (the side the counted dead fought is read by clash_opponent)."""
    words, sb, aj = c.words, c.sb, c.anchor.j
    if aj < sb and words[aj] == "with" and c.anchor.rule.mode == "firearms":
        return [x for x in group_after(cands, aj + 1, sb, words, limit=2) if not x.counted]
    return []


def _targets(
    c: _Clause, typ: str, passive: bool, actors: list[Placed], seg_ms: list[Placed]
) -> list[Placed]:
    """Whom it was done to: the subject of a passive, else the object or the
    "on/against" ("to/with" for friendly events) phrase after the trigger; an actor
    "-held" after it; for an ASSAULT also the counted dead and who used what was hit."""
    if typ == "ASSAULT":  # (civilians are no actor, but victims: "kill 14 civilians")
        cands = [
            x
            for x in seg_ms
            if x.kind == "actor" and (x in c.actorish or (x.m.sector or x.m.entity.sector) == "CVL")
        ]
    else:
        cands = c.actorish
    if passive:
        grp = passive_subject(c, cands)
    else:
        grp = object_after(c, cands, typ in HOSTILE, c.anchor.j)
        # ("attacked Ethiopia's Oromia region, killing 320 civilians": a place's country
        # is no object; the next verb's is)
        grp = [x for x in grp if not names_a_place(c, x)]
        if not grp and typ == "ASSAULT":  # "kidnap, kill 20 soldiers": another verb's object
            for h in c.hs:
                if h is not c.anchor and h.rule.pos in ("verb", "toll") and h not in c.passive_hits:
                    grp = [x for x in object_after(c, cands, True, h.j) if not names_a_place(c, x)]
                    if grp:
                        break
    if not grp and not passive and typ == "ASSAULT":  # "Fano clashed with Ethiopian troops"
        grp = opponent_after(c, cands)
    if not passive and typ == "COERCE":  # "retake Tikrit from Islamic State"
        grp = grp + [x for x in taken_from(c, cands) if x not in grp]
    elif not passive and typ == "ASSAULT" and not grp:  # "push to retake Tikrit from rebels"
        grp = taken_from(c, cands, _TAKE)
    targets = [x for x in grp if x not in actors]
    for x in seg_ms:
        if (
            x.held
            and x.kind == "actor"
            and x not in actors
            and x not in targets
            and x.i >= c.anchor.i
        ):
            targets.append(x)
    if typ == "ASSAULT":  # "25 Nusra fighters were killed": the counted are victims
        targets += [
            x for x in seg_ms if x.counted and not x.skip and x not in actors and x not in targets
        ]
        targets += [x for x in users_of_target(c, cands) if x not in actors and x not in targets]
        targets += [x for x in by_phrase(c, c.hs, True) if x not in actors and x not in targets]
    return [x for x in targets if not names_a_place(c, x) and not _ally(c, x)]


def _disguise(words: list[str], i: int) -> bool:
    return i >= 2 and words[i - 1] == "as" and words[i - 2] in _DRESSED


_DRESSED: Final = frozenset(["dressed", "disguised", "posing", "masquerading", "clad"])


def _ally(c: _Clause, x: Placed) -> bool:
    """ "fighting with US support", "with Russian air cover": an ally's help, no target."""
    words = c.words
    return x.i > 0 and words[x.i - 1] == "with" and x.j < len(words) and words[x.j] in _AID_NOUNS


def passive_subject(c: _Clause, cands: list[Placed]) -> list[Placed]:
    """ "Kurdish fighters were killed": the subject of the (first) passive verb."""
    ph = c.passive_hits[0] if c.passive_hits else c.anchor
    return groups_before(cands, ph.i, c.sa, c.words, limit=8)


def object_after(c: _Clause, cands: list[Placed], hostile: bool, aj: int) -> list[Placed]:
    """The object of the trigger ending at ``aj`` or the group after its preposition
    ("shelled Aleppo", "strikes on ISIS", "aid to Kobani"), within a few words."""
    words, sb = c.words, c.sb
    preps = HOSTILE_PREP if hostile else FRIENDLY_PREP
    k = aj
    reach = aj + 4
    while k < sb and k < reach and words[k] not in preps and not any(x.i == k for x in cands):
        if k == aj and words[k] in _COUNT_LEAD and _count_within(words, k, sb):
            while k < sb and words[k] in _COUNT_LEAD:
                k += 1  # "kill over 50 SPLM-N rebels", "killed more than 300 fighters"
            reach = k + 4
            continue
        if words[k] in PREP or words[k] in (",", ";", "."):
            break
        k += 1
    if k < sb and words[k] in ("on", "upon") and BLAME.intersection(words[max(aj, k - 3) : k]):
        return []  # "Jet strikes blamed on the Syrian regime": the accused, no target
    if k < sb and (words[k] in preps or any(x.i == k for x in cands)):
        return group_after(cands, k + 1 if words[k] in preps else k, sb, words, limit=4)
    return []


_COUNT_LEAD: Final = frozenset(
    ["over", "about", "around", "nearly", "almost", "some", "up", "to", "at", "least", "more",
     "than", "approximately", "roughly"]
)  # fmt: skip


def _count_within(words: list[str], k: int, sb: int) -> bool:
    """A count within the next three words ("over 50", "more than 300", "at least 12")."""
    for t in range(k + 1, min(sb, k + 4)):
        w = words[t]
        if w[:1].isdigit() or w in COUNT_WORDS:
            return True
        if w not in _COUNT_LEAD:
            return False
    return False


# "Suspected militants in northern Burkina Faso have killed": the country is where
_BEARING_ADJECTIVES: Final = frozenset(
    ["northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
     "south-western", "north-east", "north-west", "south-east", "south-west", "far", "remote",
     "restive", "neighbouring", "neighboring", "rural", "urban", "coastal", "troubled",
     "volatile", "war-torn", "conflict-hit", "strife-torn", "north", "south", "east", "west",
     "northeast", "northwest", "southeast", "southwest"]
)  # fmt: skip


def users_of_target(c: _Clause, cands: list[Placed]) -> list[Placed]:
    """ "facilities at a border control point used by Kataib Hezbollah and Kataib Sayyid
    al-Shuhada": who used what was hit was hit."""
    words, sb = c.words, c.sb
    for k in range(c.anchor.j, sb - 1):
        if words[k] in OWNED_FIRST and (words[k], words[k + 1]) in OWNED_BY:
            return group_after(cands, k + 2, sb, words, limit=2)
    return []


def consult_parties(c: _Clause, sent_ms: list[Placed]) -> list[Placed] | None:
    """Every party to a CONSULT, in ``actors`` (PLOVER's convention): the actors and
    persons, states and bodies around the trigger, not a country after it (a topic or a
    venue) nor one after "at", "in", "about" ...; "X told Y" needs two parties, the
    speaker X among them. None when there are too few."""
    words, sa, ai = c.words, c.sa, c.anchor.i
    parties = []
    for x in c.actorish:
        if x.kind != "actor" and not (x.j <= ai):
            continue  # a country after the verb is a topic or a venue, not a party
        prev = words[x.i - 1] if x.i > sa else ""
        if prev == "the" and x.i - 1 > sa:
            prev = words[x.i - 2]
        if prev in ("at", "in", "of", "on", "about", "over", "from", "for", "against", "into"):
            continue
        if x.m.entity.type in CONSULT_PARTY_TYPES or x.j <= ai:
            parties.append(x)
    if c.anchor.rule.id == "consult.told":
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
    return parties or None


def appositives_out(group: list[Placed]) -> list[Placed]:
    """ "the Nusra Front terrorist group", "terrorist group Al-Nusra Front": a generic
    group right after or right before a named one is the same group, not another party."""
    out: list[Placed] = []
    for x in group:
        if out and x.i == out[-1].j:
            generic, before = x.m.entity.id in GENERIC_GROUPS, out[-1].m.entity.id in GENERIC_GROUPS
            if generic and not before and out[-1].m.entity.type == "armed_group":
                continue
            if before and not generic and x.m.entity.type == "armed_group":
                out[-1] = x
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
