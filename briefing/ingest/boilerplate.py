"""Cut page furniture (promos, share buttons, captions, footers) from article text.

The rules are data (``data/boilerplate.toml`` plus the user's ``boilerplate/*.toml``);
this module only applies them. Every cut is returned so that the caller can keep it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing import paths
from briefing.model import Cut


@dataclass(slots=True, frozen=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    scope: str  # match | line | tail | tags | break
    source: str | None = None
    # The rule applies only to a text holding one of these (lower-cased for an icase rule):
    # a substring test costs a fraction of a regex scan of the whole text.
    needles: tuple[str, ...] = ()
    icase: bool = False
    # scope "tags": words that open the sentence after a run of keywords (see tag_run)
    until: frozenset[str] = frozenset()


SCOPES = {"match", "line", "tail", "tags", "break"}


def parse_rules(data: dict, origin: str) -> list[Rule]:
    rules = []
    for i, raw in enumerate(data.get("rule", [])):
        try:
            icase = bool(raw.get("icase"))
            flags = re.MULTILINE | (re.IGNORECASE if icase else 0)
            scope = raw.get("scope", "match")
            if scope not in SCOPES:
                raise ValueError(f"scope must be one of {sorted(SCOPES)}")
            pattern = re.compile(raw["pattern"], flags)
            needles = _needles(raw.get("needle"), icase)
            until = raw.get("until", [])
            if not isinstance(until, list) or not all(isinstance(w, str) for w in until):
                raise ValueError("until must be a list of words")
            if scope == "tags" and not until:
                raise ValueError("a rule of scope 'tags' needs 'until'")
            rules.append(
                Rule(raw["id"], pattern, scope, raw.get("source"), needles, icase, frozenset(until))
            )
        except (KeyError, re.error, ValueError) as exc:
            raise ValueError(f"{origin}: rule {i + 1}: {exc}") from exc
    return rules


def _needles(value: object, icase: bool) -> tuple[str, ...]:
    """A rule's ``needle``: none, a text, or a list of texts (any of them will do)."""
    if value is None:
        return ()
    found = [value] if isinstance(value, str) else value
    if not isinstance(found, list) or not found or not all(isinstance(n, str) and n for n in found):
        raise ValueError("needle must be a text or a list of texts, none empty")
    return tuple(n.lower() if icase else n for n in found)


class _Text:
    """The text the rules are tried on, and what is known of it until a cut changes it:
    its lower-cased copy (made once for all the icase rules) and which rules' needles it
    holds (the rules revealing an outlet are tried first, then all of them in turn)."""

    __slots__ = ("value", "_lowered", "_holds")

    def __init__(self, value: str):
        self.change(value)

    def change(self, value: str) -> None:
        self.value = value
        self._lowered: str | None = None
        self._holds: dict[int, bool] = {}

    def holds_needle(self, rule: Rule) -> bool:
        """Whether the text holds one of the rule's needles (any text, if it has none)."""
        if not rule.needles:
            return True
        found = self._holds.get(id(rule))
        if found is None:
            text = self.value
            if rule.icase:
                if self._lowered is None:
                    self._lowered = text.lower()
                text = self._lowered
            found = self._holds[id(rule)] = any(n in text for n in rule.needles)
        return found


@cache
def load_rules(config_dir: Path | None = None) -> tuple[Rule, ...]:
    files = [paths.data_file("ingest", "data", "boilerplate.toml")]
    user = (config_dir or paths.config_dir()) / "boilerplate"
    if user.is_dir():
        files += sorted(user.glob("*.toml"))
    rules: list[Rule] = []
    for f in files:
        rules += parse_rules(tomllib.loads(f.read_text(encoding="utf-8")), str(f))
    return tuple(rules)


def _revealed_source(text: _Text, rules: tuple[Rule, ...]) -> str | None:
    for rule in rules:
        if rule.source is None or not text.holds_needle(rule):
            continue
        if m := rule.pattern.search(text.value):
            return m.expand(rule.source.replace("$1", r"\1")) if "$" in rule.source else rule.source
    return None


def strip_boilerplate(
    text: str, rules: tuple[Rule, ...] | None = None
) -> tuple[str, list[Cut], str | None]:
    """Return the text without boilerplate, the cuts in order, and an outlet name if a rule revealed one."""
    rules = load_rules() if rules is None else rules
    cuts: list[Cut] = []
    known = _Text(text)
    source = _revealed_source(known, rules)
    for rule in rules:
        if not known.holds_needle(rule):
            continue
        m = rule.pattern.search(text)
        if not m:
            continue
        if rule.scope == "tail":
            start = (
                text.rfind("\n", 0, m.start()) + 1
                if rule.pattern.pattern.startswith("^")
                else m.start()
            )
            cuts.append(Cut(rule.id, text[start:].strip()))
            text = text[:start]
            known.change(text)
            continue
        pieces: list[tuple[int, int]] = []
        for m in rule.pattern.finditer(text):
            if rule.scope == "tags":
                end = tag_run(text, m.end(), rule.until)
                if end is not None:
                    pieces.append((m.start(), end))
            elif rule.scope == "line":
                start = text.rfind("\n", 0, m.start()) + 1
                end = text.find("\n", m.end())
                pieces.append((start, len(text) if end < 0 else end))
            elif m.end() > m.start():
                pieces.append((m.start(), m.end()))
        if not pieces:
            continue
        out, last = [], 0
        for start, end in pieces:
            if start < last:
                continue
            out.append(text[last:start])
            if rule.scope == "break":  # what it cut ended a sentence: keep the end
                out.append(".\n\n" if start and text[start - 1] not in ".!?\n" else "\n\n")
            cuts.append(Cut(rule.id, text[start:end].strip()))
            last = end
        out.append(text[last:])
        text = "".join(out)
        known.change(text)
    return text, cuts, source


_WORD = re.compile(r"\S+")
_ARTICLES = frozenset(["The", "A", "An"])


def tag_run(text: str, at: int, until: frozenset[str], most: int = 30) -> int | None:
    """Where a run of keywords from ``at`` ends ("Tags Syria Idlib regime airstrikes Khan
    Sheikhun Sixteen civilians were killed ..." -> before "Sixteen"), or None when no
    sentence follows it within ``most`` words. The run ends at a full stop, or at the
    capitalised word (with its "The", "A" or "An") last before the first of ``until``:
    words that no keyword list holds but every sentence soon does ("were", "in", "said")."""
    words = list(_WORD.finditer(text, at, at + 40 * most))[:most]
    for n, m in enumerate(words):
        w = m.group()
        if w.endswith(".") and n:
            return m.end()
        if w.lower() not in until and not (
            w == "of" and n + 1 < len(words) and words[n + 1].group() == "the"
        ):
            continue
        if w[:1].isupper() and n:
            return m.start()  # "... Aleppo At least 12 civilians": the sentence opens here
        for k in range(n - 1, 0, -1):
            first = words[k].group()
            if first[:1].isupper() or first[:1].isdigit():
                # a name the sentence opens with "The": "The Islamic State group has"
                j = k
                while j > 1 and k - j < 4 and words[j - 1].group()[:1].isupper():
                    j -= 1
                    if words[j].group() in _ARTICLES:
                        k = j
                        break
                return words[k].start() if k else None
        return None
    return None
