"""Events: who did what to whom, where, when, with what toll, on what evidence.

``extract_events(article, mentions)`` codes the events of one article from its clean
text and its resolved mentions, without a parser:

1. **Triggers.** Every sentence is matched against the trigger patterns of
   ``data/triggers.toml`` (one dict lookup per word). Null patterns suppress false
   triggers ("hunger strike", "strike a deal", "training accident").
2. **Clauses.** A sentence is cut into clauses at boundaries ("while", "but",
   "in retaliation for", ";" ...) and verbs of saying. In a clause all ASSAULT triggers
   form one event ("45 people were killed and 30 wounded by a suicide bombing"); other
   types give one event each. "threatened to bomb" is THREATEN only; "accused Y of
   shelling" is ACCUSE plus an *alleged* ASSAULT by Y; "denied carrying out strikes" is
   REJECT plus a *negated* ASSAULT.
3. **Arguments** from the sequence of mentions around the trigger: the "by" phrase of a
   passive, the modifier of a nominal trigger ("Syrian warplanes", "Russia's bombing"),
   the subject of an active verb (a pronoun right after "X said" is X), the object or
   the "on/against" phrase as target, "ISIS-held" as target. Compounds joined by "and"
   or commas become lists. Speakers ("X said", "according to X") are never actors.
   Agentless events keep ``actors == []``. CONSULT puts *every* party in ``actors``
   (PLOVER's convention for two-sided events) and leaves ``targets`` empty.
4. **Places**, primary first: the most specific place of the clause (point < city <
   admin1 < country < region), else of the sentence, else the nearest place in the
   previous sentences of the paragraph, else the article's focus place.
5. **Date**: the first date expression of the clause or sentence, resolved against the
   article's date; without one, the article's date with ``date_text=None`` (the dateline
   is a strong default for what an article reports). An event dated more than 45 days
   before the article gets modality ``historical``.
6. **Toll** from death and injury words and the number bound to them, killed and wounded
   apart (see ``_toll``); a clause that only reports a toll ("An Iraqi member ... was
   killed") is merged into the ASSAULT it follows (step 8).
7. **Modality** from cue words before the trigger (``lexicon.toml``): negated, future,
   hypothetical, alleged; asserted otherwise.
8. **Document pass.** An anaphoric or incomplete ASSAULT ("the strike", "this attack",
   a toll alone) within three sentences of a compatible ASSAULT (same modality, no
   conflicting actor or place) is merged into it: its targets, more specific place,
   larger toll and date fill the earlier event. An ASSAULT still lacking a mode takes
   one from the cues of nearby sentences or the title, else the article's most reported
   kind; one placed no more precisely than a country or region ("northern Syria") also
   takes the article's focus governorate or province. One lacking an actor takes one
   from the article (see ``_infer_actors``), with ``rule`` suffixed and lower
   confidence: a group claiming it (``+claimed``), the actor of the article's other
   attacks of the same kind (``+ctx-actor``), the one actor such attacks are blamed on
   (``+alleged-actor``), else a perpetrator prior of ``data/priors.toml`` by weapon,
   wording, target, place and outlet (``+prior:<id>``: "barrel bombs" -> the Syrian air
   force, shelling of "regime-held" districts -> the armed opposition). Rebels fly no
   aircraft: an armed group read as the actor of an air strike is its target.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import compress
from re import Match

from briefing.extract.patterns import WORD_RE, Hit, Lexicon, load
from briefing.extract.perpetrators import prior_actor
from briefing.model import Article, Event, Location, Mention, Participant
from briefing.text.dates import DateExpr, find_dates, parse_iso
from briefing.text.numbers import COUNT_WORDS, Number, find_numbers
from briefing.text.sentences import split_sentences

__all__ = ["extract_events", "participant", "location"]

PRECISION = {
    "facility": "point",
    "point": "point",
    "city": "city",
    "town": "city",
    "village": "city",
    "admin1": "admin1",
    "admin2": "admin1",
    "country": "country",
    "region": "region",
}
_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 4, "region": 5}

_BE = frozenset(
    [
        "was",
        "were",
        "been",
        "being",
        "is",
        "are",
        "be",
        "got",
        "gets",
        "get",
        "reportedly",
        "reported",
        "allegedly",
        "also",
    ]
)
_PREP = frozenset(
    [
        "in",
        "on",
        "at",
        "of",
        "near",
        "from",
        "to",
        "into",
        "with",
        "against",
        "targeting",
        "than",
        "for",
        "by",
        "between",
        "among",
        "across",
        "inside",
        "outside",
        "around",
        "over",
        "toward",
        "towards",
        "through",
        "via",
        "under",
        "within",
    ]
)
_TARGET_PREP = frozenset(["on", "against", "targeting", "at", "of", "upon", "toward", "towards"])
_PRONOUNS = frozenset(["it", "they", "he", "she", "we"])
_DETERMINERS = frozenset(
    ["the", "this", "that", "these", "those", "such", "its", "their", "his", "her"]
)
_LIGHT = frozenset(
    [
        "launched",
        "launch",
        "launches",
        "launching",
        "carried",
        "carry",
        "carries",
        "carrying",
        "conducted",
        "conduct",
        "conducts",
        "conducting",
        "began",
        "begin",
        "begins",
        "started",
        "start",
        "starts",
        "continued",
        "continue",
        "continues",
        "staged",
        "stage",
        "intensified",
        "intensify",
        "stepped",
        "unleashed",
        "waged",
        "mounted",
        "executed",
        "made",
        "make",
        "performed",
        "used",
        "uses",
        "using",
        "employed",
        "fired",
        "dropped",
    ]
)
_BEFORE_BY = frozenset(
    [
        "out",
        "reportedly",
        "allegedly",
        "carried",
        "launched",
        "conducted",
        "dropped",
        "fired",
        "used",
        "deployed",
        "caused",
        "perpetrated",
        "committed",
        "staged",
        "waged",
        "claimed",
    ]
)
_ASSOC = frozenset(["alongside", "backed", "supported", "aided", "assisted", "including", "helped"])
_KILL_FWD = frozenset(
    ["kill", "kills", "killing", "killings", "toll", "execute", "executes", "executing"]
    + ["claimed", "claiming", "claim"]
)
_KILLED_WORDS = frozenset(
    [
        "claimed",
        "claiming",
        "claim",
        "fallen",
        "killed",
        "kill",
        "kills",
        "killing",
        "killings",
        "dead",
        "died",
        "die",
        "dies",
        "deaths",
        "slain",
        "perished",
        "lost",
        "bodies",
        "martyred",
        "martyrs",
        "fatalities",
        "toll",
        "executed",
        "beheaded",
        "massacred",
        "slaughtered",
        "execute",
        "executes",
        "executing",
    ]
)
_WOUNDED_WORDS = frozenset(["wounded", "wounding", "injured", "injuring", "injuries", "hurt"])
_WOUND_FWD = frozenset(["wounding", "injuring"])
_NOT_VICTIMS = frozenset(
    [
        "airstrikes",
        "strikes",
        "raids",
        "air",
        "rockets",
        "shells",
        "missiles",
        "mortars",
        "villages",
        "towns",
        "targets",
        "positions",
        "days",
        "hours",
        "weeks",
        "months",
        "years",
        "bombs",
        "attacks",
        "vehicles",
        "tanks",
        "buildings",
        "times",
        "areas",
        "kilometers",
        "km",
        "miles",
        "sorties",
        "barrel",
        "houses",
        "homes",
        "sites",
        "points",
        "times",
        "percent",
        "km2",
        "explosions",
        "blasts",
        "cars",
        "trucks",
        "hospitals",
        "schools",
    ]
)
_PERSON_NOUNS = frozenset(
    [
        "person",
        "man",
        "woman",
        "child",
        "boy",
        "girl",
        "civilian",
        "soldier",
        "fighter",
        "militant",
        "member",
        "commander",
        "contractor",
        "officer",
        "citizen",
        "journalist",
        "worker",
        "doctor",
        "resident",
        "policeman",
        "rebel",
        "jihadist",
        "leader",
        "official",
        "guard",
        "imam",
        "sheikh",
        "priest",
        "cleric",
        "mayor",
        "judge",
        "nurse",
        "paramedic",
        "photographer",
        "activist",
        "volunteer",
        "teenager",
        "student",
        "pilot",
        "national",
        "american",
        "iraqi",
        "syrian",
        "turkish",
        "russian",
        "iranian",
        "british",
        "french",
    ]
)
_CONSULT_PARTY_TYPES = frozenset(("person", "state", "igo", "country"))
_ATTRIBUTIVE = (
    "-backed",
    "-linked",
    "-made",
    "-affiliated",
    "-led",
    "-allied",
    "-supported",
    "-aligned",
    "-sponsored",
    "-funded",
)
_FRESH: dict[str, list[tuple[str, ...]]] = {}
for _ph in (
    "in another", "in a different", "in a separate", "meanwhile", "elsewhere", "in other",
    "separately", "in a related", "in a relevant context", "on the other hand", "in addition",
    "earlier", "in a similar", "also on", "on a related",
):  # fmt: skip
    _t = tuple(_ph.split())
    _FRESH.setdefault(_t[0], []).append(_t)
for _v in _FRESH.values():
    _v.sort(key=len, reverse=True)
_BACKGROUND = frozenset(
    ["for", "to", "after", "following", "since", "of"]
)  # "in retaliation for" ...
_HOSTILE = frozenset(["ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT", "PROTEST"])
_HOSTILE_PREP = frozenset(["on", "against", "targeting", "at", "of", "upon"])
_FRIENDLY_PREP = frozenset(["to", "for", "into", "with", "of"])
_DAY_POSS = frozenset(
    f"{d}'s"
    for d in [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
    ]
)
_ANAPHOR_ADJ = frozenset(
    [
        "recent",
        "latest",
        "same",
        "previous",
        "initial",
        "reported",
        "deadly",
        "alleged",
        "late-night",
        "overnight",
        "suspected",
        "weekend",
        "morning",
        "night",
        "recent",
        "deadly",
        "two",
        "three",
        "both",
        "twin",
    ]
)
_ACTIVE_TOLL = frozenset(["killed", "kill", "kills", "killing", "wounded", "injured"])
_MODALS = {
    "will": "future", "would": "hypothetical", "could": "hypothetical", "should": "hypothetical",
    "may": "hypothetical", "might": "hypothetical", "must": "hypothetical",
}  # fmt: skip
_INFINITIVE_OK = frozenset(
    [
        "began",
        "begun",
        "begin",
        "begins",
        "started",
        "start",
        "starts",
        "continued",
        "continue",
        "continues",
        "went",
        "managed",
        "used",
    ]
)


@dataclass(slots=True)
class _M:
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


@dataclass(slots=True)
class _Draft:
    event: Event
    sent: int
    paragraph: int
    anaphoric: bool
    toll_only: bool
    has_own_place: bool
    explicit_date: bool
    hits: list[Hit] = field(default_factory=list)
    bare: bool = False  # "the strike" with nothing of its own: only ever merged
    fresh: bool = False  # "In another development ...": never merged into what came before
    background: bool = False  # in a clause after "in retaliation for", "following" ...


def participant(m: Mention) -> Participant:
    e = m.entity
    if e.kind == "place" and e.type == "country":
        return Participant(
            id=f"actor:state:{e.country}" if e.country else e.id,
            name=e.name,
            text=m.text,
            type="state",
            country=e.country,
            sector=m.sector,
        )
    return Participant(
        id=e.id,
        name=e.name,
        text=m.text,
        type=e.type,
        country=e.country,
        sector=m.sector or e.sector,
    )


def location(m: Mention) -> Location:
    e = m.entity
    return Location(
        id=e.id,
        name=e.name,
        text=m.text,
        type=e.type,
        country=e.country,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        precision=PRECISION.get(e.type, "point"),
    )


_GENERIC_GROUPS = frozenset(
    ["actor:militants", "actor:jihadists", "actor:terrorists", "actor:rebels", "actor:militias"]
)
_GROUP_NOUNS = ("group", "organization", "organisation", "militia", "faction")


def _resolve_definite_groups(ms: list[_M], words: list[str]) -> None:
    """Definite anaphora: "the jihadist group", "the militant group's" name the armed
    group the article named last ("ISIS ... the jihadist group's bases"), not militants
    at large. Only a singular group noun after "the/this/that" is read this way."""
    last: Mention | None = None
    for x in ms:
        e = x.m.entity
        if x.kind != "actor":
            continue
        if e.id not in _GENERIC_GROUPS:
            if e.type == "armed_group":
                last = x.m
            continue
        if last is None or x.i == 0 or words[x.i - 1] not in ("the", "this", "that"):
            continue
        head = words[x.j - 1]
        nxt = words[x.j] if x.j < len(words) else ""
        if head.startswith(_GROUP_NOUNS) or nxt.startswith(_GROUP_NOUNS):
            if head.endswith("s") and not head.endswith("'s") or nxt.endswith("s'"):
                continue  # "the militant groups": plural, not one named group
            m = x.m
            x.m = Mention(last.entity, m.start, m.end, m.text, last.sector, m.score)


_VICTIM_WORDS = frozenset(
    ["taken", "kidnapped", "abducted", "captured", "detained", "held", "executed", "beheaded"]
)


def _toll_follows(words: list[str], j: int) -> bool:
    """What befell the people counted before token j ends their phrase ("... fighters were
    killed", "250 Syrian troops taken hostage")."""
    for k in range(j, min(len(words), j + 8)):
        w = words[k]
        if w in _KILLED_WORDS or w in _WOUNDED_WORDS or w in _VICTIM_WORDS:
            return True
        if w in (",", ";", ".", ":", "(", "who", "which", "that"):
            return False
    return False


def _rank(loc: Location) -> float:
    r = _RANK.get(loc.precision or "", 3)
    if loc.precision == "region" and loc.country:
        r = 2.5  # "eastern Syria", "the Iraq-Syria border"
    return r


@dataclass(slots=True, frozen=True)
class _Hot:
    """The words that can start anything the engine looks for. Each article lists the
    positions of its tokens among them once (``_Doc.hot``); every later scan of a
    sentence or clause visits only those positions instead of every token."""

    any: frozenset[str]
    trigger: frozenset[str]
    clause: frozenset[str]  # boundaries and verbs of saying
    mode: frozenset[str]
    modality: frozenset[str]
    speech: frozenset[str]


_HOT: dict[int, tuple[Lexicon, _Hot]] = {}


def _hot(lex: Lexicon) -> _Hot:
    got = _HOT.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1]
    trigger = lex.matcher.first_words()
    clause = frozenset(lex.boundaries) | lex.speech
    mode = frozenset(lex.mode_first)
    modality = frozenset(w for idx in lex.modality.values() for w in idx) | frozenset(
        ph[0] for ph in lex.after_hypothetical
    )
    hot = _Hot(
        any=trigger | clause | mode | modality | _CUM_FIRST | _CLAIM,
        trigger=trigger,
        clause=clause,
        mode=mode,
        modality=modality,
        speech=lex.speech,
    )
    _HOT.clear()
    _HOT[id(lex)] = (lex, hot)
    return hot


class _Doc:
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
        "mentions",
        "mstarts",
        "ref",
        "focus",
        "region",
        "country",
        "quiet",
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
        found = list(WORD_RE.finditer(low))
        words = list(map(Match.group, found))
        starts = list(map(Match.start, found))
        ends = list(map(Match.end, found))
        self.words, self.starts, self.ends = words, starts, ends
        self.hotset = hs = _hot(lex)
        any_ = hs.any
        hot = list(compress(range(len(words)), map(any_.__contains__, words)))
        if "n't" in low:  # a negation cue wherever it is glued
            hot = sorted(set(hot) | {k for k, w in enumerate(words) if w.endswith("n't")})
        self.hot = hot
        # numbers and dates of a sentence, found when an event there first needs them
        self.nums: dict[int, list[Number]] = {}
        self.dates: dict[int, tuple[list[DateExpr], list[int]]] = {}
        self.sents = split_sentences(text)
        self.sent_tok = [
            (bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in self.sents
        ]
        ms: list[_M] = []
        sent_first = [t for t, _ in self.sent_tok]
        for m in sorted(mentions, key=lambda x: x.start):
            i = bisect_left(ends, m.start + 1)
            j = bisect_left(starts, m.end)
            if i >= j:
                continue
            kind = m.entity.kind
            x = _M(m, i, j, kind)
            after = text[m.end : m.end + 12].lower()
            if after.startswith(("-based", " based", "-born")):
                x.skip = True
            elif kind == "place" and after.startswith(_ATTRIBUTIVE):
                x.skip = True  # "Iran-backed", "Iranian-made": not where anything happened
            elif (
                kind == "place" and m.entity.type == "country" and after.startswith(("'s ", "’s "))
            ):
                x.poss = True  # "Iraq's defense ministry": an actor's name, not a place
            elif kind == "place" and m.entity.type == "country" and not _locative_before(words, i):
                x.poss = True  # "Iraq wanted ...": a country as subject is an actor
            elif after.startswith(("-held", "-controlled", " held", " controlled", "-run")):
                x.held = True
            if kind == "actor" and ms and ms[-1].j == i and ms[-1].kind == "actor":
                x.counted = ms[-1].counted  # "25 Al-Nusra | fighters"
            elif kind == "actor" and i:
                k = i - 1
                if words[k] == "of" and k:  # "dozens of ISIS fighters"
                    k -= 1
                first = sent_first[max(0, bisect_left(sent_first, i + 1) - 1)]
                x.counted = (
                    k >= first
                    and (words[k] in COUNT_WORDS or words[k][0].isdigit())
                    and _toll_follows(words, j)
                )
            ms.append(x)
        _resolve_definite_groups(ms, words)
        self._skip_dateline_place(ms)
        self.mentions = ms
        self.mstarts = [x.i for x in ms]
        self.ref = parse_iso(article.date)
        self.focus: Location | None | bool = False
        self.region: Location | None | bool = False
        self.country: str | None | bool = False
        self.quiet: set[int] = set()  # tokens of clauses that only introduce speech

    def _skip_dateline_place(self, ms: list[_M]) -> None:
        """ "MOSCOW Some 120 ... were killed": the city a report was filed from, in
        capitals before the first sentence of the story, is not where anything happened."""
        for s in self.sents[:3]:
            for x in ms:
                if x.m.start >= s.start + 30 or x.m.start > s.end:
                    break
                if (
                    x.kind == "place"
                    and x.m.start >= s.start
                    and len(x.m.text) > 3
                    and x.m.text.isupper()
                ):
                    x.skip = True

    def hot_in(self, a: int, b: int) -> list[int]:
        """Positions of hot tokens (see :class:`_Hot`) in ``words[a:b]``."""
        hot = self.hot
        return hot[bisect_left(hot, a) : bisect_left(hot, b)]

    def numbers(self, si: int) -> list[Number]:
        got = self.nums.get(si)
        if got is None:
            s = self.sents[si]
            got = find_numbers(self.text, s.start, s.end, words=self.words, starts=self.starts)
            self.nums[si] = got
        return got

    def sent_dates(self, si: int) -> tuple[list[DateExpr], list[int]]:
        got = self.dates.get(si)
        if got is None:
            s = self.sents[si]
            ds = find_dates(
                self.text, self.ref, s.start, s.end, words=self.words, starts=self.starts
            )
            got = self.dates[si] = (ds, [d.start for d in ds])
        return got

    def sent_mentions(self, a: int, b: int) -> list[_M]:
        lo = bisect_left(self.mstarts, a)
        hi = bisect_left(self.mstarts, b)
        return self.mentions[lo:hi]

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j - 1]]


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The events of one article (see the module docstring)."""
    lex = load()
    doc = _Doc(article, mentions, lex)
    drafts: list[_Draft] = []
    for si, sent in enumerate(doc.sents):
        if sent.dateline:
            continue
        a, b = doc.sent_tok[si]
        if a >= b:
            continue
        drafts.extend(_sentence_events(doc, si, a, b))
    events = _document_pass(doc, drafts)
    return events


# --------------------------------------------------------------------------- sentence


def _find_phrase(words: list[str], k: int, hi: int, index: dict) -> int:
    """Length of the longest phrase of ``index`` starting at word k (0 if none)."""
    cands = index.get(words[k])
    if not cands:
        return 0
    for ph in cands:  # longest first
        n = len(ph)
        if k + n <= hi and tuple(words[k : k + n]) == ph:
            return n
    return 0


def _sentence_events(doc: _Doc, si: int, a: int, b: int) -> list[_Draft]:
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
    for r, _, _ in nulls:
        if r.scope == "sentence":
            kill_types.update(r.suppress)
    hits: list[Hit] = []
    last_end = a
    for r, i, j in raw:
        if r.type == "NULL" or r.type in kill_types:
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
        hits.append(Hit(r, i, j, doc.starts[i], doc.ends[j - 1]))
        last_end = j
    if not hits:
        return []
    sent_ms = doc.sent_mentions(a, b)
    in_mention = {t for x in sent_ms for t in range(x.i, x.j)}
    _mark_speakers(doc, sent_ms, a, b, hits, in_mention)
    segments = _segments(doc, a, b, hits, in_mention)
    for sa, sb in segments:
        if sb < b and doc.words[sb] in doc.lex.speech and not any(sa <= h.i < sb for h in hits):
            doc.quiet.update(range(sa, sb))
    out: list[_Draft] = []
    fresh = _find_phrase(doc.words, a, b, _FRESH) > 0
    for n, (sa, sb) in enumerate(segments):
        seg_hits = [h for h in hits if sa <= h.i < sb]
        if not seg_hits:
            continue
        drafts = _segment_events(doc, si, a, b, sa, sb, seg_hits, sent_ms)
        if fresh:
            for d in drafts:
                d.fresh = True
        if n and sa > a and doc.words[sa - 1] in _BACKGROUND:
            for d in drafts:
                d.background = True
        out.extend(drafts)
    return out


def _told_party(doc: _Doc, j: int, b: int) -> bool:
    for x in doc.sent_mentions(j, min(b, j + 4)):
        e = x.m.entity
        if x.i <= j + 3 and e.type in _CONSULT_PARTY_TYPES:
            return True
    return False


def _mark_speakers(
    doc: _Doc, ms: list[_M], a: int, b: int, hits: list[Hit], in_mention: set[int]
) -> None:
    words, speech = doc.words, doc.lex.speech
    hit_tokens = set()
    for h in hits:
        if h.rule.type not in ("CONSULT",):
            hit_tokens.update(range(h.i, h.j))
    for k in doc.hot_in(a, b):
        w = words[k]
        if w not in speech or k in in_mention:
            continue
        if w == "according":
            for x in ms:
                if k < x.i <= k + 6:
                    x.speaker = True
            continue
        # mentions just before the verb of saying (a group joined by and/commas)
        for x in reversed(ms):
            if x.j > k:
                continue
            if k - x.j > 5:
                break
            if any(t in hit_tokens for t in range(x.j, k)):
                break
            x.speaker = True
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
    for x, y in zip(ms, ms[1:], strict=False):
        if y.kind != "actor" or y.m.entity.type != "person" or x.m.entity.type == "person":
            continue
        gap = words[x.j : y.i]
        stop = (",", "and", ";", "(", "with", "to", "told", "said")
        if len(gap) <= 4 and not any(g in stop for g in gap) and all(g[:1].isalpha() for g in gap):
            x.skip = True


def _segments(
    doc: _Doc, a: int, b: int, hits: list[Hit], in_mention: set[int]
) -> list[tuple[int, int]]:
    words, lex = doc.words, doc.lex
    weak = {
        "following",
        "after",
        "since",
        "before",
        "ahead",
        "amid",
        "despite",
        "though",
        "although",
    }
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
        if w in _CLAIM and k + 1 < b and words[k + 1] == "by":
            continue  # "a bombing claimed by IS": the claimant is the attack's actor
        if w in speech and k not in in_mention:
            if k > start:
                out.append((start, k))
            start = k if k in hit_starts else k + 1  # "Putin told Ban": told is CONSULT
            nxt = k + 1
            continue
        n = _find_phrase(words, k, b, lex.boundaries) if k not in hit_starts else 0
        if n:
            nxt = k + n
            if w in weak:
                left = [h for h in hits if start <= h.i < k]
                if not any(h.rule.pos != "toll" for h in left):
                    continue
            if k > start:
                out.append((start, k))
            start = k + n
    if start < b:
        out.append((start, b))
    return out


def _segment_events(doc, si, a, b, sa, sb, seg_hits, sent_ms) -> list[_Draft]:
    groups: dict[tuple[str, str | None], list[Hit]] = {}
    embed: str | None = None
    embed_hit: Hit | None = None
    for h in seg_hits:
        r = h.rule
        if r.type == "ASSAULT":
            if embed == "absorb":
                continue
            emb = embed
            if emb == "negated" and embed_hit is not None and h.i - embed_hit.j > 5:
                emb = None
            key = ("ASSAULT", emb)
        else:
            key = (r.type, None)
            if r.embed:
                embed, embed_hit = r.embed, h
        groups.setdefault(key, []).append(h)
    out = []
    for (typ, emb), hs in groups.items():
        d = _build(doc, si, a, b, sa, sb, typ, hs, sent_ms, emb, embed_hit)
        if d:
            out.append(d)
    return out


def _anchor(hs: list[Hit]) -> Hit:
    best = hs[0]
    for h in hs[1:]:
        bp = best.rule.pos == "toll"
        hp = h.rule.pos == "toll"
        if bp and not hp or (bp == hp and h.rule.confidence > best.rule.confidence):
            best = h
    return best


def _groups_before(
    ms: list[_M],
    k: int,
    lo: int,
    words: list[str],
    limit: int = 12,
    kmax: int = 0,
    prep_check: bool = True,
) -> list[_M]:
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
    while len(cand) > 1 and any(w in _ASSOC for w in words[max(lo, cand[-1].i - 3) : cand[-1].i]):
        cand.pop()
    if not cand:
        return []
    last = cand[-1]
    if k - last.j > limit:
        return []
    if prep_check and last.i > lo and words[last.i - 1] in _PREP:
        return []
    group = [last]
    for x in reversed(cand[:-1]):
        gap = words[x.j : group[0].i]
        if len(gap) <= 2 and all(g in ("and", ",", "&", "or", "as", "well") for g in gap):
            if prep_check and x.i > lo and words[x.i - 1] in _PREP:
                break
            group.insert(0, x)
        else:
            break
    return group


def _group_after(ms: list[_M], k: int, hi: int, words: list[str], limit: int = 6) -> list[_M]:
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


def _is_actorish(x: _M) -> bool:
    e = x.m.entity
    if (x.m.sector or e.sector) in ("MED", "CVL") and e.type != "state":
        return False  # news agencies report, civilians are victims: neither is an actor
    return x.kind == "actor" or (e.kind == "place" and e.type == "country")


def _modifier_gap(gap: list[str]) -> bool:
    """Words between an actor and its nominal trigger: "Russian [and regime] airstrikes"."""
    for g in gap:
        if g in _BE or g in _LIGHT or g in _PREP or not g[:1].isalnum() and g not in ("'s", "’s"):
            return False
        if g.endswith("ed") and "-" not in g:
            return False
    return True


_LOCATIVE = frozenset(
    [
        "in",
        "inside",
        "into",
        "near",
        "across",
        "throughout",
        "from",
        "to",
        "at",
        "outside",
        "within",
        "around",
        "over",
        "on",
        "toward",
        "towards",
        "against",
        "through",
    ]
)
_LOC_SKIP = frozenset(
    [
        "the",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "war-torn",
        "neighbouring",
        "neighboring",
    ]
)


def _locative_before(words: list[str], i: int) -> bool:
    k = i - 1
    while k >= 0 and i - k <= 3 and words[k] in _LOC_SKIP:
        k -= 1
    return k >= 0 and words[k] in _LOCATIVE


def _passive_at(words: list[str], h: Hit, sa: int, sb: int) -> bool:
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
    if k >= sa and words[k] in _BE and not words[h.i].endswith("ing"):
        return True
    if h.j < sb and words[h.j] == "by":
        return True
    last = words[h.j - 1]
    return (
        last.endswith("ed")
        and h.j < sb
        and words[h.j] in ("in", "during")
        and k >= sa
        and words[k] not in _PRONOUNS
    )


def _build(doc: _Doc, si, a, b, sa, sb, typ, hs, sent_ms, emb, embed_hit) -> _Draft | None:
    words, text = doc.words, doc.text
    anchor = _anchor(hs)
    rule = anchor.rule
    seg_ms = [x for x in sent_ms if sa <= x.i < sb]
    actorish = [x for x in seg_ms if _is_actorish(x) and not x.speaker and not x.skip]
    ai, aj = anchor.i, anchor.j
    actors: list[_M] = []
    targets: list[_M] = []
    pos = rule.pos
    passive_hits = [
        h for h in hs if h.rule.pos in ("verb", "toll") and _passive_at(words, h, sa, sb)
    ]
    passive = anchor in passive_hits or (pos == "noun" and bool(passive_hits))
    # 1. a "by" phrase right after a trigger of the group (of the anchor but for ASSAULT)
    for h in hs if typ == "ASSAULT" else [anchor]:
        k = h.j
        while k < sb and k < h.j + 3 and words[k] in _BEFORE_BY:
            k += 1
        if k < sb and words[k] == "by":
            grp = _group_after(actorish, k + 1, sb, words, limit=3)
            if grp:
                actors = grp
                break
    if typ == "ASSAULT" and not actors:
        # "a suicide bomber from the Nusra Front", "gunmen from IS"
        for h in hs:
            if words[h.j - 1] in _ATTACKER_NOUNS and h.j < sb and words[h.j] in ("from", "of"):
                grp = _group_after(actorish, h.j + 1, sb, words, limit=2)
                if grp:
                    actors = grp
                    break
    lo_subject = sa
    if typ == "ASSAULT" and emb == "alleged" and embed_hit is not None:
        # "X accused Y of shelling": Y is the alleged actor
        grp = _group_after(actorish, embed_hit.j, ai, words, limit=4)
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
                and words[x.i - 1] in _TARGET_PREP
                and not (words[x.i - 1] == "of" and x.i - 1 > sa and words[x.i - 2] in _QUANTITY)
            )
        ]
        if grp:
            actors = _groups_before(actorish, grp[-1].j, sa, words, prep_check=False)
        else:
            # a light verb before it: "X carried out an airstrike", "launched a string of"
            for k in range(ai - 1, max(sa - 1, ai - 8), -1):
                w = words[k]
                if w in (",", ";", "(", ")", "by", "in", "on") or any(
                    x.i <= k < x.j for x in actorish
                ):
                    break
                if w in _LIGHT:
                    pos = "verb-light"
                    k0 = k
                    if (
                        k - 1 >= sa
                        and words[k - 1] == "to"
                        and (k - 2 < sa or words[k - 2] not in _INFINITIVE_OK)
                    ):
                        pass
                    break
    if not actors and not passive and pos in ("verb", "verb-light", "toll"):
        grp = _groups_before(actorish, k0, max(lo_subject, k0 - 12), words, kmax=aj)
        # a pronoun between the subject candidate and the verb is the subject
        pron_k = None
        for k in range(max(sa, k0 - 3), k0):
            if words[k] in _PRONOUNS:
                pron_k = k
        if pron_k is not None and (not grp or grp[-1].j <= pron_k):
            spk = [x for x in sent_ms if x.speaker and _is_actorish(x) and x.j <= pron_k]
            grp = spk[-1:] if spk else []
        if grp and not (pos == "toll" and ai - grp[-1].j > 4):
            actors = grp
    if typ == "ASSAULT" and not actors:
        # "Kurdish forces killed 175 ... in an offensive": the subject of an active toll verb
        for h in hs:
            if h.rule.pos == "toll" and h not in passive_hits and words[h.i] in _ACTIVE_TOLL:
                grp = _groups_before(actorish, h.i, max(sa, h.i - 6), words)
                # "killed X for the US military and wounded nine": a verb coordinated
                # with an earlier one shares its subject, not the words before it
                if grp and h.i - grp[-1].j <= 3 and words[h.i - 1] not in ("and", ","):
                    actors = grp
                    break
    if typ == "ASSAULT" and not actors and (aj < sb and words[aj] == "between"):
        # "clashes between A and B": every side is an actor (PLOVER's two-sided events)
        actors = _group_after(actorish, aj + 1, sb, words, limit=2)
    elif typ == "ASSAULT" and not actors and words[aj - 1] == "between":
        actors = _group_after(actorish, aj, sb, words, limit=2)  # "fighting between A and B"
    if typ == "ASSAULT" and not actors and passive:
        # "40 insurgents were killed as YPG forces advanced": who advanced killed them
        for k in range(aj, min(sb, aj + 8)):
            if words[k] in ("as", "when", "while"):
                verb = next(
                    (v for v in range(k + 2, min(sb, k + 12)) if words[v] in _COMBAT_VERBS), None
                )
                if verb is not None:
                    grp = _groups_before(actorish, verb, k + 1, words, limit=3, prep_check=False)
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
        actors = [x for x in _group_after(actorish, aj + 1, sb, words, limit=2) if not x.counted]
    hostile = typ in _HOSTILE
    preps = _HOSTILE_PREP if hostile else _FRIENDLY_PREP
    cands = [x for x in actorish if x.kind == "actor"] if typ == "ASSAULT" else actorish
    if typ != "CONSULT":
        if passive:
            ph = passive_hits[0] if passive_hits else anchor
            grp = _groups_before(cands, ph.i, sa, words, limit=8)
            targets = [x for x in grp if x not in actors]
        else:
            grp = []
            k = aj
            while (
                k < sb and k < aj + 4 and words[k] not in preps and not any(x.i == k for x in cands)
            ):
                if words[k] in _PREP or words[k] in (",", ";", "."):
                    break
                k += 1
            if k < sb and (words[k] in preps or any(x.i == k for x in cands)):
                grp = _group_after(cands, k + 1 if words[k] in preps else k, sb, words, limit=4)
            targets = [x for x in grp if x not in actors]
        for x in seg_ms:
            if x.held and x.kind == "actor" and x not in actors and x not in targets and x.i >= ai:
                targets.append(x)
        if typ == "ASSAULT":  # "25 Nusra fighters were killed": the counted are victims
            targets += [x for x in seg_ms if x.counted and x not in actors and x not in targets]
            # "facilities at a border control point used by Kataib Hezbollah and Kataib
            # Sayyid al-Shuhada": who used what was hit was hit
            for k in range(aj, sb - 1):
                if (words[k], words[k + 1]) in _OWNED_BY:
                    grp = _group_after(cands, k + 2, sb, words, limit=2)
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
            if x.m.entity.type in _CONSULT_PARTY_TYPES or x.j <= ai:
                parties.append(x)
        if rule.id == "consult.told":
            parties = [x for x in parties if x.m.entity.type in _CONSULT_PARTY_TYPES]
            spk = [
                x
                for x in sent_ms
                if x.speaker
                and x.j <= ai
                and x.m.entity.type in _CONSULT_PARTY_TYPES
                and not x.skip
            ]
            if spk and spk[-1] not in parties:
                parties.insert(0, spk[-1])
            if len(parties) < 2:
                return None
        actors = parties
    if typ in ("CONSULT",) and not actors:
        return None
    # places
    used = {id(x) for x in actors} | {id(x) for x in targets}
    places = [
        x for x in seg_ms if x.kind == "place" and not x.skip and not x.poss and id(x) not in used
    ]
    has_own_place = bool(places)
    if not places:
        places = [
            x
            for x in sent_ms
            if x.kind == "place"
            and not x.skip
            and not x.poss
            and not x.speaker
            and id(x) not in used
            and x.i not in doc.quiet
        ]
    locs = _locations(places, ai, _focus_country(doc))
    # toll
    killed = wounded = None
    if typ == "ASSAULT":
        killed, wounded = _toll(doc, si, hs, sa, sb, passive)
        if (killed or wounded) and (
            _cumulative(doc, sa, sb) or (sb < b and doc.words[sb] == "since")
        ):
            killed = wounded = (
                None  # "the war has killed 300,000", "since April": no one event's toll
            )
    # modality
    modality = _modality(doc, anchor, sa, sb, pos, k0)
    if emb == "alleged" and modality == "asserted":
        modality = "alleged"
    elif emb == "negated":
        modality = "negated"
    # date
    date_iso, date_text, prec, explicit = _date(doc, si, sa, sb, a, b)
    if modality == "asserted" and explicit and doc.ref and date_iso:
        d = parse_iso(date_iso)
        if d and _is_historical(d, prec, doc.ref):
            modality = "historical"
    # mode
    mode = _mode(doc, hs, sa, sb, actors)
    conf = rule.confidence + (0.1 if actors else 0.0)
    sent = doc.sents[si]
    trig = text[anchor.start : anchor.end]
    ev = Event(
        event_id=_event_id(doc.article.id, sent.start, typ, anchor.start),
        article_id=doc.article.id,
        type=typ,
        sentence=sent.text,
        start=sent.start,
        end=sent.end,
        trigger=trig,
        rule=rule.id,
        mode=mode
        if typ == "ASSAULT"
        else (rule.mode or _consult_mode(doc, sa, sb) if typ == "CONSULT" else rule.mode),
        cameo=rule.cameo,
        actors=_dedupe([x.participant for x in _appositives_out(actors)]),
        targets=_dedupe([x.participant for x in _appositives_out(targets)]),
        locations=locs,
        date=date_iso,
        date_text=date_text,
        date_precision=prec,
        killed=killed,
        wounded=wounded,
        modality=modality,
        confidence=round(min(conf, 0.95), 2),
    )
    k = ai - 1
    in_mention = {t for x in seg_ms for t in range(x.i, x.j)}
    while k >= sa and (k in in_mention or words[k] in _ANAPHOR_ADJ):
        k -= 1
    anaphoric = (
        rule.pos == "noun" and k >= sa and (words[k] in _DETERMINERS or words[k] in _DAY_POSS)
    )
    toll_only = all(h.rule.pos == "toll" for h in hs) and (
        killed is not None or wounded is not None
    )
    if anaphoric and not (actors or targets or has_own_place or killed or wounded):
        return _Draft(ev, si, sent.paragraph, True, toll_only, False, explicit, hs, bare=True)
    return _Draft(ev, si, sent.paragraph, anaphoric, toll_only, has_own_place, explicit, hs)


def _is_historical(d, prec: str | None, ref) -> bool:
    """Dated well before the article: background, not the news (day > 10 days, an earlier
    month > 40 days, an earlier year)."""
    if prec in ("day", "week"):
        return d < ref - timedelta(days=10)
    if prec == "month":
        return (d.year, d.month) < (ref.year, ref.month) and d < ref - timedelta(days=40)
    if prec == "year":
        return d.year < ref.year
    return False


def _consult_mode(doc: _Doc, sa: int, sb: int) -> str | None:
    ws = set(doc.words[sa:sb])
    if ws & {"phone", "telephone", "phoned", "call"}:
        return "phone"
    return None


def _appositives_out(group: list[_M]) -> list[_M]:
    """ "the Nusra Front terrorist group": a generic group right after a named one is the
    same group, not another party."""
    out: list[_M] = []
    for x in group:
        if (
            out
            and x.i == out[-1].j
            and x.m.entity.id in _GENERIC_GROUPS
            and out[-1].m.entity.id not in _GENERIC_GROUPS
        ):
            continue
        out.append(x)
    return out


def _dedupe(ps: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in ps:
        key = p.id or p.name
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _locations(places: list[_M], ai: int, country: str | None = None) -> list[Location]:
    """Places primary first: the most specific, then the nearest to the trigger; places
    in ``country`` (the article's focus country) before those elsewhere."""
    locs: list[tuple[bool, float, int, Location]] = []
    seen = set()
    for x in places:
        if x.m.entity.id in seen:
            continue
        seen.add(x.m.entity.id)
        loc = x.location
        away = bool(country and loc.country and loc.country != country)
        locs.append((away, _rank(loc), abs(x.i - ai), loc))
    locs.sort(key=lambda t: t[:3])
    return [t[3] for t in locs]


def _focus_country(doc: _Doc) -> str | None:
    """The country the article's places are mostly in."""
    if doc.country is not False:
        return doc.country  # type: ignore[return-value]
    counts = Counter(
        x.m.entity.country
        for x in doc.mentions
        if x.kind == "place" and not x.skip and x.m.entity.country
    )
    doc.country = counts.most_common(1)[0][0] if counts else None
    return doc.country


def _event_id(article_id: str, sent_start: int, typ: str, trig_start: int) -> str:
    key = f"{article_id}|{sent_start}|{typ}|{trig_start}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- toll


def _toll(
    doc: _Doc, si: int, hs: list[Hit], sa: int, sb: int, passive: bool
) -> tuple[int | None, int | None]:
    words, starts = doc.words, doc.starts
    if not any(
        h.rule.pos == "toll" or words[h.i] in _KILLED_WORDS or words[h.j - 1] in _KILLED_WORDS
        for h in hs
    ):
        return None, None  # no death or injury word: no numbers to read
    lo_c, hi_c = starts[sa], doc.ends[sb - 1]
    nums = []
    for n in doc.numbers(si):
        if n.start < lo_c or n.start >= hi_c or not n.is_count:
            continue
        i = bisect_left(starts, n.start)
        j = bisect_left(starts, n.end)
        if (
            j < sb
            and words[j] in _NOT_VICTIMS
            or (
                j + 1 < sb
                and words[j + 1] in _NOT_VICTIMS
                and words[j] not in ("people", "civilians")
            )
        ):
            continue
        if j < sb and words[j] in ("of",) and j + 1 < sb and words[j + 1] in _NOT_VICTIMS:
            continue
        prev = words[i - 1] if i > sa else ""
        prev2 = words[i - 2] if i - 1 > sa else ""
        if prev in ("in", "since", "until"):
            continue  # "he died of the plague in 639": a year, not a toll
        incl = prev in ("including", "includes", "include") or (prev2, prev) in (
            ("among", "them"),
            ("of", "them"),
            ("of", "whom"),
            ("among", "whom"),
        )
        nums.append((i, j, n.value, incl))
    killed: int | None = None
    wounded: int | None = None
    toll_words = {k for h in hs if h.rule.pos == "toll" for k in range(h.i, h.j)}
    for h in hs:
        if words[h.j - 1] == "toll" and h.i > sa and words[h.i - 1] in _SUPERSEDED:
            continue  # "updating an earlier toll of 15"
        if h.rule.pos != "toll" and words[h.i] not in _KILLED_WORDS:
            if h.j - h.i < 2 or words[h.j - 1] not in _KILLED_WORDS:
                continue
            # "fighter jets have killed at least 21": the toll word ends a longer trigger
            h = Hit(h.rule, h.j - 1, h.j, doc.starts[h.j - 1], doc.ends[h.j - 1])
        w = words[h.i]
        is_k = w in _KILLED_WORDS or (w == "death")
        is_w = w in _WOUNDED_WORDS
        if not (is_k or is_w):
            continue
        fwd_first = w in _KILL_FWD or w in _WOUND_FWD or w == "death" or w == "toll"
        if w in (
            "killed",
            "wounded",
            "injured",
            "executed",
            "beheaded",
            "massacred",
            "slaughtered",
        ) and not _is_passive_at(words, h.i, sa):
            # "X killed 5": active unless a number sits right before ("5 killed")
            fwd_first = not _number_right_before(nums, h.i, toll_words, words)
        val = None
        if fwd_first:
            order = (_fwd, _bwd)
        elif w in ("killed", "wounded", "injured", "dead", "died") and _is_passive_at(
            words, h.i, sa
        ):
            order = (_bwd,)  # "were killed and 25 others injured": 25 is not the dead
        else:
            order = (_bwd, _fwd)
        other = _WOUNDED_WORDS if is_k else _KILLED_WORDS
        for fn in order:
            val = fn(nums, h, sa, sb, words, toll_words, other)
            if val is not None:
                break
        if val is None:
            val = _singular(words, h, sa, sb)
        if val is None or val > 100_000:
            continue
        if is_k:
            killed = val if killed is None else max(killed, val)
        else:
            wounded = val if wounded is None else max(wounded, val)
    return killed, wounded


_SUPERSEDED = frozenset(["earlier", "previous", "initial", "preliminary", "old", "first"])
_CUMULATIVE = (
    ("since",), ("so", "far"), ("the", "war"), ("civil", "war"), ("the", "conflict"),
    ("this", "conflict"), ("over", "the", "past"), ("during", "the", "past"), ("in", "recent"),
    ("past", "few"), ("this", "year"), ("last", "year"), ("the", "past"), ("to", "date"),
    ("in", "total"), ("overall",), ("the", "uprising"), ("the", "revolution"), ("years", "of"),
    ("the", "last", "few"), ("in", "the", "last"), ("death", "toll", "in", "syria"),
)  # fmt: skip
_CUM_FIRST = {c[0] for c in _CUMULATIVE}


def _cumulative(doc: _Doc, sa: int, sb: int) -> bool:
    words = doc.words
    for k in doc.hot_in(sa, sb):
        if words[k] in _CUM_FIRST:
            for c in _CUMULATIVE:
                if tuple(words[k : k + len(c)]) == c:
                    if (
                        c in (("over", "the", "past"), ("the", "past"), ("in", "the", "last"))
                        and k + len(c) < sb
                        and words[k + len(c)] in ("24", "48", "hours", "day", "night")
                    ):
                        continue
                    return True
    # "Hundreds of people have been killed in attacks": a vague count over a span of time
    seg = doc.words[sa:sb]
    return bool(_VAGUE_MANY.intersection(seg) and _PERFECT.intersection(seg))


_VAGUE_MANY = frozenset(["hundreds", "thousands"])
_PERFECT = frozenset(["have", "has"])


def _is_passive_at(words, i, sa) -> bool:
    if i - 1 >= sa and words[i - 1] == "been":
        return True
    k = i - 1
    while k >= sa and words[k] in ("reportedly", "also", "allegedly", "being", "been"):
        k -= 1
    return k >= sa and words[k] in _BE


def _number_right_before(nums, i, toll_words, words=None) -> bool:
    """ "5 killed", "12 people killed": a count right before an active-looking verb."""
    for _ni, nj, _, incl in nums:
        if nj <= i and i - nj <= 2 and not incl:
            if words is not None and any(words[k] in ("and", ",", "or") for k in range(nj, i)):
                continue
            return True
    return False


def _fwd(nums, h, sa, sb, words, toll_words, other=frozenset()):
    reach = 16 if words[h.j - 1] == "toll" else 6
    for ni, nj, v, incl in nums:
        if ni < h.j:
            continue
        if ni - h.j > reach:
            break
        if any(k in toll_words for k in range(h.j, ni)) or any(
            words[k] in (";", ".") for k in range(h.j, ni)
        ):
            break
        if incl or _counted_by(words, nj, sb, other):
            continue
        return v
    return None


def _counted_by(words: list[str], nj: int, sb: int, other: frozenset[str]) -> bool:
    """ "martyred and five other worshippers were wounded": a number whose own clause ends
    in a toll word of the other kind counts that toll, not this one."""
    for k in range(nj, min(sb, nj + 5)):
        w = words[k]
        if w in other:
            return True
        if w in ("and", ",", ";", ".", "while", "including"):
            return False
    return False


def _bwd(nums, h, sa, sb, words, toll_words, other=frozenset()):
    for n, (ni, nj, v, incl) in enumerate(reversed(nums)):
        if nj > h.i:
            continue
        if h.i - nj > 8:
            break
        if any(k in toll_words for k in range(nj, h.i)) or any(
            words[k] in (";", ".") for k in range(nj, h.i)
        ):
            break
        if incl:
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
                and not any(g in toll_words or g in _KILLED_WORDS or g in other for g in gap)
            ):
                return pv + v
        return v
    return None


def _singular(words, h, sa, sb):
    w = words[h.i]
    # "killed a Filipino contractor", "Blast Kills Grand Mosque Imam"
    if w in ("killed", "kill", "kills", "killing", "wounded", "injured", "wounding", "injuring"):
        k = h.j
        if k < sb and words[k] in ("a", "an", "one"):
            for t in range(k + 1, min(sb, k + 5)):
                if words[t] in _PERSON_NOUNS:
                    return 1
        elif w in ("kills", "kill") and k < sb and words[k] not in ("the", "his", "her", "their"):
            for t in range(k, min(sb, k + 4)):
                if words[t] in _PERSON_NOUNS:
                    return 1
                if not words[t][:1].isalpha() or words[t] in _PREP or words[t] == "and":
                    break
    # "Child killed 9 civilians injured": a headline's singular victim
    if (
        w in ("killed", "dead")
        and h.i > sa
        and words[h.i - 1] in _PERSON_NOUNS
        and (h.i - 1 == sa or not words[h.i - 2][:1].isdigit())
    ):
        return 1
    # "An Iraqi member of ... was killed"
    k = h.i - 1
    if (
        k >= sa
        and words[k] == "was"
        or (k - 1 >= sa and (words[k - 1], words[k]) == ("has", "been"))
    ):
        first = words[sa] if sa < sb else ""
        if first in ("a", "an", "one") or any(
            words[t] in _PERSON_NOUNS for t in range(max(sa, k - 6), k)
        ):
            return 1
    return None


# --------------------------------------------------------------------------- modality


_CUE_KINDS = ("negated", "hypothetical", "future", "alleged")


def _cues(doc: _Doc, lo: int, hi: int) -> set[str]:
    """The modality kinds whose cue words occur in ``words[lo:hi]``."""
    lex, words = doc.lex, doc.words
    found: set[str] = set()
    for k in doc.hot_in(lo, hi):
        w = words[k]
        if w.endswith("n't"):
            found.add("negated")
        for kind in _CUE_KINDS:
            index = lex.modality.get(kind)
            if not index or w not in index or kind in found:
                continue
            n = _find_phrase(words, k, hi, index)
            if n:
                if w == "no" and hi - k > 2:
                    continue  # "no casualties in the shelling": the toll is denied, not the attack
                found.add(kind)
    return found


def _modality(doc: _Doc, anchor: Hit, sa: int, sb: int, pos: str, k0: int) -> str:
    lex, words = doc.lex, doc.words
    lo = max(sa, min(anchor.i, k0) - 5)
    hi = anchor.i
    cues = _cues(doc, lo, hi) if lo < hi else ()
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
        if k >= sa and words[k] == "to" and (k - 1 < sa or words[k - 1] not in _INFINITIVE_OK):
            head = words[k + 1]
            if pos != "noun" or k + 1 != anchor.i or not head.endswith(("s", "ing")):
                return "future"
    if pos == "noun" and anchor.j < sb and words[anchor.j] in _MODALS:
        return _MODALS[words[anchor.j]]
    if pos == "noun":
        firsts = doc.hotset.modality
        for k in doc.hot_in(anchor.j, min(sb, anchor.j + 8)):
            if words[k] not in firsts:
                continue
            for ph in lex.after_hypothetical:
                n = len(ph)
                if tuple(words[k : k + n]) == ph:
                    if "not" in ph:
                        return "negated"
                    return "future" if ph[0] == "will" else "hypothetical"
    return "asserted"


# --------------------------------------------------------------------------- mode


def _cue_mode(doc: _Doc, lo: int, hi: int) -> tuple[str | None, float]:
    lex, words = doc.lex, doc.words
    best, prio = None, -1.0
    for k in doc.hot_in(lo, hi):
        cands = lex.mode_first.get(words[k])
        if not cands:
            continue
        for ph in cands:
            n = len(ph)
            if tuple(words[k : k + n]) == ph:
                mode, p = lex.mode_cues[ph]
                if p > prio:
                    best, prio = mode, p
                break
    return best, prio


def _mode(doc: _Doc, hs: list[Hit], sa: int, sb: int, actors: list[_M]) -> str | None:
    own = None
    own_prio = -1.0
    lex = doc.lex
    for h in hs:
        if h.rule.mode:
            p = _mode_priority(lex, h.rule.mode)
            if p > own_prio:
                own, own_prio = h.rule.mode, p
    cue, cue_prio = _cue_mode(doc, sa, sb)
    if cue and (own is None or cue in ("chemical", "suicide-attack") and cue_prio > own_prio):
        own = cue
    if own is None and any(h.rule.id == "assault.bombed" for h in hs):
        state = any(
            (x.m.entity.type in ("state", "country"))
            or ((x.m.sector or x.m.entity.sector) in ("MIL", "GOV"))
            for x in actors
        )
        own = "aerial" if state else "explosives"
    if own is None and actors:
        # "Russian strikes", "coalition raids": a state's or a coalition's strikes and
        # raids that name no weapon are air strikes
        words = doc.words
        if any(words[h.j - 1] in _STRIKE_NOUNS for h in hs if h.rule.pos == "noun") and any(
            x.m.entity.type in ("state", "country", "igo") for x in actors
        ):
            own = "aerial"
    return own


_STRIKE_NOUNS = frozenset(["strike", "strikes", "raid", "raids"])
_OWNED_BY = frozenset(
    [("used", "by"), ("run", "by"), ("operated", "by"), ("belonging", "to"), ("owned", "by")]
    + [("controlled", "by"), ("held", "by"), ("manned", "by"), ("occupied", "by")]
)
_COMBAT_VERBS = frozenset(
    ["advance", "advanced", "advancing", "attacked", "stormed", "pushed", "shelled", "bombed"]
    + ["pounded", "raided", "seized", "captured", "overran", "swept", "fought", "clashed"]
)
_QUANTITY = frozenset(
    ["series", "wave", "waves", "string", "barrage", "spate", "round", "rounds", "number"]
    + ["dozens", "hundreds", "scores", "campaign", "day", "days", "night", "nights"]
)
_ATTACKER_NOUNS = frozenset(
    ["bomber", "bombers", "attacker", "attackers", "gunman", "gunmen", "sniper", "snipers"]
)


_PRIORITY: dict[str, float] = {}


def _mode_priority(lex: Lexicon, mode: str) -> float:
    if not _PRIORITY:
        for m, p in lex.mode_cues.values():
            _PRIORITY[m] = max(p, _PRIORITY.get(m, 0.0))
    return _PRIORITY.get(mode, 0.0)


# --------------------------------------------------------------------------- date


def _date(doc: _Doc, si, sa, sb, a, b):
    dates, ds = doc.sent_dates(si)

    def within(lo: int, hi: int):
        return dates[bisect_left(ds, lo) : bisect_left(ds, hi)]

    found = within(doc.starts[sa], doc.ends[sb - 1])
    if not found:
        found = within(doc.starts[a], doc.ends[b - 1])
    for d in found:
        if d.date or not doc.ref:
            return d.date, d.text, d.precision, True
    if doc.ref:
        return doc.ref.isoformat(), None, "day", False
    return None, None, None, False


# --------------------------------------------------------------------------- document


def _compatible(base: Event, new: Event) -> bool:
    if base.modality != new.modality:
        return False
    ta = {p.country or p.id for p in base.targets}
    if any((p.country or p.id) in ta for p in new.actors):
        return False
    ta = {p.country or p.id for p in new.targets}
    if any((p.country or p.id) in ta for p in base.actors):
        return False
    if base.actors and new.actors:
        ids = {p.id for p in base.actors} | {p.country for p in base.actors if p.country}
        if not any(p.id in ids or (p.country and p.country in ids) for p in new.actors):
            return False
    if base.locations and new.locations:
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


def _merge(base: Event, new: Event) -> None:
    if not base.actors and new.actors:
        base.actors = new.actors
    have = {p.id for p in base.targets}
    base.targets = base.targets + [
        p for p in new.targets if p.id not in have and p.id not in {a.id for a in base.actors}
    ]
    if new.locations:
        if not base.locations:
            base.locations = list(new.locations)
        else:
            have_l = {loc.id for loc in base.locations}
            extra = [loc for loc in new.locations if loc.id not in have_l]
            if extra and _rank(extra[0]) < _rank(base.locations[0]):
                base.locations = extra[:1] + base.locations + extra[1:]
            else:
                base.locations = base.locations + extra
    if new.killed is not None:
        base.killed = new.killed if base.killed is None else max(base.killed, new.killed)
    if new.wounded is not None:
        base.wounded = new.wounded if base.wounded is None else max(base.wounded, new.wounded)
    if not base.mode and new.mode:
        base.mode = new.mode
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


def _subset(new: list[Participant], base: list[Participant]) -> bool:
    keys = {p.id for p in base} | {p.country for p in base if p.country}
    return all(p.id in keys or (p.country and p.country in keys) for p in new)


def _head(trigger: str) -> str:
    w = trigger.lower().split()[-1]
    return w[:-1] if w.endswith("s") else w


def _document_pass(doc: _Doc, drafts: list[_Draft]) -> list[Event]:
    kept: list[_Draft] = []
    recent: list[_Draft] = []  # ASSAULTs, the last touched last
    for d in drafts:
        ev = d.event
        if ev.type == "ASSAULT":
            best, best_score = None, None
            for n, base in enumerate(recent if not d.fresh else ()):
                bev = base.event
                far = d.sent - base.sent
                if base.sent == d.sent and not d.toll_only:
                    continue
                repeat = (
                    bool(ev.actors)
                    and _subset(ev.actors, bev.actors)
                    and _subset(ev.targets, bev.targets or bev.actors)
                )
                if d.anaphoric or d.bare:
                    if far > 3 and not (d.bare or _same_place(bev, ev)):
                        continue
                elif d.toll_only or repeat:
                    if far > (2 if d.toll_only else 3):
                        continue
                    if repeat and not d.toll_only and not _same_report(bev, ev):
                        continue
                else:
                    continue
                if not _compatible(bev, ev):
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
                _merge(best.event, ev)
                recent.remove(best)
                recent.append(best)
                continue
            if d.bare:
                continue
            recent.append(d)
        kept.append(d)
    _merge_same_toll(kept)
    kept = [d for d in kept if not d.bare]
    events = [d.event for d in kept]
    # fill what an ASSAULT still lacks from its context
    article_mode = _article_mode(kept)
    for d in kept:
        ev = d.event
        if ev.type != "ASSAULT":
            continue
        if not ev.mode:
            ev.mode = _context_mode(doc, d.sent) or article_mode
        if not ev.locations:
            ev.locations = _context_places(doc, d)
        _add_region(doc, ev)
    _infer_actors(doc, kept)
    _accuse_targets(kept)
    return events


def _merge_same_toll(kept: list[_Draft]) -> None:
    """The headline and the lede often report one attack twice ("Assad regime kills 18
    civilians" ... "18 civilians were killed when a missile struck"): the same toll, a
    compatible place and kind make them one event (the later one is marked ``bare``)."""
    seen: list[_Draft] = []
    for d in kept:
        ev = d.event
        if ev.type != "ASSAULT" or not ev.killed or ev.killed < 2 or ev.modality != "asserted":
            continue
        for base in seen:
            bev = base.event
            if bev.killed == ev.killed and _compatible(bev, ev):
                had_mode = bev.mode
                _merge(bev, ev)
                if ev.mode and (not had_mode or bev.rule.startswith("assault.toll")):
                    bev.mode = ev.mode
                d.bare = True
                break
        else:
            seen.append(d)


def _context_mode(doc: _Doc, si: int) -> str | None:
    for k in (si, si - 1, si + 1, si - 2):
        if 0 <= k < len(doc.sents):
            a, b = doc.sent_tok[k]
            mode, _ = _cue_mode(doc, a, b)
            if mode:
                return mode
    title = doc.article.title or ""
    if title:
        words = [m.group().lower() for m in WORD_RE.finditer(title)]
        lex = doc.lex
        best, prio = None, -1.0
        for k, w in enumerate(words):
            for ph in lex.mode_first.get(w, ()):
                if tuple(words[k : k + len(ph)]) == ph:
                    mode, p = lex.mode_cues[ph]
                    if p > prio:
                        best, prio = mode, p
                    break
        return best
    return None


def _article_mode(drafts: list[_Draft]) -> str | None:
    """The kind of attack the article reports most ("Syrian army kills 30 ISIL terrorists"
    in a report of clashes is one more of them)."""
    modes = Counter(
        d.event.mode
        for d in drafts
        if d.event.type == "ASSAULT" and d.event.mode and d.event.modality == "asserted"
    )
    return modes.most_common(1)[0][0] if modes else None


def _context_places(doc: _Doc, d: _Draft) -> list[Location]:
    si = d.sent
    para = doc.sents[si].paragraph
    for k in range(si - 1, max(-1, si - 4), -1):
        s = doc.sents[k]
        if s.paragraph != para and k < si - 1:
            break
        a, b = doc.sent_tok[k]
        places = [
            x
            for x in doc.sent_mentions(a, b)
            if x.kind == "place" and not x.skip and not x.poss and not x.speaker
        ]
        country = _focus_country(doc)
        if country and not any(x.m.entity.country in (None, country) for x in places):
            continue  # "... Moscow and the coalition ...": not where this attack was
        if places:
            return _locations(places, b, country)
    focus = _focus(doc)
    return [focus] if focus else []


def _focus(doc: _Doc) -> Location | None:
    if doc.focus is not False:
        return doc.focus  # type: ignore[return-value]
    counts: Counter = Counter()
    first: dict[str, _M] = {}
    for x in doc.mentions:
        if x.kind == "place" and not x.skip:
            counts[x.m.entity.id] += 1
            first.setdefault(x.m.entity.id, x)
    focus = None
    if counts:
        best = max(counts, key=lambda k: (counts[k], -_rank(first[k].location)))
        focus = first[best].location
    doc.focus = focus
    return focus


def _focus_region(doc: _Doc) -> Location | None:
    """The article's most reported first-level division (governorate, province), as the
    place of its most mentioned town or region there: where an attack located only as
    "northern Syria" most likely was."""
    if doc.region is not False:
        return doc.region  # type: ignore[return-value]
    doc.region = None
    country = _focus_country(doc)
    counts: Counter = Counter()
    best: dict[str, tuple[int, _M]] = {}
    per_place: Counter = Counter()
    for x in doc.mentions:
        e = x.m.entity
        if x.kind != "place" or x.skip or x.poss or not e.admin1 or e.country != country:
            continue
        key = (e.country, e.admin1)
        counts[key] += 1
        per_place[e.id] += 1
        if key not in best or per_place[e.id] > best[key][0]:
            best[key] = (per_place[e.id], x)
    if not counts:
        return None
    top = max(counts, key=counts.__getitem__)  # the first reached on ties
    doc.region = best[top][1].location
    return doc.region


def _add_region(doc: _Doc, ev: Event) -> None:
    """An attack placed no more precisely than a country or region ("in northern Syria")
    takes the article's focus region as a further place."""
    if any(loc.admin1 for loc in ev.locations):
        return
    region = _focus_region(doc)
    if region is None:
        return
    if any(loc.country and loc.country != region.country for loc in ev.locations):
        return
    ev.locations = ev.locations + [region]


_MODE_CLASS = {"aerial": "air", "drone": "air", "heavy-weapons": "air"}


_INFER_CLASS = {"aerial": "air", "drone": "air"}
_AIR_WORDS = frozenset(
    [
        "jets",
        "jet",
        "warplanes",
        "warplane",
        "aircraft",
        "planes",
        "plane",
        "helicopters",
        "helicopter",
        "air",
        "airstrikes",
        "airstrike",
        "raids",
        "bombers",
        "aviation",
    ]
)


def _infer_actors(doc: _Doc, drafts: list[_Draft]) -> None:
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
            and not any(_flies(p) for p in e.actors)
        ):
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
        cls = _INFER_CLASS.get(e.mode, e.mode)
        key = frozenset(p.country or p.id for p in e.actors)
        if e.modality == "asserted":
            by_mode.setdefault(cls, set()).add(key)
            first.setdefault(cls, e.actors)
        elif e.modality == "alleged":
            blamed.setdefault(cls, set()).add(key)
            blamed_first.setdefault(cls, e.actors)
    claims = _claims(doc)
    air: list[Participant] | None = None
    focus = _focus(doc)
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
        keys = by_mode.get(cls) if cls else None
        if not actors and cls:
            if keys and len(keys) == 1:
                actors, how = first[cls], "+ctx-actor"
            elif not keys and cls == "air":
                if air is None:
                    air = _air_actors(doc)
                actors, how = air, "+ctx-actor"
        if not actors and cls and len(blamed.get(cls, ())) == 1:
            actors, how = blamed_first[cls], "+alleged-actor"
        tkeys = {p.country or p.id for p in ev.targets}
        if actors and any((p.country or p.id) in tkeys for p in actors):
            actors = []
        if not actors:
            a, b = doc.sent_tok[d.sent]
            country = next((loc.country for loc in ev.locations if loc.country), None)
            if country is None and focus is not None:
                country = focus.country
            got = prior_actor(ev, _prior_words(doc, a, b), country, doc.article.source)
            if got is None:
                continue
            rule, actor = got
            actors, how = [actor], "+prior:" + rule.id
        if not actors:
            continue
        ev.actors = list(actors)
        ev.rule = ev.rule + how
        ev.confidence = round(
            max(0.1, ev.confidence - (0.3 if how.startswith("+prior") else 0.25)), 2
        )


def _name_generic_actors(events: list[Event]) -> None:
    """ "A terrorist rocket attack on Deir Ezzor ... ISIL terrorists fired 6 rocket shells":
    an attack by "terrorists", "militants" or "jihadists" at large is by the one named
    armed group the article gives its other attacks of that kind to (``+ctx-actor``)."""
    named: dict[str, dict[str, Participant]] = {}
    for e in events:
        if e.type != "ASSAULT" or e.modality != "asserted" or not e.mode:
            continue
        for p in e.actors:
            if p.type == "armed_group" and p.id not in _GENERIC_GROUPS:
                named.setdefault(_INFER_CLASS.get(e.mode, e.mode), {})[p.id] = p
    for e in events:
        if e.type != "ASSAULT" or e.modality != "asserted" or not e.mode or not e.actors:
            continue
        if not all(p.id in _GENERIC_GROUPS for p in e.actors):
            continue
        groups = named.get(_INFER_CLASS.get(e.mode, e.mode), {})
        if len(groups) == 1 and not any(t.id in groups for t in e.targets):
            e.actors = list(groups.values())
            e.rule += "+ctx-actor"
            e.confidence = round(max(0.1, e.confidence - 0.15), 2)


def _prior_words(doc: _Doc, a: int, b: int) -> set[str]:
    """The words of a sentence a prior may read: not those of a named group's name ("ISIL
    terrorists", "the Nusra Front terrorist group"), which say who, not what kind."""
    words = doc.words[a:b]
    last_named = -1
    for x in doc.sent_mentions(a, b):
        if x.kind != "actor":
            continue
        named = x.m.entity.id not in _GENERIC_GROUPS
        if named or x.i <= last_named + 1:
            for t in range(x.i, x.j):
                words[t - a] = ""
            last_named = x.j - 1 if named else max(last_named, x.j - 1)
    return set(words)


def _flies(p: Participant) -> bool:
    """Whether an actor can carry out an air strike: a state, its forces and organs, a
    person, a military alliance ("US-led coalition"); not a rebel group, not an
    international body ("UN airstrikes" in a line of tags)."""
    if p.type == "armed_group":
        return p.sector != "REB"
    if p.type in ("igo", "organization") and not p.country:
        return p.sector == "MIL"
    return True


_CLAIM = frozenset(["claimed", "claims", "claiming", "claim"])


def _claims(doc: _Doc) -> list[tuple[int, list[Participant]]]:
    """Sentences where a group claims an attack ("IS claimed responsibility for the
    bombing"): (sentence index, the claimants)."""
    out = []
    words = doc.words
    for si, (a, b) in enumerate(doc.sent_tok):
        for k in doc.hot_in(a, b):
            if words[k] not in _CLAIM or k + 1 >= b or words[k + 1] != "responsibility":
                continue
            # the claimant reads as a speaker ("IS claimed ..."): take it all the same
            ms = [x for x in doc.sent_mentions(a, k) if _is_actorish(x) and not x.skip]
            if ms and k - ms[-1].j <= 4:
                grp = [ms[-1]]
                for x in reversed(ms[:-1]):
                    gap = words[x.j : grp[0].i]
                    if len(gap) > 2 or any(g not in ("and", ",", "&") for g in gap):
                        break
                    grp.insert(0, x)
                out.append((si, [x.participant for x in grp]))
    return out


def _air_actors(doc: _Doc) -> list[Participant]:
    """The actors whose aircraft the article names, if they are all one state or group."""
    words = doc.words
    found: dict[str, Participant] = {}
    for x in doc.mentions:
        if not _is_actorish(x) or x.skip or x.speaker:
            continue
        inside = words[x.i : x.j]
        after = words[x.j : x.j + 2]
        if any(w in _AIR_WORDS for w in inside) or any(w in _AIR_WORDS for w in after):
            p = x.participant
            found.setdefault(p.country or p.id or p.name, p)
    return list(found.values())[:1] if len(found) == 1 else []


def _accuse_targets(kept: list[_Draft]) -> None:
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
