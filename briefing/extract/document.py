"""The per-article working state of the event engine: the token grid, sentences and
mentions placed on it (:class:`Placed`), and the hot words each later scan visits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from briefing.extract.patterns import WORD_RE, Lexicon
from briefing.extract.places import location, participant
from briefing.extract.vocab import (
    AFFILIATE,
    ATTACKER_NOUNS,
    ATTRIBUTIVE,
    BE,
    CLAIM,
    CUE_KINDS,
    CUMULATIVE,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    HELD_SUFFIXES,
    HELD_VERBS,
    KILLED_WORDS,
    LOC_SKIP,
    LOCATIVE,
    ORIGIN_SUFFIXES,
    PARTITIVE,
    PLACE_NOUNS,
    PREP,
    VICTIM_WORDS,
    WOUNDED_WORDS,
    incident_head,
)
from briefing.gazetteer import load as load_gazetteer
from briefing.model import Article, Location, Mention, Participant
from briefing.text.dates import DateExpr, date_starts, find_dates, parse_iso
from briefing.text.numbers import COUNT_WORDS, Number, find_numbers
from briefing.text.offsets import bisect_left
from briefing.text.sentences import split_sentences

# A mark at either end of a run of characters between white space that is a token of
# its own (see WORD_RE) whatever the word it touches.
_HEADS: Final = frozenset('("“')
_TAILS: Final = frozenset('.,;:!?)"”')
# the first two characters of the suffixes read after a mention ("-based", " held",
# "-backed"): text after a mention that starts otherwise has none of them
_SUFFIX_HEADS: Final = frozenset(
    sx[:2] for sx in ORIGIN_SUFFIXES + ATTRIBUTIVE + HELD_SUFFIXES if len(sx) >= 2
)
_SHORT_SUFFIX: Final = any(len(sx) < 2 for sx in ORIGIN_SUFFIXES + ATTRIBUTIVE + HELD_SUFFIXES)
# what follows a dateline's city: "(Reuters)", ", Syria (AP)", "— "
_DATELINE_TAIL: Final = re.compile(
    r"(?:,\s*[A-Z][A-Za-z ]{2,20})?\s*(?:\([A-Z][\w .&-]{1,30}\)|[—–]\s)"
)


_TITLE_DATELINE: Final = re.compile(
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Z][\w .&-]{1,30}\)\s*)?(?:[-–—:]\s|\([A-Z])"
)


# words that make a report's place vague: a bearing, a district, a region
_VAGUE_SCENE: Final = re.compile(
    r"\b(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est"
    r"|district|agency|region|province|county|governorate|state\b|tribal|area\b)"
)
# a wire service's mark before its headline: "UPDATE 2-", "CORRECTED-UPDATE 3-", "WRAPUP 5-"
_WIRE_MARK: Final = re.compile(
    r"^\s*(?:corrected-)?(?:update|wrapup|refile|rpt|exclusive|insight|analysis)(?:\s*\d+)?-(?=\w)"
)
# the end of a dateline after its places: " (Reuters) - ", " - ", ": "
_DATELINE_END: Final = re.compile(
    r"\s*(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?)?"
    r"\s*(?:\([^()]{1,40}\)\s*|\|\s*[A-Za-z][\w .'-]{0,30}?\s*)?[-–—:]\s+"
)  # " - ", " (AFP) - ", ", Nov 1 (NNN-MA'AN) - ", " | AFP - "
# a dateline in title case names its agency: "Bamako (AFP) - ", "N'Djamena, Chad | AFP - "
_AGENCY_END: Final = re.compile(
    r"(?:,\s*[A-Z][\w' .-]{1,30}?)?\s*(?:\([A-Z][^()]{1,30}\)|\|\s*[A-Z][A-Za-z]{1,20})\s*[-–—:]?\s+"
)


def tokenize(low: str) -> tuple[list[str], list[int]]:
    """WORD_RE's tokens of ``low`` and where they start. White space is never part of a
    token, so the text is read one run between white space at a time: most runs are one
    plain word, taken as it is; most others a word, or words joined by hyphens or
    apostrophes, with a bracket, a quote or a punctuation mark at its ends. The
    expression reads only the rest (about one run in a hundred)."""
    words: list[str] = []
    starts: list[int] = []
    pos = -1
    for chunk in low.split():
        # after the first run, low[pos] is the white space that ended the last one: the
        # next starts right after it unless more white space follows (the usual single
        # space is told by one character, not searched for)
        at = pos + 1 if pos >= 0 and 32 < ord(low[pos + 1]) < 127 else low.find(chunk, pos + 1)
        pos = at + len(chunk)
        if chunk.isalnum():
            words.append(chunk)
            starts.append(at)
            continue
        head = chunk[0] in _HEADS
        tail = chunk[-1] in _TAILS
        core = chunk[1 if head else 0 : -1 if tail else len(chunk)]
        if core.isalnum() or _joined(core):
            if head:
                words.append(chunk[0])
                starts.append(at)
            words.append(core)
            starts.append(at + 1 if head else at)
            if tail:
                words.append(chunk[-1])
                starts.append(pos - 1)
        else:
            for m in WORD_RE.finditer(low, at, pos):
                words.append(m.group())
                starts.append(m.start())
    return words, starts


def _joined(core: str) -> bool:
    """Words of letters and digits joined by single hyphens or apostrophes ("iran-backed",
    "syria's"): one token."""
    return all(p.isalnum() for p in core.replace("'", "-").split("-"))


@dataclass(slots=True, init=False, eq=False)
class Placed:
    """A mention placed on the token grid."""

    m: Mention
    i: int
    j: int
    kind: str  # actor | place
    speaker: bool = False
    skip: bool = False  # "-based", a possessive modifier of a following actor ...
    held: bool = False  # "ISIS-held": the holder is a target
    poss: bool = False  # "Iraq's ...": a country as owner, not as place
    counted: bool = False  # "25 Nusra fighters killed": victims counted, never the actor
    part: Participant | None = None  # participant(m) and location(m), made once
    loc: Location | None = None

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        m: Mention,
        i: int,
        j: int,
        kind: str,
        speaker: bool = False,
        skip: bool = False,
        held: bool = False,
        poss: bool = False,
        counted: bool = False,
        part: Participant | None = None,
        loc: Location | None = None,
    ) -> None:
        self.m = m
        self.i = i
        self.j = j
        self.kind = kind
        self.speaker = speaker
        self.skip = skip
        self.held = held
        self.poss = poss
        self.counted = counted
        self.part = part
        self.loc = loc

    @property
    def participant(self) -> Participant:
        if self.part is None:
            self.part = participant(self.m)
        return self.part

    @property
    def location(self) -> Location:
        if self.loc is None:
            self.loc = location(self.m)
        return self.loc


BE_WORDS: Final = frozenset(("and", "or", "'s", "is", "are", "was", "were", "has", "have", "had"))


def _resolve_definite_groups(ms: list[Placed], words: list[str]) -> None:
    """Definite anaphora: "the jihadist group", "the militant group's" name the armed
    group the article named last ("ISIS ... the jihadist group's bases"), not militants
    at large. Only a singular group noun after "the/this/that" is read this way."""
    last: Mention | None = None
    last_subject: Mention | None = None  # subjects are the likelier antecedents
    for x in ms:
        e = x.m.entity
        if x.kind != "actor":
            continue
        if e.id not in GENERIC_GROUPS:
            if (
                e.type == "armed_group"
                and not x.counted
                and "against" not in words[max(0, x.i - 4) : x.i]
            ):
                last = x.m  # not a group attacked: "41 FSA rebels", "against the FSA"
                nxt = words[x.j] if x.j < len(words) else ""
                if nxt[:1].islower() and nxt not in PREP and nxt not in BE_WORDS:
                    last_subject = x.m  # "Islamic State militants attacked ...", not "X is"
            continue
        if last is None or x.i == 0 or words[x.i - 1] not in ("the", "this", "that"):
            continue
        ante = last
        if last_subject is not None and last.start - last_subject.start < 400:
            ante = last_subject
        head = words[x.j - 1]
        nxt = words[x.j] if x.j < len(words) else ""
        if head.startswith(GROUP_NOUNS) or nxt.startswith(GROUP_NOUNS):
            if head.endswith("s") and not head.endswith("'s") or nxt.endswith("s'"):
                continue  # "the militant groups": plural, not one named group
            m = x.m
            x.m = Mention(ante.entity, m.start, m.end, m.text, ante.sector, m.score)


# what stands between a generic group and the group that names it: "guerrillas from the
# National Liberation Army", "militants of the Islamic State", "the guerrilla organization
# FARC", "Islamist insurgents, Boko Haram,"
_NAMED_BY: Final = frozenset(
    [("from",), ("from", "the"), ("of",), ("of", "the"), (",",), ("organization",),
     ("organisation",), ("group",), ("movement",), ("faction",), ("group", ","),
     ("organization", ","), ("known", "as"), ("called",), ("calling", "themselves")]
)  # fmt: skip


def _country_after_town(ms: list[Placed], text: str) -> None:
    """ "A car bomb in Kirkuk, Iraq killed 7": the country after a town of its own and a
    comma only says where the town is (no subject, no second place)."""
    for n in range(1, len(ms)):
        x, y = ms[n], ms[n - 1]
        if (
            x.m.entity.type in ("country", "state")
            and x.m.sector is None
            and x.m.text == x.m.entity.name
            and y.kind == "place"
            and y.m.entity.type in ("city", "admin1", "region")
            and y.m.entity.country == x.m.entity.country
            and text[y.m.end : x.m.start].strip() == ","
        ):
            x.skip = True


def _generics_named(ms: list[Placed], words: list[str], text: str) -> None:
    """A generic group the next words name is that group, and all those words its name:
    "an attack by guerrillas from the National Liberation Army (ELN)", "left-wing
    guerrilla organization FARC"."""
    n = 0
    while n < len(ms) - 1:
        x, y = ms[n], ms[n + 1]
        n += 1
        e = y.m.entity
        if (
            x.kind != "actor"
            or x.m.entity.id not in GENERIC_GROUPS
            or x.skip
            or y.kind != "actor"
            or e.type != "armed_group"
            or e.id in GENERIC_GROUPS
            or tuple(words[x.j : y.i]) not in _NAMED_BY
        ):
            continue
        m = x.m
        x.m = Mention(e, m.start, y.m.end, text[m.start : y.m.end], y.m.sector, m.score)
        x.j = y.j
        ms.remove(y)
    # "The Islamic State West Africa Province (ISWAP) terrorists", "Islamic State (ISIS)
    # militants": the group's name and its generic noun are one mention of the group
    n = 0
    while n < len(ms) - 1:
        x, y = ms[n], ms[n + 1]
        n += 1
        if x.kind != "actor" or x.m.entity.type != "armed_group" or x.m.entity.id in GENERIC_GROUPS:
            continue
        if (
            y.m.entity.id == x.m.entity.id
            and words[x.j : y.i] == ["("]
            and y.j < len(words)
            and words[y.j] == ")"
            and n + 1 < len(ms)
            and ms[n + 1].i == y.j + 1
            and ms[n + 1].m.entity.id in GENERIC_GROUPS
        ):  # "Islamic State West Africa Province (ISWAP) terrorists": one name, its noun
            ms.remove(y)
            y = ms[n]
        gap = words[x.j : y.i]
        if (
            y.kind == "actor"
            and y.m.entity.id in GENERIC_GROUPS
            and (gap in (["(", ")"], [")"]) or (len(gap) == 3 and gap[0] == "(" and gap[2] == ")"))
        ):
            m = x.m
            x.m = Mention(m.entity, m.start, y.m.end, text[m.start : y.m.end], m.sector, m.score)
            x.j = y.j
            ms.remove(y)


def _patrons_out(ms: list[Placed], words: list[str]) -> None:
    """ "a bomber from al-Qaeda's Syrian affiliate al-Nusra Front": the group after an
    affiliate noun is the party; the patron and the demonym before it only name it."""
    for n, x in enumerate(ms):
        if x.kind != "actor" or x.i == 0 or words[x.i - 1] not in AFFILIATE:
            continue
        for y in reversed(ms[:n]):
            if y.j < x.i - 5:
                break
            if y.kind == "actor":
                y.skip = True


def _demonyms_to_groups(ms: list[Placed], words: list[str]) -> None:
    """ "Haitian gangs", "Mexican cartel gunmen", "Somali pirates": a demonym right before a
    group that names no country gives the group its country; the state did nothing. So
    does a country's possessive before a group of that country ("Colombia's ELN rebels")."""
    for n in range(1, len(ms)):  # each mention and the next (no zip: a compiled loop)
        a, b = ms[n - 1], ms[n]
        e, g = a.m.entity, b.m.entity
        if a.kind != "actor" or e.type != "state" or g.type != "armed_group":
            continue
        if b.i != a.j and not (
            b.i - a.j <= 2 and all(_qualifies_group(w) for w in words[a.j : b.i])
        ):
            continue  # ("Cameroonian English-speaking separatists": the separatists')
        if words[a.j - 1].endswith(("'s", "’s")):
            if g.country and g.country != e.country:
                continue  # "Iraq's ISIS": where, not whose
        elif a.m.sector is not None or g.country:
            continue
        elif a.m.text.casefold() == e.name.casefold() and g.id not in GENERIC_GROUPS:
            continue  # "Syria rebels" too, but "Iraq ISIS" says where
        a.skip = True
        if not g.country:
            p = participant(b.m)
            b.part = Participant(p.id, p.name, a.m.text + " " + p.text, p.type, e.country, p.sector)


def _qualifies_group(w: str) -> bool:
    """A word between a demonym and its group that only qualifies the group: "English-
    speaking", "anglophone", "armed"."""
    return ("-" in w and w.replace("-", "").isalpha()) or w in _GROUP_QUALIFIERS


_GROUP_QUALIFIERS: Final = frozenset(
    ["armed", "anglophone", "francophone", "islamist", "jihadist", "separatist", "ethnic",
     "rogue", "breakaway", "suspected", "alleged", "radical", "extremist", "militant"]
)  # fmt: skip


# Words of time between a counted group and its verb: "About 200 bandits on Wednesday
# morning killed 18 villagers"
_WHEN_WORDS: Final = frozenset(
    ["on", "in", "at", "early", "late", "last", "this", "the", "morning", "night", "evening",
     "afternoon", "overnight", "yesterday", "today", "reportedly", "allegedly", "also",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "dawn"]
)  # fmt: skip

# an armed group tied to the one its word qualifies ("an al-Qaeda-affiliated group"; not
# "a rebel-led offensive", which the rebels lead)
_TIED_TO: Final = ("-affiliated", "-linked", "-allied", "-aligned", "-backed", "-sponsored")


# what follows a country that heads a report: "Afghanistan: Taliban attack kills 12",
# "Colombia - ELN attack leaves 9 soldiers dead"
_HEADING_MARKS: Final = (":", " :", " - ", " – ", " — ")


def _toll_follows(words: list[str], j: int) -> bool:
    """What befell the people counted before token j ends their phrase ("... fighters were
    killed", "250 Syrian troops taken hostage")."""
    for k in range(j, min(len(words), j + 8)):
        w = words[k]
        if w in ATTACKER_NOUNS:
            return False  # "two ISIS suicide bombers ... have killed 30": they did it
        if w in KILLED_WORDS or w in WOUNDED_WORDS or w in VICTIM_WORDS:
            if k > j and words[k - 1] in ("have", "has", "had"):
                return False
            # "About 200 bandits ... killed 18 villagers": a verb with a count of its own
            # after it was done by the counted
            nxt = words[k + 1] if k + 1 < len(words) else ""
            return not (
                words[k - 1] not in BE
                and (nxt[:1].isdigit() or nxt in COUNT_WORDS or nxt == "at")
                and all(w in _WHEN_WORDS for w in words[j:k])
                # (not a headline's "40 Civilians Killed 100 Injured")
                and not any(w in WOUNDED_WORDS or w in KILLED_WORDS for w in words[k + 2 : k + 5])
            )
        if w in (",", ";", ".", ":", "(", "who", "which", "that"):
            return False
    return False


@dataclass(slots=True, frozen=True)
class HotWords:
    """The words that can start anything the engine looks for. Each article lists the
    positions of its tokens among them once (``Doc.hot``); every later scan of a
    sentence or clause visits only those positions instead of every token."""

    any: frozenset[str]
    trigger: frozenset[str]
    clause: frozenset[str]  # boundaries and verbs of saying
    mode: frozenset[str]
    modality: frozenset[str]
    speech: frozenset[str]
    # word -> the modality kinds (in the order read) whose cue phrases it starts, each
    # with its phrase index (see modality.cue_kinds)
    cue_kinds: dict[str, list[tuple[str, dict[str, list[tuple[str, ...]]]]]]


_HOT: Final[dict[int, tuple[Lexicon, HotWords]]] = {}


def hot_words(lex: Lexicon) -> HotWords:
    got = _HOT.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1]
    trigger = lex.matcher.first_words()
    clause = frozenset(lex.boundaries) | lex.speech
    mode = frozenset(lex.mode_first)
    modality = frozenset(w for idx in lex.modality.values() for w in idx) | frozenset(
        ph[0] for ph in lex.after_hypothetical
    )
    cue_kinds: dict[str, list[tuple[str, dict[str, list[tuple[str, ...]]]]]] = {}
    for kind in CUE_KINDS:
        index = lex.modality.get(kind)
        if index:
            for w in index:
                cue_kinds.setdefault(w, []).append((kind, index))
    hot = HotWords(
        any=trigger | clause | mode | modality | frozenset(CUMULATIVE) | CLAIM,
        trigger=trigger,
        clause=clause,
        mode=mode,
        modality=modality,
        speech=lex.speech,
        cue_kinds=cue_kinds,
    )
    _HOT.clear()
    _HOT[id(lex)] = (lex, hot)
    return hot


class Doc:
    """Per-article working state (token grid, sentences, mentions)."""

    __slots__ = (
        "article",
        "text",
        "lex",
        "words",
        "starts",
        "ends",
        "sents",
        "sent_tok",
        "hotset",
        "hot",
        "hot_at",
        "mentions",
        "mstarts",
        "filed_near",
        "filed_in",
        "story_start",
        "ref",
        "ref_iso",
        "focus",
        "region",
        "country",
        "quiet",
        "nulled",
        "title_mode",
        "nums",
        "dates",
    )

    def __init__(self, article: Article, mentions: list[Mention], lex: Lexicon):
        self.article = article
        self.text = text = article.text
        self.lex = lex
        low = text.lower().replace("’", "'")
        if len(low) != len(text):  # a few letters change length when lower-cased
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("’", "'")
        if "-" in low[:40]:  # "UPDATE 2-Suicide bomber kills 12": the wire's mark, no word
            low = _WIRE_MARK.sub(lambda m: " " * len(m.group()), low)
        words, starts = tokenize(low)
        ends = [starts[k] + len(words[k]) for k in range(len(words))]
        self.words, self.starts, self.ends = words, starts, ends
        self.hotset = hs = hot_words(lex)
        any_ = hs.any
        hot = [k for k in range(len(words)) if words[k] in any_]
        if "n't" in low:  # a negation cue wherever it is glued
            hot = sorted(set(hot) | {k for k, w in enumerate(words) if w.endswith("n't")})
        self.hot = hot
        # hot_at[k]: the index in hot of the first hot position >= k (k in 0..len(words)),
        # so that hot_in slices without a binary search (it is asked some 200 times an
        # article)
        hot_at: list[int] = []
        h = 0
        nh = len(hot)
        for k in range(len(words) + 1):
            while h < nh and hot[h] < k:
                h += 1
            hot_at.append(h)
        self.hot_at = hot_at
        # numbers and dates of a sentence, found when an event there first needs them
        self.nums: dict[int, list[Number]] = {}
        self.dates: dict[int, tuple[list[DateExpr], list[int]]] = {}
        self.sents = split_sentences(text)
        # the token span of each sentence: (bisect_left(starts, s.start), bisect_left(starts,
        # s.end)), found by walking the tokens once (the sentences come in text order)
        sent_tok: list[tuple[int, int]] = []
        nw = len(starts)
        p = 0
        for s in self.sents:
            while p < nw and starts[p] < s.start:
                p += 1
            q = p
            while q < nw and starts[q] < s.end:
                q += 1
            sent_tok.append((p, q))
        self.sent_tok = sent_tok
        ms: list[Placed] = []
        sent_first = [t for t, _ in self.sent_tok]
        heads = set(sent_first)
        ordered = sorted(mentions, key=lambda x: x.start)
        place_starts = {x.start for x in ordered if x.entity.kind == "place"}
        p = 0  # bisect_left(ends, m.start + 1), walked: the mentions come in text order
        for m in ordered:
            while p < nw and ends[p] < m.start + 1:
                p += 1
            i = p
            if m.end > m.start:  # bisect_left(starts, m.end): no token before i starts later
                j = i
                while j < nw and starts[j] < m.end:
                    j += 1
            else:
                j = bisect_left(starts, m.end)
            if i >= j:
                continue
            kind = m.entity.kind
            x = Placed(m, i, j, kind)
            after = text[m.end : m.end + 20].lower()
            suffixed = _SHORT_SUFFIX or after[:2] in _SUFFIX_HEADS  # else none of them
            if suffixed and after.startswith(ORIGIN_SUFFIXES):
                x.skip = True
            elif suffixed and kind == "place" and after.startswith(ATTRIBUTIVE):
                x.skip = True  # "Iran-backed", "Iranian-made": not where anything happened
            elif suffixed and m.entity.type == "armed_group" and after.startswith(_TIED_TO):
                # "al-Shabaab, an al-Qaeda-affiliated terrorist group": the group the
                # following one is tied to, no side of the event
                x.skip = True
            elif (
                kind == "place"
                and m.entity.type == "country"
                and (after.startswith(("'s ", "’s ")) or _apostrophe_lost(m.text, m.entity.name))
                and not _place_follows(words, text, starts, j)
                and not (  # "in Burkina Faso's Seno province": the country places it
                    locative_before(words, i) and _unknown_name_after(text, m.end, place_starts)
                )
            ):
                x.poss = True  # "Iraq's defense ministry": an actor's name, not a place
            elif (
                kind == "place"
                and m.entity.type == "country"
                and not locative_before(words, i)
                and not incident_head(words, j)  # "Iraq bombs kill 21": where they went off
            ):
                x.poss = True  # "Iraq wanted ...": a country as subject is an actor
            elif suffixed and after.startswith(HELD_SUFFIXES) and not after.startswith(HELD_VERBS):
                x.held = True
            elif m.entity.type == "state" and i in heads and after.startswith(_HEADING_MARKS):
                # "Colombia - ELN attack leaves 9 dead": a heading, no actor; where it was
                x = _as_country(x) or x
                x.skip = x.kind != "place"
            elif (
                m.entity.type == "state"
                and m.sector is None
                and j < nw
                and words[j] in _WHERE_NOUNS
            ):
                x = _as_country(x) or x  # "Afghan violence kills 20": where, not who
            if kind == "actor" and ms and ms[-1].j == i and ms[-1].kind == "actor":
                x.counted = ms[-1].counted  # "25 Al-Nusra | fighters"
            elif kind == "actor" and i:
                k = i - 1
                if words[k] == "of" and k:  # "dozens of ISIS fighters"
                    k -= 1
                    if words[k] in PARTITIVE and k:  # "14 members of the security forces"
                        k -= 1
                first = sent_first[max(0, bisect_left(sent_first, i + 1) - 1)]
                x.counted = (
                    k >= first
                    and (
                        words[k] in COUNT_WORDS
                        or words[k][0].isdigit()
                        # ("A jawan died in an encounter", "a soldier was killed")
                        or (words[k] in ("a", "an") and j < nw and words[j] in ("died", "was"))
                    )
                    and _toll_follows(words, j)
                )
            ms.append(x)
        _country_after_town(ms, text)
        _generics_named(ms, words, text)
        _resolve_definite_groups(ms, words)
        _patrons_out(ms, words)
        _demonyms_to_groups(ms, words)
        # sentence -> the place of its dateline where that is the only place it gives
        self.filed_near: dict[int, Placed] = {}
        self.filed_in: dict[int, str] = {}  # ... the country of a capital's dateline
        self.story_start: dict[int, int] = {}  # ... -> the token after its dateline
        self._skip_dateline_place(ms)
        self.mentions = ms
        self.mstarts = [x.i for x in ms]
        self.ref = parse_iso(article.date)
        self.ref_iso = self.ref.isoformat() if self.ref else None
        self.focus: Location | None | bool = False
        self.region: Location | None | bool = False
        self.country: str | None | bool = False
        self.quiet: set[int] = set()  # tokens of clauses that only introduce speech
        self.nulled: set[int] = set()  # tokens of null patterns' matches: no mode cues
        self.title_mode: str | None | bool = False  # the title's lethal mode, once read

    def _skip_dateline_place(self, ms: list[Placed]) -> None:
        """ "MOSCOW Some 120 ... were killed": the city a report was filed from, in
        capitals before the first sentence of the story, is not where anything happened,
        nor is what follows it (", Kurdistan Region", ", Ukraine"). Where it is no national
        capital and the sentence gives no other place but its country, it is kept in
        ``filed_near`` as the place of the sentence's events ("DIYARBAKIR - ... in Turkey's
        southeast", "YALA, Thailand - ... in southern Thailand": filed near the scene)."""
        for s in self.sents[:3]:
            line: list[Placed] = []
            for x in ms:
                if x.m.start >= s.start + 30 or x.m.start > s.end:
                    break
                if (
                    x.kind == "place"
                    and x.m.start >= s.start
                    and len(x.m.text) > 3
                    and (
                        x.m.text.isupper()
                        or x.m.start == s.start
                        and _AGENCY_END.match(self.text, x.m.end)
                    )
                ):
                    line.append(x)
                    break
            if not line:
                continue
            head = line[0]
            text = self.text
            k = ms.index(head) + 1
            end = head.m.end
            while k < len(ms) and text[end : ms[k].m.start].strip() in (",", "/"):
                line.append(ms[k])  # "ERBIL, Kurdistan Region", "IMPHAL/ CHURACHANDPUR"
                end = ms[k].m.end
                k += 1
            for x in line:
                x.skip = True
                if x.kind == "actor":  # "KHARKIV, Ukraine - A Russian missile hit ..."
                    ms.remove(x)
            dash = _DATELINE_END.match(self.text, end)
            if dash:  # ("JERUSALEM, Nov 1 (NNN-MA'AN) -": the agency is no place)
                for x in ms:
                    if end <= x.m.start < dash.end():
                        x.skip = True
            self.story_start[s.index] = bisect_left(self.starts, dash.end() if dash else end)
            e = head.m.entity
            g = load_gazetteer()
            town = g.seat(e) if e.type == "admin1" else e if e.type == "city" else None
            if town is None or g.capital_of(town) is not None:
                if e.country:  # ("MOSCOW": the city or its division, filed from the capital,
                    self.filed_in[s.index] = e.country  # in its country if anywhere)
                continue
            rest = [x for x in ms if x.kind == "place" and end < x.m.start < s.end]
            if not all(
                x.m.entity.type == "country" and x.m.entity.country == e.country for x in rest
            ):
                continue
            if e.type == "city" and _VAGUE_SCENE.search(self.text, end, s.end):
                # "PESHAWAR - ... in Pakistan's turbulent northwest", "QUETTA - ... in Kech
                # district": somewhere in its province, filed from the region's main town
                adm = g.division(e)
                if adm is None:
                    continue
                head = Placed(
                    Mention(adm, head.m.start, head.m.end, head.m.text), head.i, head.j, "place"
                )
            self.filed_near[s.index] = head
        # "Raipur - Two Maoists were killed in Sukma", "Kano: ... in Borno", "Bijapur, Jan 6
        # (PTI) ...": a dateline in title case, where the sentence names another place
        for s in self.sents[:3]:
            first = next((x for x in ms if x.m.start >= s.start), None)
            if first is None or first.kind != "place" or first.m.start != s.start:
                continue
            chain = [first]  # "London/Quetta - ...": filed from both
            k = ms.index(first) + 1
            while k < len(ms) and self.text[chain[-1].m.end : ms[k].m.start].strip() == "/":
                chain.append(ms[k])
                k += 1
            if not _TITLE_DATELINE.match(self.text, chain[-1].m.end):
                continue
            if len({x.m.entity.country for x in chain}) > 1 or any(
                x.kind == "place" and x.m.start < s.end for x in ms[k:]
            ):
                for x in chain:
                    x.skip = True
        # "... East of Hama DAMASCUS (Sputnik) The death toll ...": a dateline run into the
        # text before it, anywhere in the article's opening
        text = self.text
        for x in ms:
            if x.m.start > 2000:
                break
            if x.kind == "place" and len(x.m.text) > 3 and x.m.text.isupper():
                after = text[x.m.end : x.m.end + 30]
                if _DATELINE_TAIL.match(after):
                    x.skip = True

    def hot_in(self, a: int, b: int) -> list[int]:
        """Positions of hot tokens (see :class:`HotWords`) in ``words[a:b]``."""
        hot = self.hot
        at = self.hot_at
        if a >= 0 and b < len(at):
            return hot[at[a] : at[b]] if a < b else []
        return hot[bisect_left(hot, a) : bisect_left(hot, b)]

    def numbers(self, si: int) -> list[Number]:
        got = self.nums.get(si)
        if got is None:
            # where numbers can start is looked up in this sentence only (at=None: few
            # sentences are ever asked for their numbers)
            s = self.sents[si]
            got = find_numbers(
                self.text, s.start, s.end, words=self.words, starts=self.starts, at=None
            )
            self.nums[si] = got
        return got

    def sent_dates(self, si: int) -> tuple[list[DateExpr], list[int]]:
        got = self.dates.get(si)
        if got is None:
            a, b = self.sent_tok[si]
            at = date_starts(self.words, a, b)  # this sentence's, as find_dates slices them
            if not at:
                got = self.dates[si] = ([], [])  # no word a date can start with
                return got
            s = self.sents[si]
            ds = find_dates(
                self.text, self.ref, s.start, s.end, words=self.words, starts=self.starts, at=at
            )
            got = self.dates[si] = (ds, [d.start for d in ds])
        return got

    def sent_mentions(self, a: int, b: int) -> list[Placed]:
        lo = bisect_left(self.mstarts, a)
        hi = bisect_left(self.mstarts, b)
        return self.mentions[lo:hi]

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j - 1]]


def _place_follows(words: list[str], text: str, starts: list[int], j: int) -> bool:
    """ "Ukraine's second city", "Nigeria's northeast": a possessive country before a
    place noun names where, not who (not before a name: "Yemen's Taiz province" is
    Taiz's)."""
    k = j + 1 if j < len(words) and words[j] in ("'s", "s") else j
    for n in range(k, min(k + 3, len(words))):
        if words[n] in PLACE_NOUNS:
            return True
        if not words[n].isalpha() or text[starts[n]].isupper():
            return False
    return False


_PLACE_HEADS: Final = frozenset(
    ["province", "region", "district", "state", "town", "city", "village", "county",
     "department", "governorate", "prefecture", "oblast", "municipality", "township",
     "area", "camp"]
)  # fmt: skip


def _unknown_name_after(text: str, end: int, place_starts: set[int]) -> bool:
    """Whether a place no mention covers follows the possessive that ends at ``end``: a
    capitalised name and a place noun ("Burkina Faso's Seno province"; not "Syria's
    Idlib", "Iraq's western regions", "Lebanon's Shiite militia Hezbollah")."""
    k = end
    while k < len(text) and k < end + 4 and not text[k].isspace():
        k += 1  # past "'s" (or nothing: "Syrias")
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text) or not text[k].isupper() or k in place_starts:
        return False
    nxt = text[k : k + 60].lower().replace(",", " ").split()[1:4]
    return any(w in _PLACE_HEADS for w in nxt)  # "Seno province", "the Kidal region"


def _apostrophe_lost(text: str, name: str) -> bool:
    """ "Russias crimes", "Syrias army": a possessive whose apostrophe a feed dropped."""
    return text.lower() == name.lower() + "s"


# nouns of trouble a demonym before tells the place of: "Afghan violence", "Iraqi unrest"
_WHERE_NOUNS: Final = frozenset(["violence", "unrest", "insurgency", "bloodshed", "turmoil"])


def _as_country(x: Placed) -> Placed | None:
    """The mention of a state as its country, a place."""
    e = x.m.entity
    if not e.country:
        return None
    place = load_gazetteer().country(e.country)
    if place is None:
        return None
    m = x.m
    return Placed(Mention(place, m.start, m.end, m.text, None, m.score), x.i, x.j, "place")


def locative_before(words: list[str], i: int) -> bool:
    k = i - 1
    while k >= 0 and i - k <= 3 and words[k] in LOC_SKIP:
        k -= 1
    if k > 0 and words[k] == "of" and words[k - 1] in _PART_OF_LAND:
        return True  # "the Tchakamari area of northern Cameroon"
    return k >= 0 and words[k] in LOCATIVE


_PART_OF_LAND: Final = PLACE_NOUNS | frozenset(
    ["area", "areas", "part", "parts", "heart", "country"]
)
