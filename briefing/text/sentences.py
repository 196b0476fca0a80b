"""Sentence splitting with character offsets.

``split_sentences(text)`` returns :class:`Sentence` objects whose ``start``/``end``
index into ``text`` (so into ``Article.text``). It is a fast rule-based splitter for
news prose:

- a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by
  white space and an upper-case letter, a digit or an opening quote;
- titles and other abbreviations never end a sentence (``Gen.``, ``Maj.``, ``Dr.``,
  ``Jan.``, ``No.``), nor do initials (``Ali A. Nabhan``); ``U.S.``/``U.N.``/``U.K.`` end
  one only when the next word is a usual sentence opener (``The``, ``It`` ...);
- a line break always ends a sentence and a blank line starts a new paragraph;
- a dateline at the start of the text (``Wed 05 Apr 2017``, ``Date of publication
  7 July 2016``, ``21.05.2017(updated 2139 21.05.2017) Get short URL 0 67``,
  ``Published October 3 2016``, ``Last updated at Apr 232017``) becomes a sentence of
  its own with ``dateline=True``, so that it is never read as an event's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Sentence", "split_sentences", "DATELINE_RE"]


@dataclass(slots=True, unsafe_hash=True, init=False)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    dateline: bool = False

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        index: int,
        start: int,
        end: int,
        text: str,
        paragraph: int = 0,
        dateline: bool = False,
    ) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.paragraph = paragraph
        self.dateline = dateline


_MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WDAY: Final = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"

DATELINE_RE: Final = re.compile(
    r"^\s*(?:"
    r"(?:Posted on |Published |Date of publication |Last updated at |Updated )?"
    r"(?:" + _WDAY + r"\s+)?"
    r"(?:"
    r"\d{1,2}\s+" + _MONTH + r",?\s+\d{4}"  # 05 Apr 2017
    r"|" + _MONTH + r"\s+\d{1,2},?\s+\d{4}"  # April 11 2017 / Jun 29 2016
    r"|" + _MONTH + r"\s+\d{6}"  # Apr 232017 (jordantimes)
    r"|\d{1,2}[-./]\d{1,2}[-./]\d{4}"  # 15-02-2016 / 21.05.2017
    r")"
    r"(?:\s*at\s+\d{3,4})?"
    r"(?:\s*\d{3,4}\s+UTC[+-]\d+)?"
    r"(?:\s*\(?updated [\d .:]+\)?)?"
    r"(?:\s*Get short URL(?:\s+\d+){0,3})?"
    r"(?:\s+URGENT)?"
    r")",
    re.IGNORECASE,
)

# Abbreviations that never end a sentence (compared lower-cased, without the final dot).
_TITLES: Final = {
    "gen", "maj", "lt", "col", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr",
    "dr", "mr", "mrs", "ms", "prof", "st", "sen", "rep", "gov", "pres", "rev", "fr", "hon",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "e.g", "i.e", "inc", "ltd", "co", "corp", "jr", "sr", "ft", "mt",
    "approx", "est", "dept", "univ", "op",
}  # fmt: skip
# Dotted abbreviations that end a sentence only before a usual sentence opener.
_OPENERS: Final = {
    "the", "a", "an", "it", "he", "she", "they", "we", "i", "this", "that", "these",
    "those", "but", "and", "in", "on", "at", "however", "meanwhile", "according", "its",
    "their", "his", "her", "there", "after", "since", "while", "as", "when", "if",
}  # fmt: skip

# A line break, or end punctuation (and closing quotes) before white space and what can
# start a sentence. Written to start with one character class, which lets the expression
# engine skip to the candidates (three times faster than "[.!?]+...|\n").
_END_RE: Final = re.compile(
    r"[.!?\n](?:(?<=\n)|(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(]?[A-Z0-9]))"
)
_END_CHARS: Final = ".\n!?"  # the characters _END_RE can start with
# A photo or agency credit in brackets ends a caption run into the story ("... help an
# injured woman after warplanes attacked a street in Aleppo (AP photo) BEIRUT Air
# strikes on a market in Idlib killed 21").
_CREDIT_RE: Final = re.compile(
    r"\((?:With )?(?:[A-Z][A-Za-z]*,? (?:and )?)*(?:AP|AFP|Reuters|Agencies|[Pp]hoto|Photos"
    r"|Images|EPA|Getty)(?: [A-Za-z]+)*\)(?=\s+[\"'“‘(]?[A-Z0-9])"
)
_WORD_BEFORE_RE: Final = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")  # see _word_before
_WORD_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_NEXT_WORD_RE: Final = re.compile(r"\s+[\"'“‘(]?([A-Za-z]+)")


def _word_before(text: str, dot: int) -> str | None:
    """``_WORD_BEFORE_RE.search(text, max(0, dot - 12), dot + 1)``'s word, found without
    the expression (which tries every start): the run of letters and dots right before
    the dot, from its first letter, within twelve characters."""
    lo = max(0, dot - 12)
    p = dot
    while p > lo and text[p - 1] in _WORD_CHARS:
        p -= 1
    while p < dot and text[p] == ".":
        p += 1
    return text[p:dot] if p < dot else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` belongs to an abbreviation that doesn't end a sentence."""
    word = _word_before(text, dot)
    if word is None:
        return False
    low = word.lower()
    if low in _TITLES:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "Ali A. Nabhan"
        return True
    if "." in word:  # U.S. / U.N. / a.m.
        nxt = _NEXT_WORD_RE.match(text, dot + 1)
        return not (nxt and nxt.group(1).lower() in _OPENERS)
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets (see the module docstring)."""
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    n = len(text)
    m = DATELINE_RE.match(text)
    if m and m.end() > 0:
        _add(out, text, 0, m.end(), paragraph, dateline=True)
        pos = m.end()
    credits = [m.end() for m in _CREDIT_RE.finditer(text, pos)] if "(" in text else []
    for m in _ends(text, pos):
        end = m.end()
        while credits and credits[0] <= m.start():
            if credits[0] > pos:
                _add(out, text, pos, credits[0], paragraph)
                pos = credits[0]
            credits.pop(0)
        if m.group() == "\n":
            _add(out, text, pos, m.start(), paragraph)
            # a blank line (only spaces between two newlines) starts a new paragraph
            nxt = text.find("\n", end)
            if nxt != -1 and not text[end:nxt].strip() or end < n and text[end] == "\n":
                paragraph += 1
            pos = end
            continue
        first_dot = m.start()
        if text[first_dot] == "." and _is_abbreviation(text, first_dot):
            continue
        _add(out, text, pos, end, paragraph)
        pos = end
    for c in credits:
        if c > pos:
            _add(out, text, pos, c, paragraph)
            pos = c
    _add(out, text, pos, n, paragraph)
    return out


def _ends(text: str, pos: int) -> list[re.Match[str]]:
    """``list(_END_RE.finditer(text, pos))``, with the expression tried only where one of
    its first characters is: ``str.find`` skips to those (the expression engine tests the
    character class at every position of the text, which cost a sentence split most of
    its time)."""
    out: list[re.Match[str]] = []
    nxt = [text.find(c, pos) for c in _END_CHARS]
    while True:
        p = -1
        for q in nxt:
            if q >= 0 and (p < 0 or q < p):
                p = q
        if p < 0:
            return out
        m = _END_RE.match(text, p)
        if m is not None:
            out.append(m)
            pos = m.end()  # never empty: the first character is matched
        else:
            pos = p + 1
        for n in range(len(nxt)):
            if 0 <= nxt[n] < pos:
                nxt[n] = text.find(_END_CHARS[n], pos)


def _add(
    out: list[Sentence], text: str, start: int, end: int, paragraph: int, dateline: bool = False
) -> None:
    span = text[start:end]
    body = span.strip()  # the same white space as str.isspace()
    if not body:
        return
    start += len(span) - len(span.lstrip())
    out.append(Sentence(len(out), start, start + len(body), body, paragraph, dateline))
