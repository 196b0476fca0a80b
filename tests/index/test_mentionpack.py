"""An article's mentions packed into one row come back exactly, in order of start."""

from __future__ import annotations

from briefing.index import mentionpack


def test_mentions_round_trip_sorted_and_deduplicated():
    made = [
        (120, 131, 7, None, None),
        (3, 9, 300, 4, None),  # a sector of its own
        (3, 9, 2, None, "Dimashq"),  # words that are not the span
        (70_000, 70_005, 90_000, None, "حلب"),  # wide values, non-ASCII words
        (120, 131, 7, 5, "again"),  # same span and entity: the first one stays
        (3, 12, 2, None, None),
    ]
    spans, words = mentionpack.pack(made)
    assert mentionpack.unpack(spans, words) == [
        (3, 9, 2, None, "Dimashq"),
        (3, 9, 300, 4, None),
        (3, 12, 2, None, None),
        (120, 131, 7, None, None),
        (70_000, 70_005, 90_000, None, "حلب"),
    ]
    assert list(mentionpack.entities(spans)) == [2, 300, 2, 7, 90_000]


def test_no_mentions_and_huge_numbers():
    assert mentionpack.unpack(*mentionpack.pack([])) == []
    big = [(0, 2**40, 2**33, 2**20, None)]
    assert mentionpack.unpack(*mentionpack.pack(big)) == big


def test_packed_mentions_are_small():
    made = [(i * 40, i * 40 + 12, 500 + i % 30, None, None) for i in range(50)]
    spans, words = mentionpack.pack(made)
    assert words is None
    assert len(spans) < 50 * 5
