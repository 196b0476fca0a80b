"""Numbers in news prose: digits, number words, vague quantities and ranges.

``find_numbers(text)`` returns every number phrase with its span and value:

- digits with thousands separators: ``2,500`` -> 2500, ``1.5 million`` -> 1500000;
- number words: ``fifty``, ``twenty-one``, ``a hundred``, ``two hundred and five``;
- vague quantities as ACLED counts them: ``dozens`` 12, ``a dozen`` 12, ``tens`` 10,
  ``scores`` 20, ``hundreds`` 100, ``thousands`` 1000 (``approx=True``);
- qualifiers kept as a flag: ``at least``/``more than``/``nearly``/``some`` ... set
  ``approx=True`` and the value is the number itself ("at least fifty" is 50);
- ranges ``5-10``, ``5 to 10``, ``between 5 and 10`` give the lower bound.

Each number carries what it is not a count of: ``ordinal`` (``132nd``), ``year``
(1900-2099 written as four digits), ``unit`` (the measure word after it: ``km``,
``kilometers``, ``miles``, ``percent``, ``years``, ``year-old``, ``tons`` ...), so callers
can skip "132nd Brigade", "in 2019", "65 kilometers" and ages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from briefing.text.offsets import bisect_left

__all__ = ["COUNT_WORDS", "Number", "find_numbers", "number_starts", "word_value", "UNITS"]

_ONES: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: Final = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE: Final = {
    "dozens": 12, "a dozen": 12, "tens": 10, "scores": 20, "hundreds": 100,
    "thousands": 1000, "a handful": 3,
}  # fmt: skip

UNITS: Final = {
    "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "mile", "miles",
    "meter", "meters", "metre", "metres", "m", "feet", "ft", "percent", "per", "%",
    "year", "years", "year-old", "years-old", "month", "months", "week", "weeks", "day",
    "days", "hour", "hours", "minute", "minutes", "ton", "tons", "tonnes", "kg", "kilograms",
    "mm", "dollars", "usd", "euros", "am", "a.m", "pm", "p.m", "gmt", "utc", "times",
    "o'clock", "billion",
}  # fmt: skip

_MONTHS: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

_WORDNUM: Final = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(k for k in _ONES if k != "zero")
    + r"))?"
    r"|" + "|".join(sorted(_ONES, key=len, reverse=True)) + r"|an?(?= (?:hundred|thousand)))"
    r"(?:[- ](?:hundred|thousand|million)(?:(?: and)? (?:(?:"
    + "|".join(_TENS)
    + r")(?:-(?:"
    + "|".join(k for k in _ONES if k != "zero")
    + r"))?|"
    + "|".join(sorted(_ONES, key=len, reverse=True))
    + r"))?)*"
)
_DIGITS: Final = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
_CORE: Final = (
    r"(?:"
    + _DIGITS
    + r"|"
    + _WORDNUM
    + r"|dozens|a dozen|tens|scores|hundreds|thousands|a handful)"
)
_QUAL: Final = (
    r"(?:at least|at most|more than|less than|fewer than|no fewer than|no less than|over|"
    r"nearly|almost|about|around|approximately|roughly|some|up to|as many as|close to|an estimated)"
)

_NUM_RE: Final = re.compile(
    r"(?<![\w.,-])(?:(?P<qual>" + _QUAL + r")\s+)?"
    r"(?:between\s+(?P<lo>" + _CORE + r")\s+and\s+(?P<hi>" + _CORE + r")"
    r"|(?P<core>" + _CORE + r")(?:\s*(?:-|–|to|or)\s*(?P<hi2>" + _CORE + r"))?)"
    r"(?P<ord>st|nd|rd|th)?"
    r"(?![\w])",
    re.IGNORECASE,
)
_UNIT_RE: Final = re.compile(r"\s*-?\s*([A-Za-z%][A-Za-z.'-]*|%)")
_MONTH_BEFORE_RE: Final = re.compile(r"(?:" + _MONTHS + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER_RE: Final = re.compile(r"(?:" + _MONTHS + r")\b")
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
# the first three letters of every month name _MONTHS spells (all of its names start so)
_MONTH_HEADS: Final = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                       "nov", "dec")  # fmt: skip


def _month_before(text: str, lo: int, hi: int) -> bool:
    """``_MONTH_BEFORE_RE.search(text, lo, hi)`` found something ("June 27"): the
    expression (tried at every position of the window, each month under IGNORECASE) only
    when the window holds the head of a month name. (A window with letters other than
    ASCII always goes to the expression: case-insensitive matching knows foldings that
    ``str.lower`` does not.)"""
    window = text[lo:hi]
    if window.isascii():
        low = window.lower()
        if not any(h in low for h in _MONTH_HEADS):
            return False
    return _MONTH_BEFORE_RE.search(text, lo, hi) is not None


@dataclass(slots=True, unsafe_hash=True, init=False)
class Number:
    start: int
    end: int
    text: str
    value: int
    approx: bool = False
    ordinal: bool = False
    year: bool = False
    unit: str | None = None

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        value: int,
        approx: bool = False,
        ordinal: bool = False,
        year: bool = False,
        unit: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.approx = approx
        self.ordinal = ordinal
        self.year = year
        self.unit = unit

    @property
    def is_count(self) -> bool:
        """A plain count of things (not an ordinal, a year, a measure or a date's day)."""
        return not (self.ordinal or self.year or self.unit)


_VALUES: Final[dict[str, int | None]] = {}  # word_value memoised: news repeats its numbers


def word_value(words: str) -> int | None:
    """Value of a number written in words or digits ("twenty-one" -> 21, "2,500" -> 2500)."""
    if words in _VALUES:
        return _VALUES[words]
    if len(_VALUES) > 100_000:
        _VALUES.clear()
    value = _VALUES[words] = _word_value(words)
    return value


def _word_value(words: str) -> int | None:
    w = words.strip().lower()
    if w in _VAGUE:
        return _VAGUE[w]
    w2 = w.replace(",", "")
    try:
        return int(float(w2))
    except ValueError:
        pass
    parts = w2.split()
    if len(parts) == 2 and parts[1] in ("million", "thousand"):
        try:
            return int(float(parts[0]) * _SCALES[parts[1]])
        except ValueError:
            pass
    total = 0
    current = 0
    seen = False
    for tok in re.split(r"[\s-]+", w2):
        if tok in ("and", ""):
            continue
        if tok in ("a", "an"):
            current = 1
            seen = True
        elif tok in _ONES:
            current += _ONES[tok]
            seen = True
        elif tok in _TENS:
            current += _TENS[tok]
            seen = True
        elif tok in _SCALES:
            scale = _SCALES[tok]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


# Words that are a count by themselves ("five", "dozens"): callers use them to tell
# "25 Nusra fighters" (victims counted) from "Nusra fighters" (an actor).
COUNT_WORDS: Final = frozenset(
    list(_ONES) + list(_TENS) + ["dozen", "dozens", "tens", "scores", "hundreds", "thousands"]
)

# Words a number phrase can start with (for callers that already have tokens).
STARTERS: Final = frozenset(
    list(_ONES) + list(_TENS) + ["dozens", "tens", "scores", "hundreds", "thousands", "between"]
    + ["at", "more", "less", "fewer", "no", "over", "nearly", "almost", "about", "around", "approximately", "roughly", "some", "up", "as", "close", "an"]
)  # fmt: skip
_A_WORDS: Final = ("dozen", "hundred", "thousand", "handful")


_MAYBE: Final = STARTERS | {"a"}


# Starters that only qualify a number ("at least", "more than", "some"): the number
# itself must follow within three words for a phrase to start there.
_QUALIFIERS: Final = frozenset(
    ["at", "more", "less", "fewer", "no", "over", "nearly", "almost", "about", "around"]
    + ["approximately", "roughly", "some", "up", "as", "close", "an", "between"]
)
_NUMBER_FIRST: Final = frozenset(list(_ONES) + list(_TENS) + list(_VAGUE) + ["a", "an", "between"])


def _number_follows(words: list[str], k: int, n: int) -> bool:
    for t in range(k + 1, min(n, k + 4)):
        w = words[t]
        if w[0].isdigit() or w in _NUMBER_FIRST or w.split("-", 1)[0] in _TENS:
            return True
    return False


def number_starts(words: list[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Positions of the tokens in ``words[lo:hi]`` (lower-cased) where a number phrase can
    start: the cheap tests, done once per text by a caller with many spans, so that
    :func:`find_numbers` (``at=``) runs the big expression only at those positions."""
    n = len(words)
    hi = n if hi is None else hi
    out = []
    for k in range(lo, hi):
        w = words[k]
        if not (w in _MAYBE or w[0].isdigit() or "-" in w):  # the usual case, cheaply
            continue
        if (
            w[:1].isdigit()
            or (w in STARTERS and (w not in _QUALIFIERS or _number_follows(words, k, n)))
            or (w == "a" and k + 1 < n and words[k + 1] in _A_WORDS)
            or ("-" in w and w.split("-", 1)[0] in _TENS)
        ):
            out.append(k)
    return out


def _matches(
    text: str,
    start: int,
    end: int,
    words: list[str] | None,
    starts: list[int] | None,
    at: list[int] | None = None,
) -> list[re.Match[str]]:
    """The expression's matches in ``text[start:end]``, tried only at the tokens where one
    can start when ``words`` and ``starts`` are given."""
    if words is None:
        return list(_NUM_RE.finditer(text, start, end))
    assert starts is not None
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    at = (
        number_starts(words, lo, hi)
        if at is None
        else at[bisect_left(at, lo) : bisect_left(at, hi)]
    )
    out: list[re.Match[str]] = []
    upto = start
    for k in at:
        pos = starts[k]
        if pos >= upto:
            m = _NUM_RE.match(text, pos, end)
            if m:
                upto = m.end()
                out.append(m)
    return out


def find_numbers(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    words: list[str] | None = None,
    starts: list[int] | None = None,
    at: list[int] | None = None,
) -> list[Number]:
    """Number phrases in ``text[start:end]``, with absolute offsets (see module docstring).

    ``words``/``starts`` (lower-cased tokens of ``text`` and their offsets), when given,
    make the search try only the words a number can start with; ``at`` is
    :func:`number_starts` of ``words`` when the caller has it already.
    """
    end = len(text) if end is None else end
    out: list[Number] = []
    for m in _matches(text, start, end, words, starts, at):
        # the groups and the span read in one call each (a call on a match is costly)
        groups = m.group("core", "lo", "qual", "ord", "hi2")
        core = groups[0] or groups[1]
        if core is None:
            continue
        value = word_value(core)
        if value is None:
            continue
        qual = groups[2]
        low = core.lower()
        approx = bool(qual) or low in _VAGUE
        is_ord = bool(groups[3])
        if is_ord and groups[4]:
            is_ord = False
        is_year = bool(_YEAR_RE.fullmatch(core)) and not qual
        span = m.span()
        m_start = span[0]
        m_end = span[1]
        unit = None
        um = _UNIT_RE.match(text, m_end, min(end + 12, len(text)))
        if um:
            word = um.group(1).lower().rstrip(".")
            if word in UNITS:
                unit = word
        # a day of a month ("June 27", "27 June") is a date, not a count
        if not unit and core.isdigit() and len(core) <= 2:
            if _month_before(text, max(0, m_start - 12), m_start):
                unit = "date"
            else:
                after = text[m_end : m_end + 12].lower().lstrip()
                if _MONTH_AFTER_RE.match(after):
                    unit = "date"
        out.append(
            Number(m_start, m_end, text[m_start:m_end], value, approx, is_ord, is_year, unit)
        )
    return out
