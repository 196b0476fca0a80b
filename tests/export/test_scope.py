"""Scopes through the real index: filters narrow, marks add, and rendering reads the index
in a fixed number of queries whatever the number of events."""

from __future__ import annotations

import pytest

from briefing import marks
from briefing.export import ScopeError, build_scope, render_markdown, render_table, scope_events
from briefing.index.queries import Index
from tests.export.conftest import article, event
from tests.export.mdcheck import parse

STRIKE = "US jets struck Kataib Hezbollah depots near Albu Kamal in Deir ez-Zor, killing one."
COLLECTION = [
    (
        article("feb-a", text=STRIKE, date="2021-02-26", source="AP"),
        [event("feb-a-e0", "feb-a", sentence=STRIKE, killed=1)],
    ),
    (
        article("feb-b", text="Militia says five died.", date="2021-02-26", source="AFP"),
        [event("feb-b-e0", "feb-b", sentence="Militia says five died.", killed=5)],
    ),
    (
        article("jun", text="Strikes on the border.", date="2021-06-28", source="Reuters"),
        [
            event(
                "jun-e0",
                "jun",
                sentence="Strikes on the border.",
                date="2021-06-27",
                places=("place:iraq",),
                targets=("actor:kh", "actor:ksas"),
            ),  # fmt: skip
            event(
                "jun-e1",
                "jun",
                sentence="Iran-backed militias may retaliate.",
                date="2021-06-27",
                actors=("actor:kh",),
                targets=("actor:us",),
                places=("place:iraq",),
                modality="future",
                start=30,
            ),  # fmt: skip
        ],
    ),
    (
        article("raqqa", text="Syrian warplanes bombed ISIS bases in Raqqa.", date="2017-04-05"),
        [
            event(
                "raqqa-e0",
                "raqqa",
                sentence="Syrian warplanes bombed ISIS bases in Raqqa.",
                date="2017-04-04",
                actors=("actor:syria",),
                targets=("actor:isis",),
                places=("place:raqqa",),
                killed=5,
            ),  # fmt: skip
        ],
    ),
]


# Undated events, dates from the article, ties on the day and clusters across articles.
MIXED = [
    (
        article(f"x{i}", text="Shelling.", date=None if i % 3 == 0 else f"2021-02-2{i % 4 + 5}"),
        [
            event(
                f"x{i}-e{j}",
                f"x{i}",
                date=None if j else f"2021-02-2{i % 3 + 4}",
                start=j,
                sentence=f"=cmd|' /C calc'!A{i}" if i == 4 else "Shelling.",
            )
            for j in range(3)
        ],  # fmt: skip
    )
    for i in range(9)
]


@pytest.fixture
def index(build_index) -> Index:
    return build_index(COLLECTION)


def ids(index, **kw) -> list[str]:
    return sorted(e["event_id"] for e in scope_events(index, build_scope(index, **kw)))


def test_no_filter_is_the_whole_collection_of_asserted_events(index):
    assert ids(index) == ["feb-a-e0", "feb-b-e0", "jun-e0", "raqqa-e0"]
    assert "jun-e1" in ids(index, all_modalities=True)


def test_filters_narrow_and_combine(index):
    assert ids(index, actor="Kataib Hezbolah") == ["feb-a-e0", "feb-b-e0", "jun-e0"]  # fuzzy
    assert ids(index, place="Deir ez-Zor") == ["feb-a-e0", "feb-b-e0"]  # contains Albu Kamal
    assert ids(index, actor="kataib hezbollah", since="2021-03") == ["jun-e0"]
    assert ids(index, until="2017") == ["raqqa-e0"]
    assert ids(index, since="2021-02-25", until="2021-02-25") == ["feb-a-e0", "feb-b-e0"]
    assert ids(index, articles=["jun", "raqqa"]) == ["jun-e0", "raqqa-e0"]
    assert ids(index, articles=["jun", "raqqa"], actor="Islamic State") == ["raqqa-e0"]


def test_marks_persist_in_the_index_and_add_to_the_scope(index, tmp_path):
    marks.mark(index, "event", "raqqa-e0")
    marks.mark(index, "event", "jun-e1")  # a future event, chosen one by one
    marks.mark(index, "article", "feb-b")
    assert marks.toggle(index, "actor", "actor:ksas") is True
    with Index(index.path) as again:  # another connection: what the CLI would see
        assert sorted(marks.marked(again)) == [
            ("actor", "actor:ksas"), ("article", "feb-b"), ("event", "jun-e1"), ("event", "raqqa-e0"),
        ]  # fmt: skip
    assert ids(index, marked=True) == ["feb-b-e0", "jun-e0", "jun-e1", "raqqa-e0"]
    # filters narrow the collection, the marks come on top
    assert ids(index, place="Albu Kamal", marked=True) == [
        "feb-a-e0", "feb-b-e0", "jun-e0", "jun-e1", "raqqa-e0",
    ]  # fmt: skip
    assert marks.toggle(index, "actor", "actor:ksas") is False
    marks.unmark(index, "event", "jun-e1")
    assert ids(index, marked=True) == ["feb-b-e0", "raqqa-e0"]
    assert build_scope(index, marked=True).describe()["marked"] == 2
    assert marks.clear(index) == 2 and ids(index, marked=True) == []
    with pytest.raises(ValueError):
        marks.mark(index, "sentence", "x")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"since": "27/06/2021"}, "not a date"),
        ({"until": "2021-02-30"}, "not a date"),
        ({"since": "2021-07", "until": "2021-06"}, "is after"),
        ({"actor": "zzqx vvkw"}, "no actor matches"),
        ({"place": "zzqx vvkw"}, "no place matches"),
        ({"articles": ["jun", "nope"]}, "no article with id nope"),
    ],
)
def test_a_scope_that_cannot_be_built_says_why(index, kw, message):
    with pytest.raises(ScopeError, match=message):
        build_scope(index, **kw)


def test_the_briefing_names_its_scope_and_sources(index):
    scope = build_scope(index, actor="Kataib Hezbollah", since="2021")
    parsed = parse(render_markdown(index, scope, today="2024-05-01"))
    assert parsed.meta["scope"] == {
        "actor": "Kataib Hezbollah", "since": "2021-01-01", "modality": "asserted",
    }  # fmt: skip
    assert parsed.meta["index"] == index.state_hash() and parsed.meta["as_of"] == "2024-05-01"
    notes = " ".join(parsed.notes.values())
    assert (
        STRIKE in notes and "Militia says five died." in notes and "Strikes on the border." in notes
    )
    assert sum(len(r) for r in parsed.timeline_refs) == 3


def test_linked_reports_of_one_strike_are_one_row(index):
    """The linker clusters the two February reports (same type, actors, place and day)."""
    parsed = parse(render_markdown(index, build_scope(index, actor="Kataib Hezbollah")))
    assert len(parsed.timeline) == 2
    assert [len(r) for r in parsed.timeline_refs] == [2, 1]
    assert parsed.timeline[0][4] == "1–5 / ?"


def test_tables_have_one_row_per_report_and_the_acled_columns(index):
    import csv
    import io
    import json

    from briefing.export import COLUMNS

    scope = build_scope(index, actor="Kataib Hezbollah")
    rows = json.loads(render_table(index, scope, "json"))
    assert [r["event_id"] for r in rows] == ["feb-a-e0", "feb-b-e0", "jun-e0"]
    assert rows[0]["cluster"] == rows[1]["cluster"] != rows[2]["cluster"]
    first = rows[0]
    assert first["actor1"] == "United States" and first["actor2"] == "Kataib Hezbollah"
    assert first["country"] == "Syria" and first["iso3"] == "SYR"
    assert first["admin1"] == "Deir ez-Zor" and first["location"] == "Albu Kamal"
    assert first["fatalities"] == 1 and first["notes"] == STRIKE and first["source"] == "AP"
    assert rows[2]["assoc_actor_2"] == "Kataib Sayyid al-Shuhada"
    table = list(csv.DictReader(io.StringIO(render_table(index, scope, "csv"))))
    assert list(table[0]) == COLUMNS and len(table) == 3 and table[0]["notes"] == STRIKE


def test_rendering_reads_the_index_in_a_fixed_number_of_queries(build_index):
    def statements(n: int) -> int:
        collection = [
            (article(f"a{i}", text=f"Report {i}."), [event(f"a{i}-e{j}", f"a{i}", start=j) for j in range(3)])
            for i in range(n)
        ]  # fmt: skip
        index = build_index(collection)
        seen: list[str] = []
        index.con.set_trace_callback(seen.append)
        render_markdown(index, build_scope(index, actor="Kataib Hezbollah"))
        render_table(index, build_scope(index), "csv")
        index.con.set_trace_callback(None)
        return len(seen)

    assert statements(2) == statements(12)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_tables_are_written_a_part_at_a_time_as_the_whole_table(build_index, monkeypatch, fmt):
    import csv
    import io
    import json

    from briefing.export import COLUMNS, event_rows, tables, timeline
    from briefing.export.scope import gather
    from briefing.index import queries

    index = build_index(COLLECTION + MIXED)
    scope = build_scope(index, all_modalities=True)
    events, articles, clusters = gather(index, scope)
    rows = event_rows(events, articles, clusters)
    assert len({r["cluster"] for r in rows}) < len(rows)  # some reports share an entry
    whole = tables.render_table(index, scope, fmt)
    monkeypatch.setattr(tables, "ROWS_AT_A_TIME", 2)
    monkeypatch.setattr(timeline, "ARTICLES_KEPT", 3)
    monkeypatch.setattr(queries, "BLOCK", 3)
    parts = list(tables.table_chunks(index, scope, fmt))
    assert len(parts) > len(rows) // 2 and "".join(parts) == whole
    if fmt == "json":
        assert whole == json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: tables._inert(v) for k, v in row.items()} for row in rows)
        assert whole == out.getvalue()
        assert ",'=cmd|" in whole  # a formula is written as text


def test_an_empty_scope_gives_an_empty_table(index):
    scope = build_scope(index, since="1990", until="1990")
    assert render_table(index, scope, "json") == "[]\n"
    assert render_table(index, scope, "csv").count("\n") == 1  # the header alone


def test_the_brief_is_written_a_part_at_a_time_as_composed_in_memory(build_index, monkeypatch):
    from briefing.export import compose, markdown, stream_markdown, timeline
    from briefing.export.scope import gather
    from briefing.index import queries

    index = build_index(COLLECTION + MIXED)
    for scope in (
        build_scope(index, all_modalities=True),
        build_scope(index, actor="Kataib Hezbollah"),
    ):
        events, articles, clusters = gather(index, scope)
        composed = compose(
            events, articles, scope=scope, as_of="2024-05-01", index_hash=index.state_hash(),
            clusters=clusters,
        )  # fmt: skip
        monkeypatch.setattr(markdown, "PART", 2)
        monkeypatch.setattr(markdown, "SPOOL", 64)  # rows and notes go to temporary files
        monkeypatch.setattr(timeline, "ARTICLES_KEPT", 3)
        monkeypatch.setattr(queries, "BLOCK", 3)
        parts = list(stream_markdown(index, scope, today="2024-05-01"))
        assert len(parts) > 5 and "".join(parts) == composed
        if not scope.actor:  # the whole collection: a cluster of 26 reports, a note a sentence
            assert "[^12]:" in composed and composed.count("\n[^") > 12


def test_an_export_stopped_midway_leaves_the_index_as_it_was(index):
    def temporary() -> list[str]:
        names = index.con.execute("SELECT name FROM temp.sqlite_master WHERE name LIKE 'timeline%'")
        return [r[0] for r in names]

    parts = index.timeline([{"modality": None}])
    next(parts)
    assert temporary()  # the events in scope, numbered in a temporary table
    parts.close()
    assert temporary() == []
    assert len(list(index.timeline([{"modality": None}]))) == 5
