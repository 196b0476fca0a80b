"""The briefing's shape, read back with markdown-it-py: front matter, one timeline row per
event, every report a footnote with its evidence, whatever the articles contain."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import __version__
from briefing.export import Scope, compose
from briefing.export.escape import clean
from tests.export.conftest import ENTITIES, article, event
from tests.export.mdcheck import parse

ARTICLES = {
    "a1": article("a1", title="Strikes hit depots", date="2021-02-26", source="AP"),
    "a2": article("a2", title="Militia says one killed", date="2021-02-26", source="AFP"),
    "a3": article("a3", title="Second round", date="2021-06-28", source="Reuters"),
}
EVENTS = [
    event("a1-e0", "a1", killed=1, sentence="US jets struck depots, killing one."),
    event("a2-e0", "a2", killed=5, sentence="Five fighters died in the US strike."),
    event(
        "a3-e0",
        "a3",
        date="2021-06-27",
        places=("place:iraq",),
        targets=("actor:kh", "actor:ksas"),
        wounded=2,
        sentence="Strikes on the border wounded two.",
    ),
]
SAME_STRIKE = {"a1-e0": "c1", "a2-e0": "c1"}


def brief(events=EVENTS, articles=ARTICLES, clusters=None, **kw) -> str:
    return compose(
        events, articles, as_of="2024-05-01", index_hash="0123abcd", clusters=clusters, **kw
    )


def note_for(parsed, sentence: str) -> str:
    shown = {k: t.replace("%7C", "|").replace("%60", "`") for k, t in parsed.notes.items()}
    found = [text for text in shown.values() if clean(sentence) in text]
    assert len(found) == 1, (sentence, parsed.notes)
    return found[0]


def test_front_matter_records_what_makes_the_brief_reproducible():
    meta = parse(brief(scope=Scope(since="2021-01-01"), title="KH: strikes")).meta
    assert meta["title"] == "KH: strikes"
    assert meta["period"] == {"from": "2021-01-01", "to": "2021-06-27"}
    assert meta["as_of"] == "2024-05-01"
    assert meta["scope"] == {"since": "2021-01-01", "modality": "asserted"}
    assert meta["generator"] == f"briefing {__version__}"
    assert meta["index"] == "0123abcd"
    assert meta["events"] == 3 and meta["reports"] == 3 and meta["articles"] == 3


def test_one_timeline_row_per_event_with_its_footnotes_and_evidence():
    parsed = parse(brief())
    assert len(parsed.timeline) == 3
    assert [len(refs) for refs in parsed.timeline_refs] == [1, 1, 1]
    assert parsed.timeline[2][:3] == [
        "2021-06-27",
        "Iraq",
        "United States → Kataib Hezbollah, Kataib Sayyid al-Shuhada",
    ]
    assert parsed.timeline[2][4] == "? / 2"
    note = note_for(parsed, "Strikes on the border wounded two.")
    assert "Second round" in note and "Reuters" in note and "2021-06-28" in note and "a3" in note
    assert parsed.html_tokens == 0 and parsed.links == 0


def test_a_same_event_cluster_is_one_row_with_all_sources_and_the_toll_range():
    parsed = parse(brief(clusters=SAME_STRIKE))
    assert len(parsed.timeline) == 2
    assert len(parsed.timeline_refs[0]) == 2 and len(parsed.notes) == 3
    assert parsed.timeline[0][4] == "1–5 / ?"
    note_for(parsed, "US jets struck depots, killing one.")
    note_for(parsed, "Five fighters died in the US strike.")
    assert parsed.meta["events"] == 2 and parsed.meta["reports"] == 3


def test_bluf_figures_and_sections_are_computed_from_the_events():
    text = brief(clusters=SAME_STRIKE)
    parsed = parse(text)
    titles = [t for _, t in parsed.headings]
    for section in (
        "Bottom line up front",
        "Key figures",
        "Timeline",
        "Key actors",
        "Key places",
        "Sources",
    ):
        assert section in titles
    assert ("h3", "Kataib Hezbollah") in [(f"h{level}", t) for level, t in parsed.headings]
    assert {"Albu Kamal", "Iraq"} <= set(titles)
    bluf = text.split("## Bottom line up front")[1].split("##")[0]
    assert "From 2021-02-25 to 2021-06-27" in bluf and "2 events" in bluf
    assert "At least 1 killed" in bluf and "at least 2 wounded" in bluf
    assert "United States (2)" in bluf
    figures = text.split("## Key figures")[1].split("##")[0]
    assert "at least 1 (reports range 1–5)" in figures


def test_the_same_input_gives_the_same_bytes():
    assert brief(clusters=SAME_STRIKE) == brief(clusters=SAME_STRIKE)


def test_an_empty_scope_is_still_a_valid_brief():
    parsed = parse(brief(events=[], articles={}))
    assert parsed.timeline == [] and parsed.notes == {}
    assert parsed.meta["events"] == 0 and parsed.meta["period"] == {"from": None, "to": None}


def test_other_modalities_are_labelled_in_the_timeline():
    alleged = event("a1-e1", "a1", modality="alleged", start=50)
    parsed = parse(brief(events=[alleged], scope=Scope(all_modalities=True)))
    assert parsed.timeline[0][3].startswith("alleged: ")
    assert parsed.meta["scope"] == {"modality": "all"}


# Hostile articles: titles, outlets, names and sentences full of markdown and HTML.
NASTY = st.lists(
    st.sampled_from(
        ["|", "#", "*", "_", "`", "<script>alert(1)</script>", "[^1]", "[^2]:", "\n", "\n\n- ",
         "1. ", "> ", "---", "](http://x.io)", "http://evil.io/a|b", "&lt;", "\\", "~~", " ", "words"]
    ),
    min_size=0,
    max_size=12,
).map("".join)  # fmt: skip


@st.composite
def collections(draw):
    n_articles = draw(st.integers(1, 4))
    articles = {
        f"art{i}": article(f"art{i}", title=draw(NASTY), source=draw(NASTY),
                           date=draw(st.sampled_from([None, "2021-02-26", "2021-03-01"])))
        for i in range(n_articles)
    }  # fmt: skip
    events, clusters = [], {}
    for n in range(draw(st.integers(0, 8))):
        ev = event(
            f"ev{n}",
            f"art{draw(st.integers(0, n_articles - 1))}",
            sentence=f"Syrian warplanes bombed ISIS bases in Raqqa, killing 5 people ({n})."
            + draw(NASTY),
            date=draw(st.sampled_from([None, "2021-02-25", "2021-02-27"])),
            killed=draw(st.sampled_from([None, 0, 5, 12])),
            start=n,
        )
        ev["actors"][0]["name"] = draw(NASTY) or "United States"
        ev["locations"][0]["name"] = draw(NASTY)
        ev["trigger"] = draw(NASTY)
        events.append(ev)
        if draw(st.booleans()):
            clusters[ev["event_id"]] = f"c{draw(st.integers(0, 2))}"
    return events, articles, clusters


@settings(max_examples=60, deadline=None)
@given(collections(), NASTY)
def test_hostile_articles_parse_back_with_every_event_and_source(collection, title):
    events, articles, clusters = collection
    parsed = parse(brief(events=events, articles=articles, clusters=clusters, title=title))
    rows = len({clusters.get(e["event_id"], e["event_id"]) for e in events})
    assert len(parsed.timeline) == rows == parsed.meta["events"]
    assert all(len(row) == 7 for row in parsed.timeline)
    assert sum(len(r) for r in parsed.timeline_refs) == len(events) == len(parsed.notes)
    assert parsed.html_tokens == 0 and parsed.links == 0
    assert parsed.meta["title"] == (" ".join(title.split()) or "Briefing: whole collection")
    shown = parsed.headings[0][1].replace("%7C", "|").replace("%60", "`")
    assert parsed.headings[0][0] == 1 and shown == parsed.meta["title"]
    for ev in events:
        note_for(parsed, ev["sentence"])
    assert ENTITIES  # the fixture's names are used by event()
