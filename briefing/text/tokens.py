"""Tokens with character offsets into the text they came from.

``tokenize(text)`` returns word tokens in order. A token is a ``Token(text, start,
end, folded)`` named tuple: ``text == source[start:end]`` always, and ``folded`` is
its :func:`briefing.text.normalize.fold` form, so names can be compared token by
token while every match keeps its exact span.

What counts as one token:

- a run of letters/digits, with inner apostrophes or ʿayn kept ("Qa'im" is one
  token, folded "qaim");
- a dotted initialism ("U.S.", folded "us");
- a number with inner separators ("1,000", "3.5");
- a possessive ``'s`` / ``’s`` after a word is its own token (folded ``'s``), so
  "Syria's" is ``Syria`` + ``'s``;
- hyphens split words ("Kataib-Hezbollah" is two tokens, like "Kataib Hezbollah");
  an Arabic article before a hyphen is folded to ``al`` ("ar-Raqqa" -> ``al``,
  ``raqqa``), the same as :func:`fold` does;
- with ``punct=True`` every other non-space character is a one-character token
  (folded to itself), for callers that need commas and full stops.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from briefing.text.normalize import fold_word

__all__ = ["Token", "tokenize", "key", "WORD_RE", "GAP_WORD_RE", "POSSESSIVE"]

POSSESSIVE: Final = "'s"


class Token(NamedTuple):
    text: str
    start: int
    end: int
    folded: str

    @property
    def is_word(self) -> bool:
        """Letters or digits (not a possessive or punctuation token)."""
        return self.text[:1].isalnum()

    @property
    def is_capitalized(self) -> bool:
        """Starts with an upper-case letter ("Syria", "ISIS", "al-" is not)."""
        return self.text[:1].isupper()


_APOS: Final = "'’`ʾʿ"
WORD_RE: Final = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})(?![A-Za-z])"
    r"|(?P<num>\d+(?:[.,]\d+)+)"
    r"|(?P<word>[^\W_]+(?:[" + _APOS + r"](?![sS]\b)[^\W_]+)*)"
    r"|(?P<poss>(?<=\w)[’']s\b)"
)
# the same tokens, each with the characters before it: GAP_WORD_RE.findall(text) gives
# (gap, word) pairs that tile the text up to its last word (for fast scanners)
WORD_PATTERN: Final = (
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|\d+(?:[.,]\d+)+"
    r"|[^\W_]+(?:[" + _APOS + r"](?![sS]\b)[^\W_]+)*"
    r"|(?<=\w)[’']s\b"
)
GAP_WORD_RE: Final = re.compile(r"([\W_]*?)(" + WORD_PATTERN + ")")
_PUNCT_RE: Final = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|\d+(?:[.,]\d+)+"
    r"|[^\W_]+(?:[" + _APOS + r"](?![sS]\b)[^\W_]+)*"
    r"|(?<=\w)[’']s\b"
    r"|[^\w\s]|_"
)
_SUN_FORMS: Final = {
    "ar": "r",
    "as": "s",
    "ash": "sh",
    "ad": "d",
    "adh": "dh",
    "at": "t",
    "ath": "th",
    "az": "z",
    "an": "n",
    "ez": "z",
    "es": "s",
    "esh": "sh",
    "ed": "d",
    "er": "r",
    "et": "t",
    "en": "n",
    "ul": "",
}
_HYPHENS: Final = "-‐‑‒–—―−"


def tokenize(text: str, *, punct: bool = False) -> list[Token]:
    """Word tokens of ``text`` with character offsets (see the module docstring)."""
    out: list[Token] = []
    append = out.append
    pat = _PUNCT_RE if punct else WORD_RE
    for m in pat.finditer(text):
        w = m.group()
        c = w[0]
        if c in "'’" and len(w) == 2:
            f = POSSESSIVE
        elif c.isalnum():
            f = fold_word(w)
        else:
            f = w
        append(Token(w, m.start(), m.end(), f))
    # Arabic article assimilated before a hyphen: ar-Raqqa, ash-Sham, ez-Zor -> al
    n = len(out)
    for i, t in enumerate(out):
        cons = _SUN_FORMS.get(t.folded)
        if cons is not None and t.end < len(text) and text[t.end] in _HYPHENS:
            j = i + 2 if punct else i + 1
            if j < n:
                nxt = out[j]
                if nxt.start == t.end + 1 and nxt.folded.startswith(cons):
                    out[i] = t._replace(folded="al")
    return out


def key(text: str) -> str:
    """The folded words of ``text`` joined by single spaces: how names are keyed."""
    return " ".join(t.folded for t in tokenize(text))
