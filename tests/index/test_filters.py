"""The filter language: what the analyst types, what it means, and clear refusals."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.index.filters import Filter, FilterError, from_options, parse, parse_day

TODAY = date(2026, 12, 7)


def test_a_filter_reads_back_as_typed():
    f = parse('place:Aleppo actor:"Islamic State" since:2017-01 type:assault', today=TODAY)
    assert f == Filter(place="Aleppo", actor="Islamic State", since="2017-01-01", type="ASSAULT")
    assert f.text() == 'place:Aleppo actor:"Islamic State" since:2017-01-01 type:ASSAULT'
    assert parse(f.text(), today=TODAY) == f


def test_an_empty_filter_is_everything():
    assert parse("") == Filter()
    assert not parse("   ")


@pytest.mark.parametrize(
    ("text", "end", "day"),
    [
        ("2017", False, "2017-01-01"),
        ("2017", True, "2017-12-31"),
        ("2017-02", True, "2017-02-28"),
        ("2016-02-29", False, "2016-02-29"),
        ("today", False, "2026-12-07"),
        ("yesterday", False, "2026-12-06"),
        ("7d", False, "2026-11-30"),
        ("2w", False, "2026-11-23"),
        ("2 weeks ago", False, "2026-11-23"),
        ("1y", False, "2025-12-07"),
    ],
)
def test_dates_absolute_partial_and_relative(text, end, day):
    assert parse_day(text, end=end, today=TODAY) == day


@pytest.mark.parametrize("bad", ["2016-13-45", "2017-02-30", "last tuesday", "17-01"])
def test_a_bad_date_is_refused_naming_the_forms(bad):
    with pytest.raises(FilterError) as exc:
        parse_day(bad, what="since")
    assert "since" in str(exc.value) and "yyyy-mm-dd" in str(exc.value) and "7d" in str(exc.value)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"since": "2018", "until": "2017"}, "after"),
        ({"type": "BOMBING"}, "ASSAULT"),
        ({"mode": "laser"}, "aerial"),
        ({"modality": "maybe"}, "alleged"),
        ({"colour": "red"}, "keys are"),
    ],
)
def test_values_are_checked(options, words):
    with pytest.raises(FilterError, match=words):
        from_options(**options)


@pytest.mark.parametrize(
    ("text", "words"),
    [("Aleppo", "not key:value"), ("where:Aleppo", "unknown filter key"), ("place:", "needs a value"),
     ('actor:"Islamic', "quotes")],
)  # fmt: skip
def test_parse_errors_say_what_is_wrong(text, words):
    with pytest.raises(FilterError, match=words):
        parse(text)


def test_asserted_is_the_default_modality():
    assert parse("modality:asserted").modality is None
    assert parse("modality:ALL").modality == "all"


def test_merged_replaces_only_what_is_given():
    base = parse("place:Aleppo type:ASSAULT")
    assert base.merged(Filter(type="AID")) == Filter(place="Aleppo", type="AID")
    assert base.without("place") == Filter(type="ASSAULT")
