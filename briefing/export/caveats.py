"""Why a report's toll stays out of a brief's totals: a brief must not overstate.

- **vague**: the only number in the evidence sentence that gives the toll is a magnitude
  ("hundreds were killed" read as 100);
- **span**: the sentence puts the toll over a span of time ("in a week of bombing",
  "since 2011"): the sum of many events, not this one's;
- **outside the period**: the report is dated outside the brief's ``since``/``until``
  (a marked event added to a filtered brief), or only to a month or a year that the
  period does not hold whole.

The words and patterns are data (``data/caveats.toml``). ``toll_caveat`` is pure.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "caveats.toml"

VAGUE = "vague"
SPAN = "over a span of time"
OUTSIDE = "outside the period"


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], re.Pattern[str]]:
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    vague = frozenset(w.lower() for w in data["vague"])
    span = re.compile("|".join(f"(?:{p})" for p in data["span"]), re.IGNORECASE)
    return vague, span


def toll_caveat(
    report: dict[str, Any], field_name: str, since: str | None, until: str | None
) -> str | None:
    """Why ``report``'s ``killed`` or ``wounded`` toll must not enter the totals of a brief
    of the period ``since``–``until`` (ISO days, either may be None); None if it may."""
    value = report.get(field_name)
    if not isinstance(value, int):
        return None
    sentence = report.get("sentence") or ""
    vague, span = _rules()
    if sentence:
        from briefing.text.numbers import find_numbers

        same = [n for n in find_numbers(sentence) if n.value == value and n.is_count]
        if same and all(n.approx and n.text.lower().strip() in vague for n in same):
            return VAGUE
        if span.search(sentence):
            return SPAN
    day = report.get("date")
    if day and (since or until):
        precision = report.get("date_precision") or "day"
        first, last = _bounds(day, precision)
        if (since and first < since) or (until and last > until):
            return OUTSIDE
    return None


def _bounds(day: str, precision: str) -> tuple[str, str]:
    """The first and last day a date of this precision may mean (ISO text compares)."""
    if precision == "year" or len(day) == 4:
        return day[:4] + "-01-01", day[:4] + "-12-31"
    if precision == "month" or len(day) == 7:
        return day[:7] + "-01", day[:7] + "-31"
    return day[:10], day[:10]
