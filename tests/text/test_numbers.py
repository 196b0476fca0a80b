from __future__ import annotations

import pytest

from briefing.text.numbers import find_numbers, word_value


@pytest.mark.parametrize(
    "text,value",
    [
        ("fifty", 50), ("twenty-one", 21), ("Seventy-six", 76), ("2,500", 2500), ("dozens", 12),
        ("a dozen", 12), ("tens", 10), ("hundreds", 100), ("two hundred and five", 205),
        ("1.5 million", 1_500_000), ("a hundred", 100),
    ],
)  # fmt: skip
def test_word_values(text, value):
    assert word_value(text) == value


def counts(t):
    return [(n.value, n.approx) for n in find_numbers(t) if n.is_count]


def test_qualifiers_and_ranges_take_the_number_and_the_lower_bound():
    assert counts("at least fifty, more than 33, between 5 and 10, 5-10, 3 to 4") == [
        (50, True), (33, True), (5, False), (5, False), (3, False)
    ]  # fmt: skip


def test_ordinals_years_dates_ages_and_distances_are_not_counts():
    t = "The 132nd Brigade in 2019 on June 27, a 12-year-old, 65 kilometers (40 miles), 27 June"
    assert counts(t) == []


def test_spans():
    t = "killed at least fifty people"
    (n,) = find_numbers(t)
    assert t[n.start : n.end] == "at least fifty"
