from __future__ import annotations

import pytest

from briefing.feeds.opml import OpmlError, Subscription, read_opml, write_opml
from tests.feeds.feeds import DATA


def test_nested_outlines_become_tags_and_duplicates_are_dropped():
    subs = read_opml((DATA / "nested.opml").read_bytes())
    assert [(s.name, s.tags) for s in subs] == [
        ("Levant Wire", ["Wires"]),
        ("Idlib Observer", ["Wires", "idlib"]),
        ("Euphrates Monitor", []),
        ("Not a web feed", []),
    ]
    assert subs[0].site_url == "http://example.org/"


def test_export_imports_back_to_the_same_feeds():
    subs = [
        Subscription(
            "http://127.0.0.1:1/a.xml",
            "Al-Monitor & Partners <Syria>",
            ["wires", "idlib"],
            "http://x/",
        ),
        Subscription('http://127.0.0.1:1/b.xml?x=1&y="2"'),
    ]
    assert read_opml(write_opml(subs).encode()) == subs


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"not xml at all", "not well-formed"),
        (b"<rss version='2.0'/>", "not OPML"),
        (b"<opml version='2.0'><head/></opml>", "without a <body>"),
    ],
)
def test_hostile_opml(data, reason):
    with pytest.raises(OpmlError, match=reason):
        read_opml(data)


def test_entities_are_not_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<opml version="2.0"><body><outline text="&c;" xmlUrl="http://127.0.0.1:1/x"/></body></opml>"""
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(bomb)
