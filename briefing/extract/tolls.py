"""Killed and wounded: the death and injury words of an attack and the numbers bound to
them, kept apart; cumulative tolls ("since the war began") are no one event's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, TypeAlias

from briefing.extract.patterns import Hit, phrase_at
from briefing.extract.vocab import (
    BE,
    CUMULATIVE,
    DAYS,
    EITHER_WAY,
    KILL_FWD,
    KILLED_WORDS,
    NEWS_SPANS,
    NOT_VICTIMS,
    PERSON_NOUNS,
    PREP,
    RECENT_SINCE,
    SUPERSEDED,
    TOLL_PERIOD,
    TOLL_UPDATE,
    TWO_SIDED,
    UNNAMED_VICTIMS,
    VAGUE_MANY,
    VICTIM_WORDS,
    WAR_NOUNS,
    WOUND_FWD,
    WOUNDED_WORDS,
)
from briefing.text.offsets import bisect_left

if TYPE_CHECKING:
    from briefing.extract.document import Doc

# a count in a clause: its first and last token + 1, its value, and whether it is part of
# a count given before ("including 18 soldiers")
_Num: TypeAlias = tuple[int, int, int, bool]


def read_toll(
    doc: Doc, si: int, hs: list[Hit], sa: int, sb: int, passive: bool
) -> tuple[int | None, int | None]:
    words, starts = doc.words, doc.starts
    if not any(
        h.rule.pos == "toll"
        or words[h.i] in KILLED_WORDS
        or words[h.j - 1] in KILLED_WORDS
        or _killing_phrase(words, h.j)
        for h in hs
    ):
        return None, None  # no death or injury word: no numbers to read
    if words[sa] == "among":
        return None, None  # "Among those killed were 105 children and 76 women": a toll's parts
    lo_c, hi_c = starts[sa], doc.ends[sb - 1]
    nums: list[_Num] = []
    parts: set[int] = set()  # where a count of "of them" starts
    for n in doc.numbers(si):
        if n.start < lo_c or n.start >= hi_c or not n.is_count:
            continue
        if n.approx and VAGUE_MANY.intersection(n.text.lower().split()):
            continue  # "hundreds were killed": a magnitude, no count of one event's dead
        i = bisect_left(starts, n.start)
        j = bisect_left(starts, n.end)
        if _things_counted(words, j, sb):
            continue
        if j < sb and words[j] in ("of",) and j + 1 < sb and words[j + 1] in NOT_VICTIMS:
            continue
        prev = words[i - 1] if i > sa else ""
        prev2 = words[i - 2] if i - 1 > sa else ""
        if (
            prev == ","
            and j < sb
            and words[j] == ","
            and n.value < 120
            and i >= 2
            and doc.text[doc.starts[i - 2] : doc.starts[i - 2] + 1].isupper()
        ):
            continue  # "Abdul Majid, 45, was shot dead": his age
        if prev in ("since", "until") or (prev == "in" and (n.value >= 100 or j >= sb)):
            continue  # "he died of the plague in 639": a year, not a toll (but "resulted in
            # eight deaths")
        if j < sb and (
            words[j] in _MONTHS
            or (j + 2 < sb and words[j] in ("and", "to", "-") and words[j + 2] in _MONTHS)
        ):
            continue  # "on 9 and 10 August": days, not a toll
        incl = prev in ("including", "includes", "include") or (prev2, prev) in (
            ("among", "them"),
            ("of", "them"),
            ("of", "whom"),
            ("among", "whom"),
        )
        # "Thirteen civilians, eight of them children": a part of the count before
        if (
            not incl
            and nums
            and prev == ","
            and j + 1 < sb
            and words[j] == "of"
            and words[j + 1] in _THEM
        ):
            incl = True
            parts.add(i)
        if not incl and nums and nums[-1][3] and nums[-1][0] not in parts and prev in ("and", ","):
            pi, pj, _pv, _ = nums[-1]
            gap = words[pj : i - 1]
            # "including 18 soldiers and 12 militants": the list goes on
            incl = len(gap) <= 4 and all(g[:1].isalpha() for g in gap)
        nums.append((i, j, n.value, incl))
    killed: int | None = None
    wounded: int | None = None
    toll_words = {k for h in hs if h.rule.pos == "toll" for k in range(h.i, h.j)}
    for h in hs:
        if words[h.j - 1] == "toll" and SUPERSEDED.intersection(words[max(sa, h.i - 4) : h.i]):
            continue  # "updating an earlier toll of 15", "had initially given a death toll of 22"
        if words[h.j - 1] == "toll" and TOLL_PERIOD.intersection(words[max(sa, h.i - 2) : h.i]):
            continue  # "as January toll tops 800": the month's
        if h.j - h.i == 3 and words[h.j - 1] == "life" and words[h.j - 2] in ("a", "one"):
            killed = 1 if killed is None else max(killed, 1)  # "the attack claimed a life"
            continue
        if (
            h.j - h.i > 2
            and words[h.j - 1] in ("lives", "life")
            and (words[h.i] in KILLED_WORDS or words[h.i] == "loss")
        ):  # ("caused the loss of 11 lives")
            # "claims five lives": the count inside the phrase, after its verb (or "of")
            k = h.i + 2 if words[h.i + 1] == "of" else h.i + 1
            h = Hit(h.rule, h.i, k, doc.starts[h.i], doc.ends[k - 1])
        if h.j - h.i > 1 and words[h.j - 1] == "of" and words[h.j - 2] in _DEATH_OF:
            # "leading to the death of eight", "the massacre of 21 miners": the count after
            h = Hit(h.rule, h.j - 2, h.j, doc.starts[h.j - 2], doc.ends[h.j - 1])
        phrase = _killing_phrase(words, h.j)
        if (
            h.rule.pos == "toll"
            and h.j - h.i > 1
            and words[h.i] not in KILLED_WORDS
            and words[h.i] not in WOUNDED_WORDS
            and words[h.j - 1] in KILLED_WORDS
        ):  # "embraced martyrdom": the phrase's last word stands for it
            toll_words = toll_words - set(range(h.i, h.j - 1))
            h = Hit(h.rule, h.j - 1, h.j, doc.starts[h.j - 1], doc.ends[h.j - 1])
        if h.rule.pos != "toll" and words[h.i] not in KILLED_WORDS:
            if h.j - h.i < 2 or (words[h.j - 1] not in KILLED_WORDS and not phrase):
                continue
            # "fighter jets have killed at least 21": the toll word ends a longer trigger
            # ("were gunned down", "hacked to death": the phrase's last word stands for it)
            h = Hit(h.rule, h.j - 1, h.j, doc.starts[h.j - 1], doc.ends[h.j - 1])
        w = words[h.i]
        is_k = w in KILLED_WORDS or w in _DEATH_OF or w == "loss" or phrase
        is_w = w in WOUNDED_WORDS
        if is_w and h.i > sa and words[h.i - 1] in ("fatally", "mortally"):
            is_k, is_w = True, False  # "a soldier was fatally wounded": killed
        if not (is_k or is_w):
            continue
        fwd_first = w in KILL_FWD or w in WOUND_FWD or w in _DEATH_OF or w in ("toll", "loss")
        if w in EITHER_WAY and not _is_passive_at(words, h.i, sa):
            # "X killed 5": active unless a number sits right before ("5 killed")
            # ... but "killed 30 people injured 90": a number right after reads forward
            fwd_first = any(ni == h.j for ni, _, _, _ in nums) or not _number_right_before(
                nums, h.i, toll_words, words
            )
        val: int | None = None
        # the directions the count is read in, forward (_fwd) or backward (_bwd), the
        # first that finds one wins (called directly: the compiled calls are native)
        order: str
        if fwd_first:
            order = "fb"
        elif w in ("killed", "wounded", "injured", "dead", "died") and _is_passive_at(
            words, h.i, sa
        ):
            order = "b"  # "were killed and 25 others injured": 25 is not the dead
        else:
            order = "bf"
        other = WOUNDED_WORDS if is_k else KILLED_WORDS
        for d in order:
            if d == "f":
                val = _fwd(nums, h, sa, sb, words, toll_words, other)
            else:
                val = _bwd(nums, h, sa, sb, words, toll_words, other)
            if val is not None:
                break
        if val is None:
            val = _singular(words, h, sa, sb, doc)
        listed = victim_list(words, h, sa, sb, nums)
        if listed is not None and (val is None or listed > val):
            val = listed  # "three militants, a soldier and seven civilians were killed"
        if val is None or val > 100_000 or _killed_or_wounded(words, h.i, h.j, sa, sb):
            continue
        if is_k:
            killed = val if killed is None else max(killed, val)
        else:
            wounded = val if wounded is None else max(wounded, val)
    return killed, wounded


def _update_before(words: list[str], ni: int) -> bool:
    """An update verb right before the count: "has risen to at least 112"."""
    return any(w in TOLL_UPDATE for w in words[max(0, ni - 4) : ni])


def _things_counted(words: list[str], j: int, sb: int) -> bool:
    """The count ending at token j counts things, not victims: "killed in 12 airstrikes",
    "evacuated from two besieged government-held towns" (a noun of things within the next
    few words, before any person, punctuation or preposition)."""
    for k in range(j, min(sb, j + 5)):
        w = words[k]
        if w in NOT_VICTIMS:
            return True
        if w in ("people", "civilians") or not w[:1].isalpha() and w != "-" or w in PREP:
            return False
        if w in ("as", "while", "when", "after", "and", "but"):
            return False  # "kills 20 as Taliban step up attacks"
        if w in KILLED_WORDS or w in WOUNDED_WORDS:
            return False
    return False


def _killed_or_wounded(words: list[str], i: int, j: int, sa: int, sb: int) -> bool:
    """ "40 soldiers were killed or wounded", "175 killed, injured": one count of the dead
    and the hurt together is neither toll."""
    for a, b in ((j, j + 1), (i - 2, i - 1)):  # the other word after, or before
        if a < sa or b + 1 > sb:
            continue
        k, w = (b, words[a]) if a == j else (a, words[b])
        if w in ("or", "and", ",", "/") and (words[k] in KILLED_WORDS or words[k] in WOUNDED_WORDS):
            if words[k] in KILLED_WORDS and words[k] in WOUNDED_WORDS:
                continue
            return (words[k] in WOUNDED_WORDS) != (words[i] in WOUNDED_WORDS) and not (
                k + 1 < sb and words[k + 1][:1].isdigit()
            )
    return j < sb and words[j] in WOUNDED_WORDS and words[i] in KILLED_WORDS  # "Killed Injured"


def cumulative(doc: Doc, sa: int, sb: int) -> bool:
    words = doc.words
    for k in doc.hot_in(sa, sb):
        for c in CUMULATIVE.get(words[k], ()):
            if phrase_at(words, k, c):
                if (
                    c[-1] in ("past", "last")
                    and k + len(c) < sb
                    and words[k + len(c)] in NEWS_SPANS
                ):
                    continue  # "over the past 24 hours", "in the last two days": news
                if c == ("since",) and (recent_since(words, k, sb) or since_ranks(words, k, sa)):
                    continue  # "since Tuesday"; "the worst since the war began" ranks it
                if describes_place(doc, k, sa):
                    continue  # "in western Cameroon, the scene of seven years of unrest"
                return True
    # "Hundreds of people have been killed in attacks": a vague count over a span of time
    seg = doc.words[sa:sb]
    if _toll_of_the_war(seg):
        return True
    if not _PERFECT.intersection(seg):
        return False
    # ("..., Amnesty International has said": no toll's tense)
    if not any(
        w in _PERFECT and t + 1 < len(seg) and seg[t + 1] not in _SAID for t, w in enumerate(seg)
    ):
        return False
    return bool(VAGUE_MANY.intersection(seg)) or _war_toll(seg)


def describes_place(doc: Doc, k: int, lo: int) -> bool:
    """Whether token ``k`` stands in an apposition or relative clause describing the place
    named before it ("western Cameroon, the scene of seven years of unrest", "Amhara
    region — an area that has become a hotspot ... in recent months"): what it tells is
    the place's past, not the toll's span."""
    words, text, starts, ends = doc.words, doc.text, doc.starts, doc.ends
    for g in range(k - 1, max(lo, k - 14) - 1, -1):
        # (a comma is a token; a dash between spaces is only in the gap before a word)
        if words[g] in (",", ";", "(") or any(ch in text[ends[g] : starts[g + 1]] for ch in "—–"):
            t = g + 1  # where the apposition or clause starts
            if words[t] in ("where", "which"):
                return True
            return (
                words[t] in ("the", "a", "an") and t + 1 < k and words[t + 1] in _PLACE_DESCRIPTIONS
            )
    return False


_PLACE_DESCRIPTIONS: Final = frozenset(
    ["scene", "area", "region", "site", "province", "state", "city", "town", "country",
     "district", "hotbed", "hotspot", "epicentre", "epicenter", "heartland", "stronghold",
     "flashpoint", "centre", "center"]
)  # fmt: skip


def since_ranks(words: list[str], k: int, lo: int) -> bool:
    """ "the worst since the outbreak of war", "the deadliest attack since 2019": the
    "since" at k ranks the event told, it counts no toll over the span."""
    return any(w in _SUPERLATIVES for w in words[max(lo, k - 4) : k])


def recent_since(words: list[str], k: int, hi: int) -> bool:
    """ "since Tuesday", "since dawn": a span of days, one battle's toll (not "since the
    war began", "since April")."""
    return k + 1 < hi and (words[k + 1] in DAYS or words[k + 1] in RECENT_SINCE)


def _toll_of_the_war(seg: list[str]) -> bool:
    """ "despite the killing of at least 100,000 people in the massive insurgency", "died
    in the civil war": a toll placed in the war itself, in any tense."""
    for t, w in enumerate(seg):
        if w not in _DIED:
            continue
        for k in range(t + 1, min(len(seg) - 1, t + 7)):
            if seg[k] == "in" and seg[k + 1] == "the":
                for m in range(k + 2, min(len(seg), k + 5)):
                    if seg[m] in _WARS and (m + 1 >= len(seg) or seg[m + 1] not in _NOT_WAR):
                        return True
                    if seg[m] in PREP or seg[m] in (",", ";", "."):
                        break
                break
    return False


def _war_toll(seg: list[str]) -> bool:
    """ "a 2-1/2 year conflict that has killed more than 100,000", "the violence has
    claimed 5,000 lives": a war noun shortly before a toll verb in the perfect."""
    for t in range(2, len(seg)):
        if seg[t] not in KILLED_WORDS or seg[t - 1] not in _PERFECT:
            continue
        for k in range(max(0, t - 7), t - 1):
            if seg[k] in WAR_NOUNS and (k + 1 >= len(seg) or seg[k + 1] not in _NOT_WAR):
                return True
    return False


_NOT_WAR: Final = frozenset(["crime", "crimes", "criminal", "criminals", "monitor"])
# a whole war, not a day's violence ("killed in the violence" is often one day's)
_WARS: Final = frozenset(["war", "wars", "conflict", "insurgency", "uprising", "revolution"])
_DIED: Final = frozenset(["killed", "killing", "died", "dead", "deaths", "lives", "perished"])


_PERFECT: Final = frozenset(["have", "has"])
_BEFORE_KILLED: Final = frozenset(
    ["shot", "and", "stabbed", "beaten", "brutally", "reportedly", "allegedly", "fatally"]
)
_DEATH_OF: Final = frozenset(
    ["death", "deaths", "massacre", "massacres", "killing", "killings", "martyrdom"]
)
_SAID: Final = frozenset(["said", "told", "reported", "stated", "added", "announced", "warned"])
_SUPERLATIVES: Final = frozenset(
    ["worst", "deadliest", "biggest", "largest", "heaviest", "bloodiest", "most"]
)
_PART_OF: Final = frozenset(["including", "among", "of", "them", "whom", "mostly", "mainly"])


def _is_passive_at(words: list[str], i: int, sa: int) -> bool:
    if i - 1 >= sa and words[i - 1] == "been":
        return True
    k = i - 1
    while k >= sa and words[k] in ("reportedly", "also", "allegedly", "being", "been", "confirmed"):
        k -= 1
    return k >= sa and words[k] in BE


def _number_right_before(
    nums: list[_Num], i: int, toll_words: set[int], words: list[str] | None = None
) -> bool:
    """ "5 killed", "12 people killed": a count right before an active-looking verb."""
    for _ni, nj, _, incl in nums:
        if nj <= i and i - nj <= 2 and not incl:
            if words is not None and any(words[k] in ("and", ",", "or") for k in range(nj, i)):
                continue
            return True
    return False


def _fwd(
    nums: list[_Num],
    h: Hit,
    sa: int,
    sb: int,
    words: list[str],
    toll_words: set[int],
    other: frozenset[str] = frozenset(),
) -> int | None:
    toll = words[h.j - 1] == "toll"
    reach = 16 if toll else 6
    for ni, nj, v, incl in nums:
        if ni < h.j:
            continue
        if ni - h.j > reach and not (toll and ni - h.j <= 32 and _update_before(words, ni)):
            break  # (but "the toll in an attack on buses ... has risen to 112" reads far)
        if any(
            k in toll_words or words[k] in other or words[k] in VICTIM_WORDS for k in range(h.j, ni)
        ) or any(words[k] in (";", ".") for k in range(h.j, ni)):
            break  # "kill a woman, injure 9": the 9 are the wounded ("abducting 17": taken)
        if incl or _counted_by(words, nj, sb, other):
            continue
        return v + _listed_after(nums, ni, nj, sb, words, toll_words, other)
    return None


def _listed_after(
    nums: list[_Num],
    ni: int,
    nj: int,
    sb: int,
    words: list[str],
    toll_words: set[int],
    other: frozenset[str],
) -> int:
    """ "killed 11 soldiers and four civilians", "eight soldiers, three policemen and two
    civilians": the dead of one list after a forward toll word are summed (not "12 of
    them children", not "wounding 20")."""
    total, link = 0, False
    pend = 0
    for mi, mj, v, incl in nums:
        if mi < nj:
            continue
        gap = words[nj:mi]
        if gap[-3:] == _AS_WELL_AS:
            gap = [*gap[:-3], "and"]  # "two soldiers as well as four civilians"
        if (
            incl
            or not 1 <= len(gap) <= 6  # ("five members of the security forces and four")
            or gap[-1] not in ("and", ",")
            or not all(g[:1].isalpha() or g == "," for g in gap[:-1])
            or any(g in toll_words or g in KILLED_WORDS or g in other for g in gap)
            or _part_of(words, nj - 1, mi)  # "18 people including two staff"
            or (mj < sb and words[mj] in ("of", "among"))
            or _counted_by(words, mj, sb, other)  # "risen to 13 and 106 injured"
        ):
            break
        pend += v
        if gap[-1] == "and":
            total, pend, link = total + pend, 0, True
        nj = mj
    return total if link else 0


def _part_of(words: list[str], lo: int, hi: int) -> bool:
    """Words that make what follows a part of a count: "including", "among", "of them"
    (not the "of" of "five members of the security forces")."""
    for t in range(lo, hi):
        w = words[t]
        if w in _PART_OF and (w != "of" or t + 1 < hi and words[t + 1] in _THEM):
            return True
    return False


def _counted_by(words: list[str], nj: int, sb: int, other: frozenset[str]) -> bool:
    """ "martyred and five other worshippers were wounded": a number whose own clause ends
    in a toll word of the other kind counts that toll, not this one."""
    for k in range(nj, min(sb, nj + 5)):
        w = words[k]
        if w in other:
            # "killed 30 people injured 90": the other word has a number of its own
            return not (k + 1 < sb and words[k + 1][:1].isdigit())
        if w in ("and", ",", ";", ".", "while", "including"):
            return False
    return False


def _bwd(
    nums: list[_Num],
    h: Hit,
    sa: int,
    sb: int,
    words: list[str],
    toll_words: set[int],
    other: frozenset[str] = frozenset(),
) -> int | None:
    at = h.i  # where the count is looked for before: the toll word, or a list of parts
    for n, (ni, nj, v, incl) in enumerate(reversed(nums)):
        if nj > h.i:
            continue
        if at - nj > 8 and _told_between(words, nj, at) > 8:
            break
        if any(k in toll_words for k in range(nj, at)) or any(
            words[k] in (";", ".") for k in range(nj, at)
        ):
            break
        if incl:
            # "30 people, including 18 soldiers and 12 militants, were killed"
            at = max(sa, ni - 1)
            continue
        # "120 Daesh extremists and 60 foreign mercenaries were killed": both are dead
        rest = nums[: len(nums) - 1 - n]
        if rest:
            pi, pj, pv, pincl = rest[-1]
            gap = words[pj:ni]
            if (
                not pincl
                and 1 <= len(gap) <= 6
                and gap[-1] == "and"
                and all(g[:1].isalpha() for g in gap)
                and not any(g in toll_words or g in KILLED_WORDS or g in other for g in gap)
                # "the toll has risen to 13 and 106 injured": 13 is the other toll's
                and not (pi > sa and words[pi - 1] in ("to", "at", "of"))
                and not (pi > sa and (words[pi - 1] in KILLED_WORDS or pi - 1 in toll_words))
            ):
                return pv + v
        return v
    return None


# Words between a count and its toll word that tell nothing of whom: "Seven soldiers
# ... are believed to have been killed", "No fewer than 42 persons were reportedly killed"
_HEDGES: Final = frozenset(
    ["were", "was", "are", "is", "had", "have", "has", "been", "being", "be", "to", "also",
     "all", "reportedly", "reported", "believed", "thought", "feared", "said", "confirmed",
     "presumed", "allegedly"]
)  # fmt: skip


def _told_between(words: list[str], lo: int, hi: int) -> int:
    """The words in ``words[lo:hi]`` that tell something: not auxiliaries or hedges, nor
    what a parenthesis spells out ("11 personnel of the CRPF (Central Reserve Police
    Force) have died")."""
    n = depth = 0
    for k in range(lo, hi):
        w = words[k]
        if depth == 0 and w in (",", "who", "which", "that", "when", "while"):
            return hi - lo  # ("100 people who are being held hostage by Maute, were killed")
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and w not in _HEDGES:
            n += 1
    return n


# Phrases of killing whose last word is no death word of its own
_KILLING_PHRASES: Final = frozenset(
    [("shot", "dead"), ("gunned", "down"), ("to", "death"), ("burned", "alive"), ("burnt", "alive")]
)


def _killing_phrase(words: list[str], j: int) -> bool:
    """Whether the trigger ending before token ``j`` ends in a phrase of killing: "shot
    dead", "gunned down", "hacked to death"."""
    return j >= 2 and (words[j - 2], words[j - 1]) in _KILLING_PHRASES


def _singular(words: list[str], h: Hit, sa: int, sb: int, doc: Doc | None = None) -> int | None:
    w = words[h.i]
    i = h.i  # where the verb starts
    if (
        w == "death"
        and h.j - h.i >= 4
        and words[h.i + 2] in ("its", "a", "an", "one")
        and words[h.j - 1] in PERSON_NOUNS
    ):
        return 1  # "reports death of its soldier"
    if _killing_phrase(words, h.j):  # "shot dead a journalist", "was gunned down"
        w = "killed"
        i = h.i - 1 if words[h.i] != "death" else h.i - 2
    # "killed a Filipino contractor", "Blast Kills Grand Mosque Imam"
    if w in ("killed", "kill", "kills", "killing", "wounded", "injured", "wounding", "injuring"):
        k = h.j
        if k < sb and words[k] in ("a", "an", "one"):
            for t in range(k + 1, min(sb, k + 5)):
                if words[t] in PERSON_NOUNS:
                    return 1
        elif k < sb and words[k] == "the" and w in ("killed", "kill", "kills", "killing"):
            # "killed the village head of Magira", "killed the district chief": one titled
            # victim (a singular person noun before "of" or the end of the phrase)
            for t in range(k + 1, min(sb, k + 4)):
                if words[t] in PERSON_NOUNS and (t + 1 >= sb or words[t + 1] in _TITLE_END):
                    return 1
                if not words[t][:1].isalpha():
                    break
        elif w in ("kills", "kill") and k < sb and words[k] not in ("the", "his", "her", "their"):
            for t in range(k, min(sb, k + 4)):
                if words[t] in PERSON_NOUNS:
                    return 1
                if not words[t][:1].isalpha() or words[t] in PREP or words[t] == "and":
                    break
    # "Child killed 9 civilians injured": a headline's singular victim
    if (
        w in ("killed", "dead")
        and i > sa
        and words[i - 1] in PERSON_NOUNS
        and (i - 1 == sa or not words[i - 2][:1].isdigit())
    ):
        return 1
    # "An Iraqi member of ... was killed", "Journalist Juan Perez was shot and killed"
    k = i if words[i] == "was" else i - 1  # ("Abdul Majid, 45, was shot dead")
    while k > sa and words[k] in _BEFORE_KILLED:
        k -= 1
    if (
        k >= sa
        and words[k] == "was"
        or (k - 1 >= sa and (words[k - 1], words[k]) == ("has", "been"))
    ):
        first = words[sa] if sa < sb else ""
        if first in ("a", "an", "one") or any(
            words[t] in PERSON_NOUNS for t in range(max(sa, k - 6), k)
        ):
            return 1
        # "Abdul Majid, 45, was shot dead": a name, maybe with his age, before "was"
        t = k - 1
        if t - 2 >= sa and words[t] == "," and words[t - 1][:1].isdigit() and words[t - 2] == ",":
            t -= 3
        if doc is not None and t >= sa and doc.text[doc.starts[t] : doc.starts[t] + 1].isupper():
            return 1
    return None


def running_toll(doc: Doc, si: int, sa: int, sb: int, locs: list) -> bool:
    """ "At least 327 people have also been killed in clashes in Aleppo province": a toll
    in the perfect passive of attacks in the plural, named on no day and placed no more
    precisely than a province, is a running count of many events, not one's."""
    seg = doc.words[sa:sb]
    if not _PLURAL_ATTACKS.intersection(seg):
        return False
    perfect = any(
        seg[t] == "been" and seg[t - 1] in _PERFECT or seg[t - 1] in ("also", "already")
        for t in range(1, len(seg))
        if seg[t] == "been"
    )
    if not perfect:
        return False
    if locs and locs[0].precision in ("city", "point"):
        return False
    days = doc.sent_dates(si)[0]
    return not any(
        d.precision == "day" and doc.starts[sa] <= d.start < doc.ends[sb - 1] for d in days
    )


_PLURAL_ATTACKS: Final = frozenset(
    ["clashes", "fighting", "bombings", "strikes", "airstrikes", "raids", "attacks", "battles"]
)


# --------------------------------------------------------------------- lists of victims

# People a list of victims names one by one besides PERSON_NOUNS and their plurals
_KIN: Final = frozenset(
    ["father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "uncle",
     "nephew", "cousin", "grandson", "granddaughter", "relatives", "people", "children",
     "women", "men", "policemen", "militiamen", "gunmen", "fishermen", "businessmen",
     "personnel", "police", "troops", "staff", "others", "sons", "daughters", "brothers",
     "sisters", "wives"]
)  # fmt: skip
_AS_WELL_AS: Final = ["as", "well", "as"]
_THEM: Final = frozenset(["them", "whom"])
_MONTHS: Final = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec"]
)  # fmt: skip
_POSSESSIVE: Final = frozenset(["his", "her", "their"])
_ONE: Final = frozenset(["a", "an", "one", "his", "her", "their", "another"])
_ONE_KIN: Final = frozenset(
    ["father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "uncle",
     "nephew", "cousin", "grandson", "granddaughter"]
)  # fmt: skip
_PARENTHESIS: Final = frozenset(["including", "among", "mostly", "mainly", "all"])
_NOT_MODIFIER: Final = _PARENTHESIS | frozenset(
    ["and", "or", "of", "in", "on", "at", "by", "from", "who", "were", "was", "with"]
)
_AUX: Final = frozenset(
    ["were", "was", "had", "have", "has", "been", "being", "reportedly", "also", "all"]
)  # fmt: skip


def _person(w: str) -> bool:
    return w in PERSON_NOUNS or w in _KIN or (w[-1:] == "s" and w[:-1] in PERSON_NOUNS)


def _list_at(
    words: list[str], t: int, sb: int, counts: dict[int, tuple[int, int]], bare: bool = False
) -> tuple[int, int, int, bool, bool]:
    """The list of victims starting at token ``t``: its total, where it ends, how many
    items, whether a parenthesis was skipped and whether "and" joins its last item. An
    item is a count ("seven", "a", "his") and up to four words ending in a person; in a
    ``bare`` headline's list, a person in the singular without a count is one."""
    total = items = 0
    k = t
    paren = joined = False
    end = t
    while k < sb:
        got = counts.get(k)
        if got is None and words[k] in _POSSESSIVE and k + 1 < sb:
            got = counts.get(k + 1)  # "her three children"
        one = False  # an item of one person: "a soldier", "the village head"
        if got is not None:
            n, m = got[1], got[0]
        elif words[k] in _ONE or words[k] == "the":
            n, m, one = 1, k + 1, words[k] != "a" and words[k] != "an"
        elif bare and words[k] not in _NOT_MODIFIER and words[k][:1].isalpha():
            n, m, one = 1, k, True  # a headline's "Hezbollah fighter, 2 children"
        else:
            break
        last = -1  # the item's last word: a person ("police officers" are two words)
        for q in range(m, min(sb, m + 4)):
            w = words[q]
            if _person(w):
                last = q
            elif (
                last >= 0
                or not w[:1].isalpha()
                or q in counts
                or w in _ONE
                or w in _NOT_MODIFIER
                or w in KILLED_WORDS
                or w in WOUNDED_WORDS
                or w in BE
            ):
                break
        if last < 0 or (one and words[last] not in PERSON_NOUNS and words[last] not in _ONE_KIN):
            break  # ("his sons", "the soldiers": no count of one)
        total, items, end = total + n, items + 1, last + 1
        k = last + 1
        if k + 1 < sb and words[k] == "," and words[k + 1] in _PARENTHESIS:
            # "Seven soldiers, including a young officer, were killed"
            q = k + 1
            while q < sb and words[q] not in (",", ";", "."):
                q += 1
            if q >= sb or words[q] != ",":
                break
            paren, end, k = True, q + 1, q
        if k < sb and words[k] == ",":
            k += 1
            if k < sb and words[k] == "and":
                joined, k = True, k + 1
        elif k < sb and words[k] == "and":
            joined, k = True, k + 1
        elif words[k : k + 3] == _AS_WELL_AS:
            joined, k = True, k + 3
        else:
            break
    return total, end, items, paren, joined


def victim_list(
    words: list[str], h: Hit, sa: int, sb: int, nums: list[tuple[int, int, int, bool]]
) -> int | None:
    """The sum of a list of victims told item by item: the subject of a passive toll
    ("Three militants, a soldier and seven civilians were killed", "10 soldiers, 2
    civilians killed") or the object of an active one ("killed a mayor, his father and 16
    other people"). None when there is no list of two items or more."""
    w = words[h.i]
    phrase = _killing_phrase(words, h.j)  # "shot dead", "hacked to death"
    if w not in KILLED_WORDS and w not in WOUNDED_WORDS and not phrase:
        return None
    counts = {ni: (nj, v) for ni, nj, v, _incl in nums}
    # after an active verb ("claims lives of 12 soldiers, 7 civilians"; a headline's
    # present tense lists without "and": "Israeli strikes kill Hezbollah fighter, 2 children")
    if h.j < sb and not _is_passive_at(words, h.i, sa):
        k = h.j
        if words[k : k + 2] == ["lives", "of"]:
            k += 2
        elif k < sb and words[k] == "of" and words[k - 1] == "lives":
            k += 1
        headline = w in ("kill", "kills", "claims", "claim")
        total, end, items, paren, joined = _list_at(words, k, sb, counts, headline)
        if items >= 2 and (joined or (headline and (end >= sb or words[end] in PREP))):
            return total
    # before the verb (and its auxiliaries): the longest list that ends there
    stop = h.i
    if phrase:  # "Militant Leader, 3 Accomplices Shot Dead"
        stop = min(h.i, h.j - (3 if words[h.j - 1] == "death" else 2))
    verb = stop
    while stop > sa and words[stop - 1] in _AUX:
        stop -= 1
    bare = stop == verb  # a headline's "10 soldiers, 2 civilians killed"
    for t in range(max(sa, stop - 24), stop):
        if t not in counts and words[t] not in _ONE and not (bare and t == sa):
            continue  # (a headline's list opens its clause: "Militant leader, 3 ...")
        total, end, items, paren, joined = _list_at(words, t, stop, counts, bare)
        if end == stop and (items >= 2 and (joined or bare) or paren):
            return total
    return None


def unnamed_victims(doc: Doc, si: int, sa: int, sb: int, bare: bool = False) -> int | None:
    """Where a one-sided attack's dead are counted as people only ("gunmen killed 35
    people in three villages", "a blast killed 12 persons"): the word "people", or None
    where the clause is two-sided ("clashes between herders and farmers left 9 people
    dead") or gives no such count. With ``bare`` (no state's forces struck), a count with
    no noun at all counts people too: "Gunmen kill 4, raze ...", "Car bomb kills five in
    Syria border town", "18 killed, 14 kidnapped in armed attacks"."""
    words = doc.words
    if TWO_SIDED.intersection(words[sa:sb]):
        return None
    counts = [n for n in doc.numbers(si) if n.is_count]
    after = [bisect_left(doc.starts, n.end) for n in counts]
    after += [
        t + 1
        for t in range(sa, sb - 1)
        if words[t] in ("a", "an", "one")
        # "killed the village head of Magira"
        or (words[t] == "the" and t > sa and words[t - 1] in _KILL_VERBS)
    ]
    if words[sa] in UNNAMED_VICTIMS:
        after.append(sa)  # a headline's bare "Man killed by sword-wielding mob"
    for k in sorted(after):
        if sa <= k < sb and k < len(words):
            if words[k] in _QUOTES and k + 1 < sb:
                k += 1  # 'killed "dozens" of people'
            if words[k] == "of" and k + 1 < sb:
                k += 1  # "dozens of people"
            # up to two words that qualify them: "three construction workers", "a
            # Georgian man"
            for _ in range(2):
                if k + 1 < sb and words[k] not in UNNAMED_VICTIMS and _MODIFIER.match(words[k]):
                    k += 1
            if words[k] in UNNAMED_VICTIMS:
                # (not "12 people including civilians and rebel fighters"; but "two
                # people were killed and two injured by Ukrainian artillery" lists none)
                for x in doc.sent_mentions(k + 1, min(sb, k + 8)):
                    gap = words[k + 1 : x.i]
                    if (
                        x.kind == "actor"
                        and not x.speaker  # ("..., the Houthi rebels said")
                        and (x.m.sector or x.m.entity.sector) != "CVL"
                        and _PART_OF_LIST.intersection(gap)
                        and not _CLAUSE_WORDS.intersection(gap)
                    ):
                        return None
                return k
    if bare:
        for n in counts:
            i = bisect_left(doc.starts, n.start)
            j = bisect_left(doc.starts, n.end)
            if not sa <= i < sb:
                continue
            h = i - 1
            while h > sa and words[h] in _ABOUT:
                h -= 1  # "kill at least 12", "kills more than 100"
            if (j >= sb or words[j] in _BARE_END) and h >= sa and words[h] in _KILL_VERBS:
                return i  # "Gunmen kill 4, raze ...", "Car bomb kills five in ..."
            if j < sb and words[j] in _DEATH_WORDS and (h < sa or words[h] in (",", ":")):
                return i  # "18 killed, 14 kidnapped", "Five dead in ..."
    return None


# what may follow a titled victim's noun: "the village head of Magira", "the chief, ..."
_TITLE_END: Final = frozenset(["of", ",", ".", "in", "on", "at", "near", ";", "-", "—"])
# what may stand between a count of bare dead and its verb ("kill at least 12")
_ABOUT: Final = frozenset(
    ["at", "least", "more", "than", "over", "nearly", "almost", "some", "about", "around",
     "up", "to", "another", "a", "further"]
)  # fmt: skip
_KILL_VERBS: Final = frozenset(
    ["kill", "kills", "killed", "killing", "leave", "leaves", "left", "leaving", "claim",
     "claims", "claimed"]
)  # fmt: skip
_DEATH_WORDS: Final = frozenset(["killed", "dead", "die", "died", "dies", "slain"])
# what may follow a bare count: the end of its phrase ("kills 4, ...", "kills five in ...")
_BARE_END: Final = frozenset(
    [",", ".", ";", ":", "-", "—", "–", "in", "at", "on", "as", "after", "during", "near",
     "and", "including", "while", "when", "across", "inside", "outside", "overnight", "since",
     "over", "along", "around", "from", "amid", "among"]
)  # fmt: skip
# words of a clause of its own, after which nothing lists the dead ("were killed and ...")
_CLAUSE_WORDS: Final = frozenset(
    ["were", "was", "are", "is", "have", "has", "had", "by", "killed", "died", "injured",
     "wounded", "when", "after"]
)  # fmt: skip


_MODIFIER: Final = re.compile(r"[a-z][a-z-]*$")
_QUOTES: Final = frozenset(['"', "“", "”", "'"])
_PART_OF_LIST: Final = frozenset(["including", "among", "and", "mostly", "mainly", "whom"])
