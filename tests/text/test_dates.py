from __future__ import annotations

import pytest

from briefing.text.dates import find_dates

REF = "2021-02-26"  # a Friday


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("late on Thursday night", "2021-02-25", "day"),
        ("on Friday", "2021-02-26", "day"),
        ("On June 27, the U.S.", "2020-06-27", "day"),
        ("Last month, Israel", "2021-01-01", "month"),
        ("In early June, Iran", "2020-06-01", "month"),
        ("in 2019 brought", "2019-01-01", "year"),
        ("early last year", "2020-01-01", "year"),
        ("yesterday", "2021-02-25", "day"),
        ("two days ago", "2021-02-24", "day"),
        ("last week", "2021-02-19", "week"),
        ("27 June 2021", "2021-06-27", "day"),
        ("in August 2013", "2013-08-01", "month"),
        ("the past 24 hours", "2021-02-26", "day"),
    ],
)
def test_resolved_against_the_article_date_preferring_the_past(text, date, precision):
    (d,) = find_dates(text, REF)
    assert (d.date, d.precision) == (date, precision)
    assert text[d.start : d.end] == d.text


def test_without_a_reference_only_full_dates_resolve():
    assert [(d.text, d.date) for d in find_dates("On June 27 and on 3 May 2019", None)] == [
        ("June 27", None),
        ("3 May 2019", "2019-05-03"),
    ]


def test_words_that_look_like_months_or_days_are_not_dates():
    assert find_dates("he may go; we march on", REF) == []


def test_a_year_naming_an_event_is_its_date():
    got = [
        (d.text, d.date, d.precision)
        for d in find_dates("after the 2020 killing of Soleimani", "2021-06-28")
    ]
    assert got == [("the 2020", "2020-01-01", "year")]
    assert not find_dates("gunmen killed 2020 people", "2021-06-28")


def test_a_year_naming_a_thing_is_no_date():
    assert not find_dates("restoring the 2015 nuclear agreement", "2021-06-28")
