"""Trigger patterns and word lists for the event engine, loaded from TOML data.

The bundled files are ``briefing/extract/data/triggers.toml`` (trigger and null
patterns, synsets), ``lexicon.toml`` (mode cues, speech verbs, clause boundaries,
modality cues) and the role-word lists of ``grammar.toml``, ``reports.toml``,
``tolls.toml`` and ``parties.toml`` (read by :mod:`briefing.extract.vocab`). A user
extends them by dropping files of the same shape in ``<config dir>/extract/``, named
after the file they extend (``triggers-local.toml``, ``grammar-mine.toml``): their
``[[trigger]]`` blocks are added and their synsets and word lists are merged with the
bundled ones.

Patterns compile to token sequences indexed by their first word, so matching a
sentence is one dict lookup per token (see :class:`TriggerMatcher`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

from briefing import paths

__all__ = [
    "Rule",
    "Hit",
    "Lexicon",
    "TriggerMatcher",
    "WORD_RE",
    "load",
    "phrase_index",
    "phrase_tokens",
    "word_lists",
]

# One token: a word with inner hyphens/apostrophes ("air-strike", "F-16", "Iran-backed",
# "n't" stays with its word), or one punctuation mark that matters to clause structure.
WORD_RE: Final = re.compile(
    r"(?=\S)(?:"  # (skips white space fast)
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # U.S. U.N. a.m.
    r"|\d{1,3}(?:,\d{3})+(?!\d)"  # 2,500
    r"|[^\W_]+(?:[-'’.][^\W_]+)*"
    r"|[;:,()\"“”]|(?<=\w)[.!?](?=\s|$)"
    r")"
)

GAP: Final = None  # a "*" element: zero to three words


def phrase_tokens(phrase: str) -> list[str]:
    return [m.group().lower().replace("’", "'") for m in WORD_RE.finditer(phrase)]


@dataclass(slots=True, frozen=True)
class Rule:
    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    pos: str = "verb"  # verb, noun, toll
    scope: str = "span"
    suppress: tuple[str, ...] = ()
    embed: str | None = None
    require: str | None = None
    confidence: float = 0.7
    # a sentence-wide null that does not hold where a hit of these modes is told ("a car
    # bomb ripped through crowds watching football"): an attack's words outweigh it
    unless_modes: tuple[str, ...] = ()


@dataclass(slots=True, unsafe_hash=True, init=False)
class Hit:
    rule: Rule
    i: int  # first token index (in the article's token list)
    j: int  # one past the last token
    start: int  # character span in the article text
    end: int

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        rule: Rule,
        i: int,
        j: int,
        start: int,
        end: int,
    ) -> None:
        self.rule = rule
        self.i = i
        self.j = j
        self.start = start
        self.end = end


# A compiled pattern: a tuple of elements; an element is a frozenset of alternative
# token tuples, or GAP.
Element = frozenset[tuple[str, ...]] | None


@dataclass(slots=True)
class _Pattern:
    rule: Rule
    elements: tuple[Element, ...]


class _Node:
    """A word of the trigger trie: the rule of the pattern that ends with it, if any, and
    the words that can follow (a compiled class: one attribute read a step, where a
    ``[rule, children]`` list took a generic item lookup)."""

    __slots__ = ("rule", "next")

    def __init__(self) -> None:
        self.rule: Rule | None = None
        self.next: dict[str, _Node] = {}


@dataclass(slots=True)
class TriggerMatcher:
    """Patterns without gaps live in a token trie (one dict step per word); the few with
    a "*" gap are tried by a small backtracking matcher from their first word."""

    trie: dict[str, _Node] = field(default_factory=dict)  # first word -> its node
    gapped: dict[str, list[_Pattern]] = field(default_factory=dict)

    def add(self, rule: Rule, pattern: str, synsets: dict[str, list[tuple[str, ...]]]) -> None:
        elements: list[Element] = []
        for word in pattern.split():
            if word == "*":
                elements.append(GAP)
            elif word.startswith("&"):
                elements.append(frozenset(synsets[word[1:]]))
            else:
                alts = []
                for alt in word.split("|"):
                    toks = tuple(phrase_tokens(alt))
                    if toks:
                        alts.append(toks)
                elements.append(frozenset(alts))
        first = elements[0] if elements else GAP
        if first is None:
            raise ValueError(f"pattern {pattern!r} of {rule.id} must start with a word")
        if GAP in elements:
            p = _Pattern(rule, tuple(elements))
            for seq in first:
                self.gapped.setdefault(seq[0], []).append(p)
            return
        seqs: list[tuple[str, ...]] = [()]
        for el in elements:
            seqs = [s + alt for s in seqs for alt in el or ()]  # no gap here
        for seq in seqs:
            node = self.trie
            for n, w in enumerate(seq):
                entry = node.get(w)
                if entry is None:
                    entry = node[w] = _Node()
                if n == len(seq) - 1 and entry.rule is None:
                    entry.rule = rule  # the first pattern to claim a sequence keeps it
                node = entry.next

    def first_words(self) -> frozenset[str]:
        """The words a pattern can start with: a token elsewhere starts no match."""
        return frozenset(self.trie) | frozenset(self.gapped)

    def match(
        self, words: list[str], lo: int, hi: int, at: list[int] | None = None
    ) -> list[tuple[Rule, int, int]]:
        """Matches (rule, i, j) in ``words[lo:hi]``; the longest wins at each start word.

        ``at``, when given, lists the only start positions to try (ascending, within
        ``lo:hi``): the tokens that are among :meth:`first_words`."""
        out: list[tuple[Rule, int, int]] = []
        trie, gapped = self.trie, self.gapped
        for i in range(lo, hi) if at is None else at:
            w = words[i]
            best: tuple[Rule, int, int] | None = None
            entry = trie.get(w)
            if entry is not None:
                k = i
                while True:
                    if entry.rule is not None:
                        best = (entry.rule, i, k + 1)
                    k += 1
                    if k >= hi:
                        break
                    entry = entry.next.get(words[k])
                    if entry is None:
                        break
            cands = gapped.get(w)
            if cands:
                for p in cands:
                    j = _match_at(p.elements, 0, words, i, hi)
                    if j is not None and (best is None or j > best[2]):
                        best = (p.rule, i, j)
            if best:
                out.append(best)
        return out


def phrase_at(words: list[str], k: int, ph: tuple[str, ...]) -> bool:
    """Whether the words from ``k`` (>= 0) on start with ``ph``: ``tuple(words[k : k +
    len(ph)]) == ph`` without building the slice and the tuple."""
    n = len(ph)
    if k + n > len(words):
        return n == 0
    return all(words[k + t] == ph[t] for t in range(n))


def _match_at(
    elements: tuple[Element, ...], k: int, words: list[str], i: int, hi: int
) -> int | None:
    if k == len(elements):
        return i
    el = elements[k]
    if el is GAP:
        for skip in range(0, 4):
            if i + skip > hi:
                break
            if skip and words[i + skip - 1] in (",", ";", ":", "(", ")", '"', ".", "and"):
                break
            j = _match_at(elements, k + 1, words, i + skip, hi)
            if j is not None:
                return j
        return None
    best: int | None = None
    for alt in el:
        n = len(alt)
        if i + n <= hi and phrase_at(words, i, alt):
            j = _match_at(elements, k + 1, words, i + n, hi)
            if j is not None and (best is None or j > best):
                best = j
    return best


@dataclass(slots=True)
class Lexicon:
    matcher: TriggerMatcher
    mode_cues: dict[tuple[str, ...], tuple[str, float]]  # cue tokens -> (mode, priority)
    mode_first: dict[str, list[tuple[str, ...]]]
    mode_rank: dict[str, float]  # mode -> priority of its own entry (not of a variant)
    speech: frozenset[str]
    boundaries: dict[str, list[tuple[str, ...]]]  # first token -> boundary phrases
    modality: dict[str, dict[str, list[tuple[str, ...]]]]  # modality -> first -> phrases
    after_hypothetical: list[tuple[str, ...]]
    rules: dict[str, Rule]


def phrase_index(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as token tuples by their first word, the longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        toks = tuple(phrase_tokens(ph))
        if toks:
            out.setdefault(toks[0], []).append(toks)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


def _files(name: str) -> list[Path]:
    files = [paths.data_file("extract", "data", name)]
    try:
        user = paths.config_dir() / "extract"
        if user.is_dir():
            stem = name.split(".")[0]
            files += sorted(p for p in user.glob("*.toml") if p.name.startswith(stem))
    except Exception:  # pragma: no cover - a broken config never stops extraction
        pass
    return files


def word_lists(name: str) -> dict[str, list | dict]:
    """The lists of the bundled data file ``name`` with those of the user's files of the
    same shape: a list key's items are appended to the bundled list, a table's keys
    are added to (or replace those of) the bundled table."""
    merged: dict[str, list | dict] = {}
    for p in _files(name):
        for key, value in tomllib.loads(p.read_text(encoding="utf-8")).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)  # type: ignore[union-attr]
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)  # type: ignore[union-attr]
    return merged


def load() -> Lexicon:
    """The compiled lexicon (cached per process; user files read at first use)."""
    return _load_cached()


@lru_cache(maxsize=1)
def _load_cached() -> Lexicon:
    trig_docs = [tomllib.loads(p.read_text(encoding="utf-8")) for p in _files("triggers.toml")]
    lex_docs = [tomllib.loads(p.read_text(encoding="utf-8")) for p in _files("lexicon.toml")]
    synsets: dict[str, list[tuple[str, ...]]] = {}
    for doc in trig_docs:
        for name, items in doc.get("synsets", {}).items():
            phrases = [tuple(phrase_tokens(x)) for x in items]
            synsets.setdefault(name, []).extend(t for t in phrases if t)
    matcher = TriggerMatcher()
    rules: dict[str, Rule] = {}
    for doc in trig_docs:
        for block in doc.get("trigger", []):
            rule = Rule(
                id=block["id"],
                type=block["type"],
                mode=block.get("mode") or None,
                cameo=block.get("cameo"),
                pos=block.get("pos", "verb"),
                scope=block.get("scope", "span"),
                suppress=tuple(block.get("suppress", ())),
                embed=block.get("embed"),
                require=block.get("require"),
                confidence=float(block.get("confidence", 0.7)),
                unless_modes=tuple(block.get("unless_modes", ())),
            )
            rules[rule.id] = rule
            for pat in block.get("patterns", []):
                matcher.add(rule, pat, synsets)
    mode_cues: dict[tuple[str, ...], tuple[str, float]] = {}
    mode_rank: dict[str, float] = {}
    speech: set[str] = set()
    boundaries: list[str] = []
    modality: dict[str, list[str]] = {}
    after_hyp: list[str] = []
    for doc in lex_docs:
        for name, spec in doc.get("modes", {}).items():
            mode = spec.get("mode", name)  # a variant: "car bomb" outranks "rocket"
            if mode == name:
                mode_rank[mode] = float(spec["priority"])
            for cue in spec["cues"]:
                toks = tuple(phrase_tokens(cue))
                if toks:
                    mode_cues[toks] = (mode, float(spec["priority"]))
        speech.update(doc.get("speech", []))
        boundaries += doc.get("boundaries", [])
        for k, v in doc.get("modality", {}).items():
            if k == "after_hypothetical":
                after_hyp += v
            else:
                modality.setdefault(k, []).extend(v)
    mode_first = phrase_index(" ".join(k) for k in mode_cues)
    return Lexicon(
        matcher=matcher,
        mode_cues=mode_cues,
        mode_first=mode_first,
        mode_rank=mode_rank,
        speech=frozenset(speech),
        boundaries=phrase_index(boundaries),
        modality={k: phrase_index(v) for k, v in modality.items()},
        after_hypothetical=[tuple(phrase_tokens(x)) for x in after_hyp],
        rules=rules,
    )
