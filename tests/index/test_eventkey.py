"""Event ids keep their form and their order whatever the index stores."""

from __future__ import annotations

import sqlite3

from briefing.index import eventkey

IDS = ["0000000000000000", "39ed94ea53f92fe8", "7fffffffffffffff", "8000000000000000",
       "e892db105d6cf4c4", "ffffffffffffffff"]  # fmt: skip


def test_ids_round_trip_and_sort_as_before():
    keys = eventkey.keys(IDS)
    assert all(type(k) is int and -(2**63) <= k < 2**63 for k in keys)
    assert [eventkey.name(k) for k in keys] == IDS
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE events (event_id NOT NULL UNIQUE)")
    con.executemany("INSERT INTO events VALUES (?)", [(k,) for k in reversed(keys)])
    stored = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY event_id")]
    assert [eventkey.name(k) for k in stored] == sorted(IDS)


def test_an_id_of_another_shape_is_kept_as_it_is():
    for odd in ["", "abc", "1234567890123456X", "0x39ed94ea53f92f", "39ED94EA53F92FE8",
                "1_2345678901234a", " 39ed94ea53f92fe", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦"]:  # fmt: skip
        assert eventkey.key(odd) == odd and eventkey.name(odd) == odd
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE events (event_id NOT NULL UNIQUE)")
    con.execute("INSERT INTO events VALUES (?)", ("1234567890123456",))  # digits: no conversion
    assert con.execute("SELECT typeof(event_id) FROM events").fetchone()[0] == "text"
