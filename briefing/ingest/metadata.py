"""Detect an article's headline, dateline date and outlet from its text."""

from __future__ import annotations

import re
from datetime import date

from briefing.ingest.clean import one_line

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_PREFIX = r"(?:published|updated|date of publication|last updated at|posted)?:?\s*(?:on\s+)?"

# Datelines as they open articles: "Wed 05 Apr 2017", "Published August 3 2015",
# "Tue Oct 7 2014", "24.08.2013", "04-09-2014", "2017-04-05", "Apr 232017".
_DATELINES = [
    re.compile(_PREFIX + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I),
    re.compile(_PREFIX + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s*" + _YEAR, re.I),
    re.compile(r"(?P<day>[0-3]\d)[.\-/](?P<month>[01]\d)[.\-/]" + _YEAR),
    re.compile(_YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
]
_DATELINE_WINDOW = 120

_SOURCES = [
    (re.compile(r"\(\s*(Reuters|AFP|AP|Associated Press|SANA|Anadolu|Xinhua)\s*\)"), None),
    (re.compile(r"[-–—]\s*(REUTERS|AFP|SANA|AP)\s*$"), None),
    (re.compile(r"^\s*Source:?\s+(TRTWorld|[A-Z][\w ]{1,30}?)(?: and agencies)?\s*$", re.M), None),
]
_SOURCE_NAMES = {"REUTERS": "Reuters", "TRTWorld": "TRT World"}


def _as_date(m: re.Match[str]) -> str | None:
    month = m.group("month").lower().rstrip(".")
    month_no = MONTHS.get(month) or (int(month) if month.isdigit() else None)
    try:
        return date(int(m.group("year")), month_no or 0, int(m.group("day"))).isoformat()
    except (TypeError, ValueError):
        return None


def find_dateline(text: str) -> str | None:
    """The date an article opens with, as ISO, or None."""
    head = text[:_DATELINE_WINDOW]
    best: tuple[int, str] | None = None
    for pattern in _DATELINES:
        m = pattern.search(head)
        if m and (found := _as_date(m)) and (best is None or m.start() < best[0]):
            best = (m.start(), found)
    return best[1] if best else None


def take_dateline(text: str) -> tuple[str | None, str]:
    """A first line that is a dateline and nothing else ("Published June 25, 2014") is
    metadata, like a headline: return its date and the text without it."""
    first, sep, rest = text.lstrip().partition("\n")
    line = first.strip()
    for pattern in _DATELINES:
        m = pattern.fullmatch(line)
        if m and (found := _as_date(m)):
            return found, rest.lstrip() if sep else ""
    return None, text


def parse_date(value: object) -> str | None:
    """An ISO date from a metadata value (ISO string, datetime or a written date), else None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
    if m:
        try:
            return date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    return find_dateline(text)


def find_source(text: str) -> str | None:
    for pattern, _ in _SOURCES:
        m = pattern.search(text[-300:]) or pattern.search(text[:300])
        if m:
            return _SOURCE_NAMES.get(m.group(1), m.group(1))
    return None


_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s|$)")
_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Dr|St|Gen|Col|Lt|Sgt|Jr|Sr|No|Maj|Capt))\.$")


def first_sentence(text: str) -> str:
    for m in _SENTENCE_END.finditer(text[:400]):
        if not _NOT_AN_END.search(text[: m.start() + 1]):
            return text[: m.end()]
    return text[:400]


def title_from_text(text: str) -> str:
    """A headline for an article that has none: its first sentence, shortened."""
    para = text.strip().split("\n", 1)[0]
    return one_line(first_sentence(para), 120) or "(untitled)"


def split_headline(text: str) -> tuple[str | None, str]:
    """A short first line is the headline: return it and the rest of the text."""
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if (
        sep
        and 0 < len(first) <= 160
        and len(first.split()) <= 25
        and not first.endswith((".", ",", ";", ":"))
        and rest.strip()
    ):
        return first, rest.strip()
    return None, text.strip()
