"""Case and diacritic folding, the one normal form names are compared in.

``fold(s)`` is what both the dictionaries and the article text go through before
they are compared, so that "Qa'im", "Qaʿim" and "QAIM"; "Kataib-Hezbollah" and
"Kataib Hezbollah"; "al-Shuhada", "Al Shuhada" and "el-Shuhada"; "ar-Raqqa" and
"al-Raqqa" all meet. Rules, in order:

1. Unicode compatibility decomposition, combining marks dropped, a few letters
   without a decomposition mapped by hand (``ı ø ß æ œ đ ł þ``), lower case.
2. A possessive ``'s`` is dropped ("Syria's" -> "syria"). Apostrophes, ʿayn/hamza letters (ʿ ʾ ʻ ʼ), backticks, acute accents and
   typographic quotes used as apostrophes are *removed* ("Qa'im" -> "qaim").
3. The Arabic article: ``el-``/``al-``/``Al `` become ``al ``; a sun-letter
   assimilation written with a hyphen (``ar-Raqqa``, ``ash-Sham``, ``ad-Dawla``,
   ``ez-Zor``, ``an-Nusra``) becomes ``al `` too; a lone word ``el`` becomes ``al``.
4. Dotted initialisms lose their dots ("U.S." -> "us", "U.N." -> "un").
5. Hyphens and dashes become spaces; runs of white space collapse to one space.

Other punctuation is kept. The function is pure and cheap; ``fold_word`` is the
cached form used per token by :mod:`briefing.text.tokens`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["fold", "fold_word", "strip_diacritics", "ARTICLE"]

ARTICLE: Final = "al"

_APOSTROPHES: Final = "'’‘`´ʿʾʻʼʹ′"
_HYPHENS: Final = "-‐‑‒–—―−"

_POSSESSIVE: Final = re.compile(r"(?<=\w)['’]s\b")
_SPECIAL: Final = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "ð": "d",
        **{c: "" for c in _APOSTROPHES},
    }
)

# a-/e-/u- + assimilated consonant + hyphen + the same consonant: ar-Raqqa, ash-Sham, ez-Zor.
_SUN: Final = re.compile(r"\b[aeu](sh|dh|th|[tdrszn])[" + _HYPHENS + r"](?=\1)")
_AL: Final = re.compile(r"\b(?:al|el)[" + _HYPHENS + r"]")
_EL: Final = re.compile(r"\bel\b")
_INITIALISM: Final = re.compile(r"\b(?:[a-z]\.){2,}")
_HYPHEN_RE: Final = re.compile("[" + _HYPHENS + "]")
_SPACES: Final = re.compile(r"\s+")


def strip_diacritics(s: str) -> str:
    """Drop accents and map the few letters that have no decomposition; keeps case."""
    if s.isascii():
        return s
    d = unicodedata.normalize("NFKD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.translate(_SPECIAL)


def fold(s: str) -> str:
    """The comparison form of ``s`` (see the module docstring for the rules)."""
    if "s" in s:
        s = _POSSESSIVE.sub("", s)
    s = strip_diacritics(s).translate(_SPECIAL).lower()
    if "-" in s or not s.isascii():
        s = _SUN.sub("al ", s)
        s = _AL.sub("al ", s)
        s = _HYPHEN_RE.sub(" ", s)
    if "el" in s:
        s = _EL.sub("al", s)
    if "." in s:
        s = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), s)
    return _SPACES.sub(" ", s).strip()


_POSSESSIVES: Final = {"'s": "'s", "’s": "'s", "'S": "'s", "’S": "'s"}
_WORD_CACHE: Final[dict[str, str]] = dict(_POSSESSIVES)
WORD_CACHE: Final = _WORD_CACHE  # read-only use: ``map(WORD_CACHE.get, words)`` in hot loops


def fold_word(w: str) -> str:
    """``fold`` for a single word (no spaces or hyphens), memoised."""
    f = _WORD_CACHE.get(w)
    if f is None:
        if len(_WORD_CACHE) > 300_000:
            _WORD_CACHE.clear()
            _WORD_CACHE.update(_POSSESSIVES)
        if w in _POSSESSIVES:
            return "'s"
        if w.isascii():
            f = w.lower()
            if "'" in f or "`" in f:
                f = f.replace("'", "").replace("`", "")
            if "." in f:
                f = f.replace(".", "")
            if f == "el":
                f = "al"
        else:
            f = fold(w).replace(".", "")
        _WORD_CACHE[w] = f
    return f
