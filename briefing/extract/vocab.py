"""The closed-class and role words the event engine reads clause structure by: verbs of
being and light verbs, prepositions, pronouns and determiners, death and injury words,
person nouns, and the phrases that mark fresh, background or cumulative reports.

They are data (``data/grammar.toml``, ``reports.toml``, ``tolls.toml``,
``parties.toml``, each list with what it does), read once when the engine is first
imported, together with the user's files of the same shape in
``<config dir>/extract/`` (see :func:`briefing.extract.patterns.word_lists`). This
module only gives each list the shape its readers look words up in."""

from __future__ import annotations

from briefing.extract.patterns import phrase_index, phrase_tokens, word_lists

_GRAMMAR = word_lists("grammar.toml")
_REPORTS = word_lists("reports.toml")
_TOLLS = word_lists("tolls.toml")
_PARTIES = word_lists("parties.toml")


def _words(lists: dict, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lists.get(key, ()))


def _phrases(lists: dict, key: str) -> frozenset[tuple[str, ...]]:
    return frozenset(t for t in map(tuple, map(phrase_tokens, lists.get(key, ()))) if t)


# grammar.toml
BE = _words(_GRAMMAR, "be")
PREP = _words(_GRAMMAR, "prepositions")
TARGET_PREP = _words(_GRAMMAR, "target_prepositions")
HOSTILE_PREP = _words(_GRAMMAR, "hostile_prepositions")
FRIENDLY_PREP = _words(_GRAMMAR, "friendly_prepositions")
PRONOUNS = _words(_GRAMMAR, "pronouns")
DETERMINERS = _words(_GRAMMAR, "determiners")
LIGHT = _words(_GRAMMAR, "light_verbs")
BEFORE_BY = _words(_GRAMMAR, "before_by")
ASSOC = _words(_GRAMMAR, "associates")
INFINITIVE_OK = _words(_GRAMMAR, "infinitive_ok")
QUANTITY = _words(_GRAMMAR, "quantity")
OWNED_BY = _phrases(_GRAMMAR, "owned_by")
LOCATIVE = _words(_GRAMMAR, "locative")
LOC_SKIP = _words(_GRAMMAR, "place_modifiers")
ATTRIBUTIVE = tuple(sorted(_words(_GRAMMAR, "attributive")))  # str.startswith reads tuples
ORIGIN_SUFFIXES = tuple(sorted(_words(_GRAMMAR, "origin_suffixes")))
HELD_SUFFIXES = tuple(sorted(_words(_GRAMMAR, "held_suffixes")))
WEAK_BOUNDARIES = _words(_GRAMMAR, "weak_boundaries")
NEAR_BEFORE = _phrases(_GRAMMAR, "near_before")
NEAR_OF = _words(_GRAMMAR, "near_of")
NEAR_AFTER = _words(_GRAMMAR, "near_after")
NEAR_SKIP = _words(_GRAMMAR, "near_skip")
SURROUNDINGS: dict[str, str] = dict(_GRAMMAR.get("surroundings", {}))
_MODALS: dict = _GRAMMAR.get("modals", {})  # type: ignore[assignment]
MODALS: dict[str, str] = {w.lower(): m for w, m in _MODALS.items()}

# reports.toml
FRESH = phrase_index(_REPORTS.get("fresh", ()))
BACKGROUND = _words(_REPORTS, "background")
ANAPHOR_ADJ = _words(_REPORTS, "anaphor_adjectives")
DAY_POSS = frozenset(f"{d}'s" for d in _words(_REPORTS, "days"))

# tolls.toml
KILLED_WORDS = _words(_TOLLS, "killed")
WOUNDED_WORDS = _words(_TOLLS, "wounded")
KILL_FWD = _words(_TOLLS, "kill_forward")
WOUND_FWD = _words(_TOLLS, "wound_forward")
EITHER_WAY = _words(_TOLLS, "either_way")
ACTIVE_TOLL = _words(_TOLLS, "active_toll")
NOT_VICTIMS = _words(_TOLLS, "not_victims")
PERSON_NOUNS = _words(_TOLLS, "person_nouns")
VICTIM_WORDS = _words(_TOLLS, "victim_words")
SUPERSEDED = _words(_TOLLS, "superseded")
TOLL_UPDATE = _words(_TOLLS, "update")
CUMULATIVE = phrase_index(_TOLLS.get("cumulative", ()))  # first word -> phrases
VAGUE_MANY = _words(_TOLLS, "vague_many")

# parties.toml
ATTACKER_NOUNS = _words(_PARTIES, "attacker_nouns")
COMBAT_VERBS = _words(_PARTIES, "combat_verbs")
CLAIM = _words(_PARTIES, "claim")
GENERIC_GROUPS = frozenset(_PARTIES.get("generic_groups", ()))
GROUP_NOUNS = tuple(sorted(_words(_PARTIES, "group_nouns")))  # str.startswith reads tuples
AIR_WORDS = _words(_PARTIES, "air_words")
STRIKE_NOUNS = _words(_PARTIES, "strike_nouns")
GROUND_WORDS = _words(_PARTIES, "ground_words")
PHONE = _words(_PARTIES, "phone")
