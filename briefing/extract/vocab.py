"""The closed-class and role words the event engine reads clause structure by: verbs of
being and light verbs, prepositions, pronouns and determiners, death and injury words,
person nouns, and the phrases that mark fresh, background or cumulative reports."""

from __future__ import annotations

BE = frozenset(
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
PREP = frozenset(
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
TARGET_PREP = frozenset(["on", "against", "targeting", "at", "of", "upon", "toward", "towards"])
PRONOUNS = frozenset(["it", "they", "he", "she", "we"])
DETERMINERS = frozenset(
    ["the", "this", "that", "these", "those", "such", "its", "their", "his", "her"]
)
LIGHT = frozenset(
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
BEFORE_BY = frozenset(
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
ASSOC = frozenset(["alongside", "backed", "supported", "aided", "assisted", "including", "helped"])
KILL_FWD = frozenset(
    ["kill", "kills", "killing", "killings", "toll", "execute", "executes", "executing"]
    + ["claimed", "claiming", "claim"]
)
KILLED_WORDS = frozenset(
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
WOUNDED_WORDS = frozenset(["wounded", "wounding", "injured", "injuring", "injuries", "hurt"])
WOUND_FWD = frozenset(["wounding", "injuring"])
NOT_VICTIMS = frozenset(
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
PERSON_NOUNS = frozenset(
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
CONSULT_PARTY_TYPES = frozenset(("person", "state", "igo", "country"))
ATTRIBUTIVE = (
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
FRESH: dict[str, list[tuple[str, ...]]] = {}
for _ph in (
    "in another", "in a different", "in a separate", "meanwhile", "elsewhere", "in other",
    "separately", "in a related", "in a relevant context", "on the other hand", "in addition",
    "earlier", "in a similar", "also on", "on a related",
):  # fmt: skip
    _t = tuple(_ph.split())
    FRESH.setdefault(_t[0], []).append(_t)
for _v in FRESH.values():
    _v.sort(key=len, reverse=True)
BACKGROUND = frozenset(
    ["for", "to", "after", "following", "since", "of"]
)  # "in retaliation for" ...
HOSTILE = frozenset(["ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT", "PROTEST"])
HOSTILE_PREP = frozenset(["on", "against", "targeting", "at", "of", "upon"])
FRIENDLY_PREP = frozenset(["to", "for", "into", "with", "of"])
DAY_POSS = frozenset(
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
ANAPHOR_ADJ = frozenset(
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
ACTIVE_TOLL = frozenset(["killed", "kill", "kills", "killing", "wounded", "injured"])
MODALS = {
    "will": "future", "would": "hypothetical", "could": "hypothetical", "should": "hypothetical",
    "may": "hypothetical", "might": "hypothetical", "must": "hypothetical",
}  # fmt: skip
INFINITIVE_OK = frozenset(
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


CLAIM = frozenset(["claimed", "claims", "claiming", "claim"])
GENERIC_GROUPS = frozenset(
    ["actor:militants", "actor:jihadists", "actor:terrorists", "actor:rebels", "actor:militias"]
)
CUMULATIVE = (
    ("since",), ("so", "far"), ("the", "war"), ("civil", "war"), ("the", "conflict"),
    ("this", "conflict"), ("over", "the", "past"), ("during", "the", "past"), ("in", "recent"),
    ("past", "few"), ("this", "year"), ("last", "year"), ("the", "past"), ("to", "date"),
    ("in", "total"), ("overall",), ("the", "uprising"), ("the", "revolution"), ("years", "of"),
    ("the", "last", "few"), ("in", "the", "last"), ("death", "toll", "in", "syria"),
)  # fmt: skip
CUM_FIRST = {c[0] for c in CUMULATIVE}
OWNED_BY = frozenset(
    [("used", "by"), ("run", "by"), ("operated", "by"), ("belonging", "to"), ("owned", "by")]
    + [("controlled", "by"), ("held", "by"), ("manned", "by"), ("occupied", "by")]
)
COMBAT_VERBS = frozenset(
    ["advance", "advanced", "advancing", "attacked", "stormed", "pushed", "shelled", "bombed"]
    + ["pounded", "raided", "seized", "captured", "overran", "swept", "fought", "clashed"]
)
QUANTITY = frozenset(
    ["series", "wave", "waves", "string", "barrage", "spate", "round", "rounds", "number"]
    + ["dozens", "hundreds", "scores", "campaign", "day", "days", "night", "nights"]
)
ATTACKER_NOUNS = frozenset(
    ["bomber", "bombers", "attacker", "attackers", "gunman", "gunmen", "sniper", "snipers"]
)
