"""Modality from cue words around the trigger: negated, hypothetical, future, alleged,
asserted; and what counts as historical."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from briefing.extract.patterns import Hit, phrase_at
from briefing.extract.triggers import find_phrase
from briefing.extract.vocab import INFINITIVE_OK, MODALS, NOMINAL_HEADS

if TYPE_CHECKING:
    from briefing.extract.document import Doc


_USED: Final = frozenset(("used", "using", "deployed", "employed"))


def cue_kinds(doc: Doc, lo: int, hi: int) -> set[str]:
    """The modality kinds whose cue words occur in ``words[lo:hi]``."""
    words = doc.words
    by_word = doc.hotset.cue_kinds  # the kinds (of CUE_KINDS, in order) a word can cue
    found: set[str] = set()
    for k in doc.hot_in(lo, hi):
        w = words[k]
        if w.endswith("n't"):
            found.add("negated")
        kinds = by_word.get(w)
        if kinds is None:
            continue
        for kind, index in kinds:
            if kind in found:
                continue
            n = find_phrase(words, k, hi, index)
            if n and w == "to" and k > 0 and words[k - 1] in INFINITIVE_OK:
                continue  # "suspected to be", "began to shell": no plan
            if n and w == "to" and any(u in _USED for u in words[max(lo, k - 5) : k]):
                continue  # "used heavy artillery to shell the village": how, not a plan
            if n:
                if w == "no" and hi - k > 2:
                    continue  # "no casualties in the shelling": the toll is denied, not the attack
                found.add(kind)
    return found


def read_modality(doc: Doc, anchor: Hit, sa: int, sb: int, pos: str, k0: int) -> str:
    lex, words = doc.lex, doc.words
    lo = max(sa, min(anchor.i, k0) - 5)
    hi = anchor.i
    cues = cue_kinds(doc, lo, hi) if lo < hi else ()
    if "negated" in cues:
        return "negated"
    if words[sa] == "if" or "hypothetical" in cues:
        return "hypothetical"
    if "future" in cues:
        return "future"
    if "alleged" in cues:
        return "alleged"
    # an infinitive: "voted to allow him to send troops", "the decision to strike"
    for k in (anchor.i - 1, k0 - 1):
        if k >= sa and words[k] == "and" and k - 2 >= sa and words[k - 2] == "to":
            k -= 2  # "to plan and launch"
        if (
            k >= sa
            and words[k] == "to"
            and (k - 1 < sa or words[k - 1] not in INFINITIVE_OK)
            and not _USED.intersection(words[max(sa, k - 5) : k])
        ):
            head = words[k + 1]
            if pos != "noun" or k + 1 != anchor.i or not head.endswith(("s", "ing")):
                return "future"
    if pos == "noun" or words[anchor.i] in NOMINAL_HEADS:
        # "Talks between the government and the rebels could resume": the trigger's verb
        for k in range(anchor.j, min(sb, anchor.j + 8)):
            w = words[k]
            if w in MODALS:
                return MODALS[w]
            if w in (",", ";", ":", "that", "which", "who") or w.endswith("ed"):
                break
    if pos == "noun":
        firsts = doc.hotset.modality
        for k in doc.hot_in(anchor.j, min(sb, anchor.j + 8)):
            if words[k] not in firsts:
                continue
            for ph in lex.after_hypothetical:
                if phrase_at(words, k, ph):
                    if "not" in ph:
                        return "negated"
                    return "future" if ph[0] == "will" else "hypothetical"
    return "asserted"


def is_historical(d: date, prec: str | None, ref: date) -> bool:
    """Dated well before the article: background, not the news (day > 10 days, an earlier
    month > 40 days, an earlier year)."""
    if prec in ("day", "week"):
        return d < ref - timedelta(days=10)
    if prec == "month":
        return (d.year, d.month) < (ref.year, ref.month) and d < ref - timedelta(days=40)
    if prec == "year":
        return d.year < ref.year
    return False
