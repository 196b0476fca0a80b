"""Clause structure: speakers ("X said", "according to X") and clause boundaries
("while", "but", "in retaliation for", verbs of saying) within a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from briefing.extract.patterns import Hit
from briefing.extract.triggers import find_phrase
from briefing.extract.vocab import CLAIM, PRONOUNS, WEAK_BOUNDARIES
from briefing.text.numbers import COUNT_WORDS

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed


# Words between the parts of a speaker's name or group ("the National Coalition for
# Syrian Revolution and Opposition Forces", "Russia and Iran")
_JOINED = frozenset(["and", ",", "&", "or", "for", "of", "the"])


def mark_speakers(
    doc: Doc, ms: list[Placed], a: int, b: int, hits: list[Hit], in_mention: set[int]
) -> None:
    words, speech = doc.words, doc.lex.speech
    hit_tokens: set[int] = set()
    hit_at = {h.i: h for h in hits}
    for h in hits:
        if h.rule.type not in ("CONSULT",):
            hit_tokens.update(range(h.i, h.j))
    for k in doc.hot_in(a, b):
        w = words[k]
        if w not in speech or k in in_mention or claims_attack(words, k, b, hit_at):
            continue
        if w == "according":
            comma = next((t for t in range(k + 1, min(b, k + 7)) if words[t] in (",", ";")), k + 7)
            for x in ms:
                if k < x.i <= k + 6 and x.i < comma:  # "According to BBC, Boko Haram ...": BBC
                    x.speaker = True
            continue
        if k > a and words[k - 1] in ("he", "she", "they", "we", "i", "it"):
            continue  # "... strikes by the US-led coalition outside the city he said": he
        # mentions just before the verb of saying (a group joined by and/commas): the
        # nearest within five words, then those joined to it ("Turkish drones struck
        # Kurdish fighters near Qamishli, Al-Monitor reported": only Al-Monitor speaks)
        first: Placed | None = None
        joined = False  # a list of speakers ends in "and": "Russia, Iran and Turkey said"
        for x in reversed(ms):
            if x.j > k:
                continue
            if first is None:
                if k - x.j > 5 or any(t in hit_tokens for t in range(x.j, k)):
                    break
                if _other_speaker(words, x.j, k):
                    break  # "... by Boko Haram insurgents, local officials said"
                if x.kind == "place" and any(w in ("a", "an", "the") for w in words[x.j : k]):
                    break  # "in Hama province on Thursday, a monitor said": the monitor
            else:
                gap = words[x.j : first.i]
                if len(gap) > 2 or not all(g in _JOINED for g in gap):
                    break
                if not joined and "," in gap and "and" not in gap and "&" not in gap:
                    break  # "... by Boko Haram insurgents, local officials said": no list
                joined = True
            x.speaker = True
            first = x
        # "..., the Observatory said" is covered above; "said the Observatory":
        if k + 1 < b and words[k + 1] in ("the", "a"):
            for x in ms:
                if k < x.i <= k + 4 and x.kind == "actor":
                    nxt = x.j
                    if nxt >= b or words[nxt] in (".", ",", ";", "on", "in", "that", "as"):
                        x.speaker = True
    # modifiers of a following person: "Saudi Arabia's King Salman", "Iraqi Prime
    # Minister Haider al-Abadi", "U.N. Secretary-General Ban Ki-moon"
    words = doc.words
    for n in range(1, len(ms)):  # each mention and the next (no zip: a compiled loop)
        x, y = ms[n - 1], ms[n]
        if y.kind != "actor" or y.m.entity.type != "person" or x.m.entity.type == "person":
            continue
        gap = words[x.j : y.i]
        stop = (",", "and", ";", "(", "with", "to", "told", "said", "as", "while", "when", "by")
        # ("bombs kill nine in Baghdad as Kerry visits": Baghdad is no title of Kerry's;
        # "gangs led by Jimmy Cherizier": the gangs are led, no title)
        if len(gap) <= 4 and not any(g in stop for g in gap) and all(g[:1].isalpha() for g in gap):
            x.skip = True
    # "an armed group called OLF Shane", "a militia known as Kaniyat": the name says who
    for n in range(1, len(ms)):
        x, y = ms[n - 1], ms[n]
        if (
            x.kind == "actor"
            and y.kind == "actor"
            and tuple(words[x.j : y.i]) in _CALLED
            and y.m.entity.country
            and not x.m.entity.country
        ):
            x.m, x.part, y.skip = y.m, None, True  # the generic's place, the name's entity


_CONFIRMED_TOLL: Final = frozenset(["killed", "dead", "wounded", "injured", "missing"])
_CALLED: Final = frozenset(
    [
        ("called",),
        ("named",),
        ("dubbed",),
        ("known", "as"),
        ("calling", "itself"),
        ("calling", "themselves"),
    ]
)


def _other_speaker(words: list[str], j: int, k: int) -> bool:
    """Words after a comma between a mention ending at ``j`` and the verb of saying at
    ``k`` that name someone else ("..., local officials said"; not "..., however, said")."""
    if "," not in words[j:k]:
        return False
    c = max(t for t in range(j, k) if words[t] == ",")
    return any(w[:1].isalpha() and w not in _ASIDE for w in words[c + 1 : k])


_ASIDE: Final = frozenset(["however", "meanwhile", "also", "though", "too", "separately", "later"])


def claims_attack(words: list[str], k: int, b: int, hit_at: dict[int, Hit]) -> bool:
    """ "IS claims suicide bombing", "the group claimed the downing of a helicopter": a
    verb of claiming with an attack for object is no verb of saying."""
    if words[k] not in CLAIM:
        return False
    n = k + 1
    while n < b and n <= k + 3 and n not in hit_at and words[n] in ("the", "a", "an", "its"):
        n += 1
    h = hit_at.get(n)
    return h is not None and h.rule.type == "ASSAULT"


def clause_spans(
    doc: Doc, a: int, b: int, hits: list[Hit], in_mention: set[int]
) -> list[tuple[int, int]]:
    words, lex = doc.words, doc.lex
    hit_starts = {h.i: h for h in hits}
    clause, speech = doc.hotset.clause, lex.speech
    out = []
    start = a
    nxt = a  # tokens inside a boundary phrase already read are skipped
    for k in doc.hot_in(a, b):
        if k < nxt:
            continue
        w = words[k]
        if w not in clause:
            continue
        if w in CLAIM and k + 1 < b and words[k + 1] == "by":
            continue  # "a bombing claimed by IS": the claimant is the attack's actor
        if claims_attack(words, k, b, hit_starts):
            continue  # "IS claims suicide bombing": who claims it did it
        if w in speech and k not in in_mention:
            if k + 1 < b and words[k + 1] == "of" and k > a and words[k - 1] not in PRONOUNS:
                continue  # "denying reports of an offensive": a noun, the denial's object
            if k + 1 < b and words[k + 1] in _CONFIRMED_TOLL:
                continue  # "13 persons were confirmed killed", "six confirmed dead"
            if w == "reported" and (
                (k > a and words[k - 1] in ("been", "was", "were"))
                or (k + 1 < b and words[k + 1] == "between")
            ):
                continue  # "a clash has been reported between ...": no one speaks
            h = hit_starts.get(k)
            if h is not None and h.rule.pos == "toll":
                continue  # "The war has claimed 300,000 lives": a toll, not a saying
            if k > start:
                out.append((start, k))
            start = k if k in hit_starts else k + 1  # "Putin told Ban": told is CONSULT
            nxt = k + 1
            continue
        n = find_phrase(words, k, b, lex.boundaries) if k not in hit_starts else 0
        if n == 3 and w == "as" and k + 3 < b and _count_at(words[k + 3]):
            n = 0  # "killed two soldiers as well as four civilians": the list goes on
        if n:
            nxt = k + n
            if w in WEAK_BOUNDARIES:
                left = [h for h in hits if start <= h.i < k]
                if not any(h.rule.pos != "toll" for h in left):
                    continue
            if k > start:
                out.append((start, k))
            start = k + n
    if start < b:
        out.append((start, b))
    for c in comma_splices(words, hits, a, b):
        for n, (s, e) in enumerate(out):
            if s < c < e and any(h.rule.type == "ASSAULT" and s <= h.i < c for h in hits):
                out[n : n + 1] = [(s, c), (c + 1, e)]
                break
    return out


def _count_at(w: str) -> bool:
    return w[:1].isdigit() or w in COUNT_WORDS or w in ("a", "an", "another")


# An attack verb after a comma and a subject of its own starts a second report; a past
# participle followed by these words describes its subject instead ("..., civilians
# killed in the raid were buried")
_SPLICE_VERBS: Final = frozenset(["kill", "kills", "killed", "slay", "slays", "slew"])
_PARTICIPLE_NEXT: Final = frozenset(
    ["in", "by", "on", "at", "during", "near", "when", "while", "as", "and", ",", ".", "after"]
)
_NOT_SUBJECT: Final = frozenset(
    ["and", "or", "which", "who", "whom", "whose", "that", "including", "among", "as",
     "when", "while", "after", "with", "in", "on", "at", "by", "of", "for", "from", "near",
     "to", "but", "then", "also", "it", "he", "she", "they", "this", "these", "those"]
)  # fmt: skip


def comma_splices(words: list[str], hits: list[Hit], a: int, b: int) -> list[int]:
    """Commas that join two reports of attacks in one line, as headlines do: "Suicide
    bomber kills 8 in Kirkuk, gunmen kill 3 policemen in Mosul". The comma is followed by
    a subject of one to four words and a finite attack verb, and an attack is told
    before it. An appositive ("..., the deadliest attack this year") has no verb."""
    out: list[int] = []
    for h in hits:
        r = h.rule
        w = words[h.i]
        if r.type != "ASSAULT" or not (r.pos == "verb" or w in _SPLICE_VERBS) or w.endswith("ing"):
            continue
        lo = max(a + 1, h.i - 5)
        c = h.i - 2
        while c >= lo and words[c] != ",":
            c -= 1
        if c < lo:
            continue
        if any(t in _NOT_SUBJECT or not t[:1].isalpha() for t in words[c + 1 : h.i]):
            continue
        if w.endswith("ed") and (h.j >= b or words[h.j] in _PARTICIPLE_NEXT):
            continue
        if any(g.rule.type == "ASSAULT" and a <= g.i < c for g in hits):
            out.append(c)
    return out
