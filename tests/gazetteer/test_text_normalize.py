"""Folding and tokenisation: the normal form names are compared in."""

from __future__ import annotations

import pytest

from briefing.text.normalize import fold
from briefing.text.tokens import key, tokenize

SAME = [
    ("Kataib-Hezbollah", "Kataib Hezbollah"),
    ("al-Shuhada", "Al Shuhada"),
    ("el-Shuhada", "al-Shuhada"),
    ("ar-Raqqa", "al-Raqqa"),
    ("Deir ez-Zor", "Deir al-Zor"),
    ("Jabhat an-Nusra", "Jabhat al-Nusra"),
    ("Qa'im", "Qaim"),
    ("Qaʿim", "QAIM"),
    ("Al Qa’im", "al-Qaim"),
    ("Erdoğan", "Erdogan"),
    ("İdlib", "Idlib"),
    ("U.S.", "US"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_fold_unifies_spellings(a, b):
    assert fold(a) == fold(b)
    assert key(a) == key(b)


def test_fold_drops_possessive():
    assert fold("Syria’s") == fold("Syria") == "syria"


def test_fold_collapses_spaces_and_lowercases():
    assert fold("  Ain   al-Asad\tAir Base ") == "ain al asad air base"


def test_tokens_keep_offsets():
    text = "Syria's jets hit ar-Raqqa, killing 1,000 in the U.S.-led raid."
    toks = tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.text
    assert [t.folded for t in toks] == [
        "syria", "'s", "jets", "hit", "al", "raqqa", "killing", "1,000",
        "in", "the", "us", "led", "raid",
    ]  # fmt: skip


def test_punct_tokens_optional():
    toks = tokenize("Hit, then left.", punct=True)
    assert [t.text for t in toks] == ["Hit", ",", "then", "left", "."]
    assert [t.is_word for t in toks] == [True, False, True, True, False]


def test_inner_apostrophe_is_one_token():
    toks = tokenize("Ma'arrat al-Nu'man and Qaʿim")
    assert [t.folded for t in toks] == ["maarrat", "al", "numan", "and", "qaim"]
