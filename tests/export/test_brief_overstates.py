"""The brief must not overstate (issue 26, item 3): vague tolls and tolls over a span or
outside the period stay out of the totals; each event shows its confidence and whether
its actor was read or inferred; marked events merged into one row are said to be; a
sentence read twice is cited once; no "at least 0 killed", no "between D and D", and
"1 drone strike", not "1 drone strikes"."""

from __future__ import annotations

from briefing.export import Scope, compose
from tests.export.conftest import article, event
from tests.export.mdcheck import parse

ARTICLES = {"a1": article("a1", date="2016-10-11", source="AFP")}
HUNDREDS = "Air raids on Aleppo eased after hundreds were killed in a week of intense bombing."


def brief(events, scope=None, clusters=None) -> str:
    return compose(
        events, ARTICLES, scope=scope, as_of="2024-05-01", index_hash="x", clusters=clusters
    )


def section(text: str, name: str) -> str:
    return text.split(f"## {name}")[1].split("\n## ")[0]


def test_a_vague_toll_is_shown_but_never_summed():
    events = [
        event("e1", "a1", sentence=HUNDREDS, killed=100, date="2016-10-04"),
        event("e2", "a1", sentence="A strike killed 7 people.", killed=7, start=200),
    ]
    text = brief(events)
    assert "At least 7 killed (1 of 2 events give a toll)" in section(text, "Bottom line up front")
    figures = section(text, "Key figures")
    assert "at least 7," in figures and "at least 107" not in figures
    assert "Tolls left out:** 1 vague" in figures
    row = parse(text).timeline[0]
    assert row[4].startswith("100 (not counted: vague)")
    assert "1 vague" in section(text, "Gaps and caveats")


def test_a_toll_over_a_span_or_outside_the_period_is_not_the_period_s():
    events = [
        event("e1", "a1", sentence="Since 2011, 300 people were killed in the city.", killed=300),
        event("e2", "a1", sentence="A strike killed 9.", killed=9, date="2016-09-01", start=90),
        event("e3", "a1", sentence="A raid killed 4.", killed=4, date="2016-10-04", start=190),
    ]
    marks = (("event", "e2"),)
    scope = Scope(since="2016-10-01", until="2016-10-07", marked=True, marks=marks)
    text = brief(events, scope=scope)
    figures = section(text, "Key figures")
    assert "**Killed:** at least 4, from 1 of 3 events" in figures
    assert "1 outside the period" in figures and "1 over a span of time" in figures


def test_each_event_shows_its_confidence_and_whether_its_actor_was_read():
    read = event("e1", "a1", sentence="US jets struck depots.")
    guessed = event("e2", "a1", sentence="Depots were struck.", start=100)
    guessed["actors"][0]["inferred"] = True
    guessed["confidence"] = 0.55
    text = brief([read, guessed])
    parsed = parse(text)
    assert parsed.timeline[0][5] == "0.90, actor read"
    assert parsed.timeline[1][5] == "0.55, actor inferred"
    assert parsed.timeline[1][2].startswith("United States (inferred)")
    note = next(n for n in parsed.notes.values() if "Depots were struck." in n)
    assert "confidence 0.55" in note and "actor inferred" in note


def test_marked_events_merged_into_one_row_are_said_to_be():
    events = [event("e1", "a1", killed=2), event("e2", "a1", killed=2, start=80)]
    scope = Scope(marked=True, marks=(("event", "e1"), ("event", "e2")))
    text = brief(events, scope=scope, clusters={"e1": "c", "e2": "c"})
    meta = parse(text).meta
    assert meta["events"] == 1 and meta["marked_events"] == 2
    assert "2 marked events describe one incident" in text.split("## Bottom line")[0]
    assert "2 marked events describe one incident" in section(text, "Gaps and caveats")
    apart = brief(events, scope=scope)
    assert "2 marked events, each its own row" in apart


def test_two_events_read_from_one_sentence_cite_it_once():
    one = "Jets bombed the depot and shelled the market."
    events = [
        event("e1", "a1", sentence=one),
        event("e2", "a1", sentence=one, mode="heavy-weapons"),
    ]
    parsed = parse(brief(events))
    assert len(parsed.timeline) == 2 and len(parsed.notes) == 1
    assert parsed.timeline_refs[0] == parsed.timeline_refs[1]
    assert "1 of 2 events were read from a sentence another event" in brief(events)


def test_wording_one_day_no_toll_and_singulars():
    events = [event("e1", "a1", mode="drone", date="2016-10-03")]
    text = brief(events)
    assert "at least 0" not in text
    assert "between 2016-10-03 and 2016-10-03" not in text
    assert "on 2016-10-03" in text and "On 2016-10-03, " in text
    assert "1 drone strike)" in text and "1 drone strikes" not in text
    assert "Covers 2016-10-03 ·" in text
    two = [
        event("e1", "a1", type="AID", mode=None),
        event("e2", "a1", type="AID", mode=None, start=60),
    ]
    assert "2 aid events" in brief(two)
