"""The two tokenizers read plain runs between white space by hand and leave the rest to
their expressions: they must give exactly the expressions' tokens, whatever the text."""

from __future__ import annotations

import random

import pytest

from briefing.extract.document import tokenize
from briefing.extract.mentions import TOKEN_RE, split_tokens
from briefing.extract.patterns import WORD_RE
from briefing.paths import bundled

# letters, digits, marks, quotes, apostrophes, hyphens, letters outside the Latin
# alphabet, a letter-like digit, non-breaking and other white space
ALPHABET = list("aZsS '’`-.,;:!?()\"“”‘[]{}_éÀ×ʾب²º7\u00a0\n\t")


def _hostile(seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choices(ALPHABET, k=rnd.randint(0, 30))) for _ in range(count)]


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(bundled("seeds").glob("*"))]


def _mention_tokens(text: str) -> tuple[list[str], list[int], list[int], list[str]]:
    words, starts, ends, gaps = [], [], [], []
    last = 0
    for m in TOKEN_RE.finditer(text):
        gaps.append(text[last : m.start()])
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
        last = m.end()
    gaps.append(text[last:])
    return words, starts, ends, gaps


@pytest.mark.parametrize("seed", [1, 2])
def test_mention_finder_tokens_are_the_expressions(seed: int) -> None:
    texts = _hostile(seed) + _seed_texts() + ['U.S.-backed Syria\'s al-Assad (SDF) said: "no."']
    for text in texts:
        assert split_tokens(text) == _mention_tokens(text), repr(text)


@pytest.mark.parametrize("seed", [3, 4])
def test_event_engine_tokens_are_the_expressions(seed: int) -> None:
    texts = _hostile(seed) + [t.lower() for t in _seed_texts()]
    texts.append("u.s.-led iran-backed militias' 2,500 (isis) don't \"no.\" end.")
    for low in texts:
        expected = (
            [m.group() for m in WORD_RE.finditer(low)],
            [m.start() for m in WORD_RE.finditer(low)],
        )
        assert tokenize(low) == expected, repr(low)


def test_phrase_at_is_the_tuple_comparison_it_replaces():
    from briefing.extract.patterns import phrase_at

    words = ["the", "death", "toll", "rose", "to", "12"]
    for k in range(len(words) + 2):
        for ph in [(), ("the",), ("death", "toll"), ("toll", "rose", "to"), ("12",), ("12", "x")]:
            assert phrase_at(words, k, ph) == (tuple(words[k : k + len(ph)]) == ph), (k, ph)
