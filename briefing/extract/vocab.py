"""The closed-class and role words the event engine reads clause structure by: verbs of
being and light verbs, prepositions, pronouns and determiners, death and injury words,
person nouns, and the phrases that mark fresh, background or cumulative reports.

They are data (``data/grammar.toml``, ``reports.toml``, ``tolls.toml``,
``parties.toml``, each list with what it does), read once when the engine is first
imported, together with the user's files of the same shape in
``<config dir>/extract/`` (see :func:`briefing.extract.patterns.word_lists`). This
module only gives each list the shape its readers look words up in."""

from __future__ import annotations

from typing import Final

from briefing.extract.patterns import phrase_index, phrase_tokens, word_lists

_GRAMMAR: Final = word_lists("grammar.toml")
_REPORTS: Final = word_lists("reports.toml")
_TOLLS: Final = word_lists("tolls.toml")
_PARTIES: Final = word_lists("parties.toml")


def _words(lists: dict, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lists.get(key, ()))


def _phrases(lists: dict, key: str) -> frozenset[tuple[str, ...]]:
    return frozenset(t for t in map(tuple, map(phrase_tokens, lists.get(key, ()))) if t)


# grammar.toml
BE: Final = _words(_GRAMMAR, "be")
PREP: Final = _words(_GRAMMAR, "prepositions")
TARGET_PREP: Final = _words(_GRAMMAR, "target_prepositions")
HOSTILE_PREP: Final = _words(_GRAMMAR, "hostile_prepositions")
FRIENDLY_PREP: Final = _words(_GRAMMAR, "friendly_prepositions")
PRONOUNS: Final = _words(_GRAMMAR, "pronouns")
DETERMINERS: Final = _words(_GRAMMAR, "determiners")
LIGHT: Final = _words(_GRAMMAR, "light_verbs")
BEFORE_BY: Final = _words(_GRAMMAR, "before_by")
ASSOC: Final = _words(_GRAMMAR, "associates")
INFINITIVE_OK: Final = _words(_GRAMMAR, "infinitive_ok")
QUANTITY: Final = _words(_GRAMMAR, "quantity")
PARTITIVE: Final = _words(_GRAMMAR, "partitive_nouns")
AFFILIATE: Final = _words(_GRAMMAR, "affiliate_nouns")
OWNED_BY: Final = _phrases(_GRAMMAR, "owned_by")
OWNED_FIRST: Final = frozenset(p[0] for p in OWNED_BY)  # a word that can start one
LOCATIVE: Final = _words(_GRAMMAR, "locative")
LOC_SKIP: Final = _words(_GRAMMAR, "place_modifiers")
# division word -> the countries whose first-level divisions it names ("state": Nigeria's)
DIVISION_WORDS: Final[dict[str, frozenset[str]]] = {
    word: frozenset(codes)
    for word, codes in _GRAMMAR.get("division_words", {}).items()  # type: ignore[union-attr]
}
PLACE_NOUNS: Final = _words(_GRAMMAR, "place_nouns")
ATTRIBUTIVE: Final = tuple(sorted(_words(_GRAMMAR, "attributive")))  # str.startswith reads tuples
ORIGIN_SUFFIXES: Final = tuple(sorted(_words(_GRAMMAR, "origin_suffixes")))
HELD_SUFFIXES: Final = tuple(sorted(_words(_GRAMMAR, "held_suffixes")))
HELD_VERBS: Final = tuple(sorted(_words(_GRAMMAR, "held_verbs")))
WEAK_BOUNDARIES: Final = _words(_GRAMMAR, "weak_boundaries")
NEAR_BEFORE: Final = _phrases(_GRAMMAR, "near_before")
NEAR_OF: Final = _words(_GRAMMAR, "near_of")
NEAR_AFTER: Final = _words(_GRAMMAR, "near_after")
NEAR_SKIP: Final = _words(_GRAMMAR, "near_skip")
VICINITY_AFTER: Final = _words(_GRAMMAR, "vicinity_after")
DIVISION_AFTER: Final = _words(_GRAMMAR, "division_after")
HOME_NOUNS: Final = _words(_GRAMMAR, "home_nouns")
HOME_AFTER: Final = _words(_GRAMMAR, "home_after")
SEAT_NOUNS: Final = _words(_GRAMMAR, "seat_nouns")
DESTINATION_VERBS: Final = _words(_GRAMMAR, "destination_verbs")
DESTINATION_GAP: Final = _words(_GRAMMAR, "destination_gap")
SETTLEMENT_NOUNS: Final = _words(_GRAMMAR, "settlement_nouns")
CAPITAL_QUALIFIERS: Final = _words(_GRAMMAR, "capital_qualifiers")
SETTLEMENT_MODIFIED: Final = _words(_GRAMMAR, "settlement_modified")
UNLISTED_AFTER: Final = _words(_GRAMMAR, "unlisted_after")
UNLISTED_BEFORE: Final = _words(_GRAMMAR, "unlisted_before")
UNLISTED_BETWEEN: Final = _words(_GRAMMAR, "unlisted_between")
UNLISTED_NOT: Final = _words(_GRAMMAR, "unlisted_not")
SURROUNDINGS: Final[dict[str, str]] = dict(_GRAMMAR.get("surroundings", {}))
NOMINAL_HEADS: Final = _words(_GRAMMAR, "nominal_heads")
_MODALS: Final[dict] = _GRAMMAR.get("modals", {})  # type: ignore[assignment]
MODALS: Final[dict[str, str]] = {w.lower(): m for w, m in _MODALS.items()}

# reports.toml
FRESH: Final = phrase_index(_REPORTS.get("fresh", ()))
BACKGROUND: Final = _words(_REPORTS, "background")
TOLD_BEFORE: Final = _words(_REPORTS, "told_before")
ASIDE_WORDS: Final = _words(_REPORTS, "aside_words")
BEFORE_LEADS: Final = _words(_REPORTS, "before_leads")
ANAPHOR_ADJ: Final = _words(_REPORTS, "anaphor_adjectives")
DAYS: Final = _words(_REPORTS, "days")
DAY_POSS: Final = frozenset(f"{d}'s" for d in DAYS)

# tolls.toml
KILLED_WORDS: Final = _words(_TOLLS, "killed")
WOUNDED_WORDS: Final = _words(_TOLLS, "wounded")
KILL_FWD: Final = _words(_TOLLS, "kill_forward")
WOUND_FWD: Final = _words(_TOLLS, "wound_forward")
EITHER_WAY: Final = _words(_TOLLS, "either_way")
ACTIVE_TOLL: Final = _words(_TOLLS, "active_toll")
NOT_VICTIMS: Final = _words(_TOLLS, "not_victims")
PERSON_NOUNS: Final = _words(_TOLLS, "person_nouns")
VICTIM_WORDS: Final = _words(_TOLLS, "victim_words")
SUPERSEDED: Final = _words(_TOLLS, "superseded")
TOLL_UPDATE: Final = _words(_TOLLS, "update")
TOLL_PERIOD: Final = _words(_TOLLS, "period")
CUMULATIVE: Final = phrase_index(_TOLLS.get("cumulative", ()))  # first word -> phrases
NEWS_SPANS: Final = _words(_TOLLS, "news_spans")
RECENT_SINCE: Final = _words(_TOLLS, "recent_since")
VAGUE_MANY: Final = _words(_TOLLS, "vague_many")
WAR_NOUNS: Final = _words(_TOLLS, "war_nouns")
UNNAMED_VICTIMS: Final = _words(_TOLLS, "unnamed_victims")
TWO_SIDED: Final = _words(_TOLLS, "two_sided")

# parties.toml
ATTACKER_NOUNS: Final = _words(_PARTIES, "attacker_nouns")
COMBAT_VERBS: Final = _words(_PARTIES, "combat_verbs")
CLAIM: Final = _words(_PARTIES, "claim")
BLAME: Final = _words(_PARTIES, "blame")
BLAME_OF: Final = _words(_PARTIES, "blame_of")

# Words between a town noun and what qualifies it: "the Malian border town of Boni", "a
# remote village"
TOWN_MODIFIERS: Final = frozenset(
    ["border", "frontier", "frontline", "front-line", "coastal", "mountain", "remote",
     "small", "key", "strategic", "northern", "southern", "eastern", "western", "central",
     "rural", "desert", "farming", "fishing", "mining", "market", "oil", "garrison",
     "northeastern", "northwestern", "southeastern", "southwestern"]
)  # fmt: skip
STATEMENT_NOUNS: Final = _words(_PARTIES, "statement_nouns")
REPEL_VERBS: Final = _words(_PARTIES, "repel_verbs")
GENERIC_GROUPS: Final = frozenset(_PARTIES.get("generic_groups", ()))
GROUP_NOUNS: Final = tuple(sorted(_words(_PARTIES, "group_nouns")))  # str.startswith reads tuples
AIR_WORDS: Final = _words(_PARTIES, "air_words")
STRIKE_NOUNS: Final = _words(_PARTIES, "strike_nouns")
GROUND_WORDS: Final = _words(_PARTIES, "ground_words")
PHONE: Final = _words(_PARTIES, "phone")
UNARMED_BODIES: Final = frozenset(_PARTIES.get("unarmed_bodies", ()))

# the modality kinds cue words tell, in the order they are read (lexicon.toml [modality])
CUE_KINDS: Final = ("negated", "hypothetical", "future", "alleged")


# Nouns of incidents a country's name may head in a headline, as where they happened
# ("Iraq bombs kill 21", "Pakistan blasts kill 30", "Nigeria attacks leave 50 dead"; not
# aircraft: "Syria air strike" is Syria's), and the verbs that show them nouns.
INCIDENT_NOUNS: Final = frozenset(
    [
        "bomb",
        "bombs",
        "blast",
        "blasts",
        "bombing",
        "bombings",
        "explosion",
        "explosions",
        "attack",
        "attacks",
        "violence",
        "clashes",
        "fighting",
        "unrest",
        "shooting",
        "ambush",
        "massacre",
    ]
)
_INCIDENT_VERBS: Final = frozenset(
    [
        "kill",
        "kills",
        "killed",
        "hit",
        "hits",
        "rock",
        "rocks",
        "shake",
        "shakes",
        "leave",
        "leaves",
        "left",
        "claim",
        "claims",
        "wound",
        "wounds",
        "wounded",
        "target",
        "targets",
    ]
)


# What an incident noun's modifiers name in a headline: "[Kenya] bus attack", "[South
# Sudan] cattle raid", "[Nigeria] base raid", "[Pakistan] mosque bombing"
_INCIDENT_MODIFIERS: Final = frozenset(
    ["car", "suicide", "truck", "roadside", "bus", "base", "cattle", "market", "mosque",
     "church", "school", "hotel", "wedding", "border", "village", "prison", "jail", "camp",
     "checkpoint", "convoy", "army", "police", "military", "militant", "rebel", "jihadist",
     "gun", "mall", "funeral", "stadium", "bank", "hospital", "train", "airport", "bomb",
     "grenade", "mine", "landmine", "drone", "rocket", "mortar", "knife", "machete", "mob",
     "gang", "bandit", "terror", "terrorist", "insurgent", "boat", "ferry", "shrine",
     "temple", "rally", "protest", "election", "polling", "market-place", "bus-station"]
)  # fmt: skip
_INCIDENT_ENDS: Final = frozenset([":", ".", "-", "–", "—", "in", "on", "at", "near", ",", "toll"])
# incidents that end a headline's phrase ("Kenya bus attack: ...", "... in Nigeria base raid")
_HEADED: Final = INCIDENT_NOUNS | frozenset(["raid", "raids", "siege", "killings", "killing"])


def incident_head(words: list[str], j: int) -> bool:
    """Whether the words from token j are an incident a country's name before them heads:
    "[Iraq] bombs kill 21", "[Somalia] car bomb kills 10", "[Pakistan] suicide bombing",
    "[Kenya] bus attack: ...", "in [Nigeria] base raid"."""
    n = len(words)
    if j + 1 < n and words[j] in ("car", "suicide", "truck", "roadside"):
        return words[j + 1] in INCIDENT_NOUNS
    k = j
    while k < n and k - j < 2 and words[k] in _INCIDENT_MODIFIERS:
        k += 1
    if k > j and k < n and words[k] in _HEADED:
        return k + 1 >= n or words[k + 1] in _INCIDENT_VERBS or words[k + 1] in _INCIDENT_ENDS
    return j + 1 < n and words[j] in INCIDENT_NOUNS and words[j + 1] in _INCIDENT_VERBS
