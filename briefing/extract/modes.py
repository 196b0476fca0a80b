"""Attack modes (aerial, explosives, firearms ...) from the triggers and cue words of a
clause, its context and the article; CONSULT's phone mode."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Final

from briefing.extract.patterns import WORD_RE, Hit, Lexicon, phrase_at
from briefing.extract.vocab import GROUND_WORDS, PHONE, STRIKE_NOUNS

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed
    from briefing.extract.drafts import Draft
    from briefing.model import Event

# modes that kill: an attack with a toll takes its mode from context only among these
# ("taken hostage" in the next sentence does not tell how 250 troops were killed)
LETHAL: Final = frozenset(
    ("aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "chemical",
     "firearms", "targeted", "execution")
)  # fmt: skip


def cue_mode(doc: Doc, lo: int, hi: int) -> tuple[str | None, float]:
    lex, words = doc.lex, doc.words
    best, prio = None, -1.0
    nulled = doc.nulled
    for k in doc.hot_in(lo, hi):
        cands = lex.mode_first.get(words[k])
        if not cands or k in nulled:
            continue
        for ph in cands:
            if phrase_at(words, k, ph):
                mode, p = lex.mode_cues[ph]
                if p > prio:
                    best, prio = mode, p
                break
    return best, prio


def modifier_cue(doc: Doc, lo: int, i: int) -> tuple[str, float] | None:
    """The mode cue that ends right before token i ("aerial" of "aerial bomb"), if any."""
    lex, words = doc.lex, doc.words
    for k in range(lo, i):
        for ph in lex.mode_first.get(words[k], ()):
            if k + len(ph) == i and tuple(words[k:i]) == ph:
                return lex.mode_cues[ph]
    return None


def attack_mode(doc: Doc, hs: list[Hit], sa: int, sb: int, actors: list[Placed]) -> str | None:
    own = None
    own_prio = -1.0
    lex = doc.lex
    # a trigger or cue that names the actor ("Gunmen abduct 15") is who, not how: the
    # verb tells
    in_actor = {t for x in actors for t in range(x.i, x.j)}
    own_hits = [h for h in hs if h.i not in in_actor] or hs
    for h in own_hits:
        if h.rule.mode:
            mode = h.rule.mode
            p = mode_priority(lex, mode)
            said = lex.mode_cues.get(tuple(doc.words[h.i : h.j]))
            if own is None and said and said[0] == mode:
                p = max(p, said[1])  # "Car bomb, rocket fire kill 45": named first
            pre = None if h.i - 1 in in_actor else modifier_cue(doc, max(sa, h.i - 2), h.i)
            if pre and pre[0] != mode and pre[1] > p:
                mode, p = pre  # "an aerial bomb", "a barrel bomb": its weapon
            if p > own_prio:
                own, own_prio = mode, p
    cue, cue_prio = cue_mode(doc, sa, sb)
    if cue and (own is None or cue in ("chemical", "suicide-attack") and cue_prio > own_prio):
        own = cue
    if (
        own is None
        and actors
        and any(h.rule.id in ("assault.bombed", "assault.bombing") for h in hs)
    ):
        own = "aerial" if _state(actors) else "explosives"  # unnamed bombers: the context tells
    elif (
        own == "explosives"
        and all(doc.words[h.i : h.j] in _BARE_BOMB for h in hs if h.rule.mode)
        and _state(actors)
    ):
        own = "aerial"  # "regime bombs kill 28", "Israeli bombs": a state's bombs fall from the air
    if own is None and actors:
        # "Russian strikes", "coalition raids": a state's or a coalition's strikes and
        # raids that name no weapon are air strikes
        words = doc.words
        nouns = [words[h.j - 1] for h in hs if h.rule.pos == "noun"]
        if any(n in STRIKE_NOUNS for n in nouns) and any(
            x.m.entity.type in ("state", "country", "igo") for x in actors
        ):
            named = [set(x.m.text.lower().split()) for x in actors]
            if any(GROUND_WORDS & w for w in named):
                pass  # "Israeli troops ... in a raid": troops raid on the ground
            elif "raid" in nouns and any(_FORCES & w for w in named):
                own = "firearms"  # "Israeli forces ... in a raid on the camp": one raid
            else:
                own = "aerial"
    return own


_BARE_BOMB: Final = (["bomb"], ["bombs"])
_FORCES: Final = frozenset(("forces",))


def _state(actors: list[Placed]) -> bool:
    """Whether a state or its forces are among the actors."""
    return any(
        (x.m.entity.type in ("state", "country"))
        or ((x.m.sector or x.m.entity.sector) in ("MIL", "GOV"))
        for x in actors
    )


def mode_priority(lex: Lexicon, mode: str) -> float:
    return lex.mode_rank.get(mode, 0.0)


def consult_mode(doc: Doc, sa: int, sb: int) -> str | None:
    ws = set(doc.words[sa:sb])
    if ws & PHONE:
        return "phone"
    return None


def context_mode(doc: Doc, si: int) -> str | None:
    for k in (si, si - 1, si + 1, si - 2):
        if 0 <= k < len(doc.sents):
            a, b = doc.sent_tok[k]
            mode, _ = cue_mode(doc, a, b)
            if mode in LETHAL:
                return mode
    title = doc.article.title or ""
    if title:
        if doc.title_mode is not False:  # the title's is read once an article
            return doc.title_mode  # type: ignore[return-value]
        words = [m.group().lower() for m in WORD_RE.finditer(title)]
        lex = doc.lex
        best, prio = None, -1.0
        for k, w in enumerate(words):
            for ph in lex.mode_first.get(w, ()):
                if phrase_at(words, k, ph):
                    mode, p = lex.mode_cues[ph]
                    if p > prio and mode in LETHAL:
                        best, prio = mode, p
                    break
        doc.title_mode = best
        return best
    return None


def strike_mode(ev: Event) -> str | None:
    """ "New strikes kill 25 civilians": strikes that name no weapon nor actor are air
    strikes."""
    words = (ev.trigger or "").lower().split()
    return "aerial" if words and words[-1] in ("strike", "strikes") else None


def bombing_mode(ev: Event) -> str | None:
    """ "A bombing killed five at a market": a bombing that names no bomber, in an article
    with no other cue, set off explosives."""
    words = (ev.trigger or "").lower().split()
    return "explosives" if words and words[-1] in ("bombing", "bombings", "bombed") else None


def ground_mode(ev: Event, usual: str | None) -> str | None:
    """The mode of a ground force's attack that names no weapon: "Syrian Army kills 30
    ISIL terrorists" or "Nusra attacks US-trained rebels" is a fight with small arms,
    unless the article's usual kind is one an armed group can use (not aircraft)."""
    from briefing.extract.perpetrators import participant_class

    for p in ev.actors:
        words = set((p.text or "").lower().split())
        if words & GROUND_WORDS:
            return "firearms"
        if p.type != "state" and (
            participant_class(p) not in (None, "coalition", "government")
            or (p.type == "armed_group" and p.sector in ("REB", "CRM", None))
        ):  # rebels, jihadists, gangs anywhere: "ELN guerrillas attacked a police station"
            return usual if usual in LETHAL and usual not in ("aerial", "drone") else "firearms"
    return None


def article_mode(drafts: list[Draft]) -> str | None:
    """The kind of attack the article reports most ("Syrian army kills 30 ISIL terrorists"
    in a report of clashes is one more of them)."""
    modes = Counter(
        d.event.mode
        for d in drafts
        if d.event.type == "ASSAULT" and d.event.mode in LETHAL and d.event.modality == "asserted"
    )
    return modes.most_common(1)[0][0] if modes else None
