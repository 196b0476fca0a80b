"""Candidate triggers: the trigger patterns that match a sentence, after null patterns,
overlaps and requirements; the anchor hit of a group."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from briefing.extract.patterns import Hit, phrase_at
from briefing.extract.vocab import PREP

if TYPE_CHECKING:
    from briefing.extract.document import Doc


# The entity types that can be a party to a CONSULT ("Putin told Ban", "talks between
# Turkey and Iran"): a town or an armed group is a topic or a venue.
CONSULT_PARTY_TYPES: Final = frozenset(("person", "state", "igo", "country", "armed_group"))


def find_phrase(words: list[str], k: int, hi: int, index: dict) -> int:
    """Length of the longest phrase of ``index`` starting at word k (0 if none)."""
    cands = index.get(words[k])
    if not cands:
        return 0
    for ph in cands:  # longest first
        n = len(ph)
        if k + n <= hi and phrase_at(words, k, ph):
            return n
    return 0


def find_hits(doc: Doc, a: int, b: int) -> list[Hit]:
    """The trigger hits of the sentence ``words[a:b]``: the longest match at each start,
    none inside a null pattern's span, none of a type a sentence-wide null suppresses."""
    lex, words = doc.lex, doc.words
    first = doc.hotset.trigger
    at = [k for k in doc.hot_in(a, b) if words[k] in first]
    if not at:
        return []
    raw = lex.matcher.match(words, a, b, at)
    if not raw:
        return []
    nulls = [(r, i, j) for r, i, j in raw if r.type == "NULL"]
    kill_types: set[str] = set()
    kill_from: dict[str, int] = {}  # type -> where a null of scope "rest" starts
    told_modes = {r.mode for r, _i, _j in raw if r.type != "NULL" and r.mode}
    for r, i, j in nulls:
        if r.unless_modes and told_modes.intersection(r.unless_modes):
            continue  # "suicide blasts ... ripped through crowds watching football games"
        if r.scope == "sentence":
            kill_types.update(r.suppress)
        elif r.scope == "rest":
            for t in r.suppress:
                kill_from[t] = min(kill_from.get(t, i), i)
        else:
            doc.nulled.update(range(i, j))
    hits: list[Hit] = []
    last_end = a
    for r, i, j in raw:
        if r.type == "NULL" or r.type in kill_types or i >= kill_from.get(r.type, b):
            continue
        if any(ni < j and i < nj for _, ni, nj in nulls):
            continue
        if i < last_end and hits:  # overlapping a longer earlier match
            prev = hits[-1]
            if j - i > prev.j - prev.i and i == prev.i:
                hits[-1] = Hit(r, i, j, doc.starts[i], doc.ends[j - 1])
                last_end = j
            continue
        if r.require == "party-object" and not _told_party(doc, j, b):
            continue
        if r.mode == "aerial" and r.pos == "verb" and _passive_end(words, j, b):
            continue  # "6 ISIS bombers killed.": the bombers died, no aircraft struck
        if r.mode == "aerial" and words[i] in ("bomber", "bombers") and _group_before(doc, i, a):
            continue  # "Boko Haram bombers kill seven": the group's bombers, on the ground
        if r.require == "armed-object" and not _armed_object(doc, i, j, a, b):
            continue  # "neutralised a bomb", "eliminate the threat": no one killed
        if r.require == "armed-subject" and not _armed_subject(doc, i, a):
            continue  # "a storm": weather
        hits.append(Hit(r, i, j, doc.starts[i], doc.ends[j - 1]))
        last_end = j
    if not hits:
        return []
    return hits


def _passive_end(words: list[str], j: int, b: int) -> bool:
    """A match ending in "killed" with no object after it: a headline's passive."""
    return words[j - 1] == "killed" and (j >= b or words[j] in PREP or not words[j][:1].isalnum())


def _armed_object(doc: Doc, i: int, j: int, a: int, b: int) -> bool:
    """An armed group named within a few words after the verb: "eliminated 30 terrorists",
    "neutralised 12 Boko Haram fighters" (not "neutralised a bomb"), or before its passive:
    "Two militants have been eliminated"."""
    if any(x.m.entity.type == "armed_group" for x in doc.sent_mentions(j, min(b, j + 7))):
        return True
    words = doc.words
    return (
        i > a
        and words[i - 1] in ("been", "were", "was")
        and any(x.m.entity.type == "armed_group" for x in doc.sent_mentions(max(a, i - 6), i))
    )


# "Israel says it hit ...": the speaker is the verb's subject
_SAYS_IT: Final = frozenset(["says", "said", "claims", "claimed", "announced"])


def _armed_subject(doc: Doc, i: int, a: int) -> bool:
    """An armed group or a state's forces right before the verb: "Taliban storm ...",
    or before its report of the verb: "Israel says it hit Hezbollah targets"."""
    words = doc.words
    if i - a >= 3 and words[i - 1] == "it" and words[i - 2] in _SAYS_IT:
        i -= 2
    return any(
        x.kind == "actor" and x.j >= i - 1 and x.m.entity.type in ("armed_group", "state")
        for x in doc.sent_mentions(max(a, i - 4), i)
    )


def _group_before(doc: Doc, i: int, a: int) -> bool:
    """An armed group (no state) named right before token ``i``."""
    return any(
        x.kind == "actor" and x.j == i and x.m.entity.type == "armed_group"
        for x in doc.sent_mentions(max(a, i - 4), i)
    )


def _told_party(doc: Doc, j: int, b: int) -> bool:
    for x in doc.sent_mentions(j, min(b, j + 4)):
        e = x.m.entity
        if x.i <= j + 3 and e.type in CONSULT_PARTY_TYPES:
            return True
    return False


def anchor_hit(hs: list[Hit]) -> Hit:
    best = hs[0]
    for h in hs[1:]:
        bp = best.rule.pos == "toll"
        hp = h.rule.pos == "toll"
        if bp and not hp or (bp == hp and h.rule.confidence > best.rule.confidence):
            best = h
    return best
