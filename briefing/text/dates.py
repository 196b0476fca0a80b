"""Date expressions resolved against an article's date.

``find_dates(text, ref)`` finds expressions such as "Thursday", "on June 27",
"27 June 2021", "last month", "early June", "in 2019", "yesterday", "two days ago",
"last week", "the past 24 hours" and resolves each against ``ref`` (the article's date,
a :class:`datetime.date` or ISO string), preferring the past as NGEC does: a weekday is
the latest such day on or before ``ref``; a month and day without a year fall in the
year that keeps them on or before ``ref`` (a day of slack for time zones).

Each :class:`DateExpr` keeps its ``precision``: ``day``, ``week``, ``month`` or ``year``.
A month-precision date is the first of the month, a year-precision one the 1st of
January. When ``ref`` is missing, only expressions that carry their own year resolve;
the others keep their text and ``date=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from briefing.text.offsets import bisect_left

__all__ = ["DateExpr", "date_starts", "find_dates", "parse_iso"]

_MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_COUNTS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3,
}  # fmt: skip

_M: Final = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_M2: Final = r"(?P<mon2>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WD: Final = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")"

_DATE_RE: Final = re.compile(
    r"\b(?:"
    # 27 June 2021 / 27 June
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    # June 27, 2021 / June 27 / June 2021 / early June
    r"|(?:(?P<part>early|mid|late|end of|beginning of|earlier in|early in|late in)[- ]?)?"
    + _M2
    + r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    # weekdays
    r"|" + _WD + r"(?:'s)?"
    r"|(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night"
    r"|the past 24 hours|the last 24 hours|the past 48 hours|overnight"
    r"|(?:early |late |earlier |later )?(?:last|this|next|previous|past) (?:week|month|year)"
    r"|(?:the )?(?:day|week|month|year) (?:before|earlier)"
    r"|(?P<agon>a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+) "
    r"(?P<agou>days?|weeks?|months?|years?) ago)"
    r"|(?:in|since|of|during|from|until|by) (?P<y3>(?:19|20)\d\d)(?!\d)"
    # "the 2020 killing of Soleimani", "its 2014 offensive": a year naming a violent event
    # (not "the 2015 nuclear agreement", which names a thing the news is about)
    r"|(?:the|its|their|his|her|a) (?P<y4>(?:19|20)\d\d)(?= (?:killing|killings|attack|attacks"
    r"|bombing|bombings|invasion|offensive|massacre|strike|strikes|airstrike|airstrikes"
    r"|assault|shooting|coup|siege|battle|war|raid|raids|clashes|uprising|assassination)\b)"
    r")\b",
    re.IGNORECASE,
)


@dataclass(slots=True, unsafe_hash=True, init=False)
class DateExpr:
    start: int
    end: int
    text: str
    date: str | None
    precision: str | None  # day, week, month, year

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        date: str | None,
        precision: str | None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.date = date
        self.precision = precision


def parse_iso(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_start(d: date, back: int) -> date:
    y, m = d.year, d.month - back
    while m < 1:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    return date(y, m, 1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _past_year(ref: date, m: int, d: int) -> date | None:
    cand = _safe(ref.year, m, d)
    if cand and cand > ref + timedelta(days=1):
        cand = _safe(ref.year - 1, m, d)
    return cand


# Words a date expression can start with: lets callers that already have tokens try the
# big expression only where it can match (see ``find_dates(words=..., starts=...)``).
STARTERS: Final = frozenset(
    list(_MONTHS) + list(_WEEKDAYS) + [w + "s" for w in _WEEKDAYS] + [w + "'s" for w in _WEEKDAYS]
    + list(_COUNTS) + ["early", "mid", "late", "end", "beginning", "earlier", "later", "yesterday", "today", "tonight", "this", "last", "next", "previous", "past", "overnight", "the", "day", "week", "month", "year", "in", "since", "of", "during", "from", "until", "by", "its", "their", "his", "her", "a"]
)  # fmt: skip


_PREPS: Final = frozenset(["in", "since", "of", "during", "from", "until", "by"])
_YEAR_DETERMINERS: Final = frozenset(["the", "its", "their", "his", "her", "a"])
_UNITS: Final = frozenset(["day", "days", "week", "weeks", "month", "months", "year", "years"])
_RELS: Final = frozenset(["week", "month", "year", "morning", "afternoon", "evening", "night"])
_PARTS: Final = frozenset(["early", "mid", "late", "end", "beginning", "earlier", "later"])


def _plausible(w: str, words: list[str], k: int, n: int) -> bool:
    """Whether a common word can start a date here (the big expression is slow)."""
    nxt = words[k + 1] if k + 1 < n else ""
    if w in _PREPS:
        return len(nxt) == 4 and nxt.isdigit() or nxt in _MONTHS
    if len(nxt) == 4 and nxt.isdigit() and w in _YEAR_DETERMINERS:
        return True  # "the 2020 killing of ..."
    if w in ("its", "their", "his", "her", "a"):
        return False
    if w == "the":
        return nxt in ("past", "last", "day", "week", "month", "year")
    if w in _COUNTS:
        return nxt in _UNITS or (nxt == "few" and k + 2 < n and words[k + 2] in _UNITS)
    if w in ("this", "last", "next", "previous", "past"):
        return nxt in _RELS
    if w in _PARTS:
        return nxt in _MONTHS or nxt in ("last", "this", "of", "in", "on") or nxt.startswith(("-",))
    if w in _UNITS:
        return nxt in ("before", "earlier")
    return True


def _after_digits(nxt: str) -> bool:
    """Whether the word after a number lets a date start there ("27 June", "27th of
    June", "two days ago")."""
    return nxt in _MONTHS or nxt == "of" or nxt in _UNITS


def date_starts(words: list[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Positions of the tokens in ``words[lo:hi]`` (lower-cased) where a date expression
    can start: the cheap tests, done once per text by a caller with many spans, so that
    :func:`find_dates` (``at=``) runs the big expression only at those positions."""
    n = len(words)
    hi = n if hi is None else hi
    out = []
    for k in range(lo, hi):
        w = words[k]
        c = w[0]
        if (
            (c.isdigit() and k + 1 < n and _after_digits(words[k + 1]))
            or (w in STARTERS and _plausible(w, words, k, n))
            or (c == "m" and w.startswith("mid-"))  # (most words start otherwise: no call)
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
        return list(_DATE_RE.finditer(text, start, end))
    assert starts is not None
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    at = date_starts(words, lo, hi) if at is None else at[bisect_left(at, lo) : bisect_left(at, hi)]
    out: list[re.Match[str]] = []
    upto = start
    for k in at:
        pos = starts[k]
        if pos >= upto:
            m = _DATE_RE.match(text, pos, end)
            if m and m.end() > pos:
                upto = m.end()
                out.append(m)
    return out


def find_dates(
    text: str,
    ref: str | date | None,
    start: int = 0,
    end: int | None = None,
    *,
    words: list[str] | None = None,
    starts: list[int] | None = None,
    at: list[int] | None = None,
) -> list[DateExpr]:
    """Date expressions in ``text[start:end]`` resolved against ``ref`` (absolute offsets).

    ``words``/``starts`` (lower-cased tokens of ``text`` and their offsets), when given,
    make the search try only the words a date can start with; ``at`` is
    :func:`date_starts` of ``words`` when the caller has it already (one text, many spans).
    """
    r = parse_iso(ref)
    end = len(text) if end is None else end
    out: list[DateExpr] = []
    for m in _matches(text, start, end, words, starts, at):
        g = m.group
        when: date | None = None
        prec: str | None = "day"
        if g("d1"):
            mon, day, year = _MONTHS[g("mon").lower()], int(g("d1")), g("y1")
            if year:
                when = _safe(int(year), mon, day)
            elif r:
                when = _past_year(r, mon, day)
        elif g("mon2"):
            word = g("mon2")
            mon = _MONTHS[word.lower()]
            day_text, year = g("d2"), g("y2")
            if word.lower() == "may" and not (day_text or year or g("part")):
                continue  # the verb "may"
            if word[0].islower() and not (day_text or year):
                continue  # "march", "sat" as words
            if day_text and not g("part"):
                d = int(day_text)
                if year:
                    when = _safe(int(year), mon, d)
                elif r:
                    when = _past_year(r, mon, d)
            else:
                prec = "month"
                if year:
                    when = date(int(year), mon, 1)
                elif r:
                    when = date(r.year if mon <= r.month else r.year - 1, mon, 1)
        elif g("wd"):
            if g("wd")[0].islower():
                continue
            if r:
                back = (r.weekday() - _WEEKDAYS[g("wd").lower()]) % 7
                when = r - timedelta(days=back)
        elif g("y3") or g("y4"):
            prec = "year"
            when = date(int(g("y3") or g("y4")), 1, 1)
        elif g("rel"):
            rel = g("rel").lower()
            if not r:
                when = None
                prec = None
            elif g("agon"):
                n = g("agon").lower()
                k = int(n) if n.isdigit() else _COUNTS[n]
                unit = g("agou").lower().rstrip("s")
                if unit == "day":
                    when = r - timedelta(days=k)
                elif unit == "week":
                    when, prec = r - timedelta(days=7 * k), "week"
                elif unit == "month":
                    when, prec = _month_start(r, k), "month"
                else:
                    when, prec = date(r.year - k, 1, 1), "year"
            elif rel in ("yesterday", "last night"):
                when = r - timedelta(days=1)
            elif rel.endswith("week") or rel.startswith("the week") or rel == "week before":
                if "this" in rel:
                    when, prec = r, "week"
                elif "next" in rel:
                    continue
                else:
                    when, prec = r - timedelta(days=7), "week"
            elif rel.endswith("month") or "month" in rel:
                if "next" in rel:
                    continue
                when, prec = _month_start(r, 0 if "this" in rel else 1), "month"
            elif rel.endswith("year") or "year" in rel:
                if "next" in rel:
                    continue
                when, prec = date(r.year if "this" in rel else r.year - 1, 1, 1), "year"
            elif rel.startswith("the day") or rel == "day before" or rel == "day earlier":
                when = r - timedelta(days=1)
            else:  # today, tonight, this morning, the past 24 hours, overnight
                when = r
        out.append(
            DateExpr(
                m.start(),
                m.end(),
                m.group(),
                when.isoformat() if when else None,
                prec if when else None,
            )
        )
    return out
