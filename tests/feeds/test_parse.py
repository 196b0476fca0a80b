"""Reading feeds: the three formats and the broken ones."""

from __future__ import annotations

import pytest

from briefing.feeds.parse import NotAFeed, html_text, parse_feed
from tests.feeds.feeds import DATA, rss, seed_feed


def test_rss2_with_full_content():
    feed = parse_feed(seed_feed("http://example.org"))
    assert feed.title == "Levant Wire" and len(feed.entries) == 5
    first = feed.entries[0]
    assert first.guid == "seed-0" and first.url == "http://example.org/story/0"
    assert first.published == "2026-12-01T08:00:00Z"
    assert not first.teaser_only and "Syrian warplanes" in first.content


def test_atom_drops_script_and_keeps_paragraphs():
    feed = parse_feed((DATA / "atom.xml").read_bytes())
    (entry,) = feed.entries
    assert feed.title == "Idlib Observer" and entry.url == "http://example.org/maarat-market"
    assert "alert" not in entry.content and "killing at least twelve" in entry.content
    assert "\n\n" in entry.content  # two paragraphs


def test_rss1():
    feed = parse_feed((DATA / "rss1.rdf").read_bytes())
    (entry,) = feed.entries
    assert entry.title == "Shelling kills four in Deir ez-Zor countryside"
    assert entry.published == "2026-12-03T07:30:00Z" and entry.teaser_only


def test_entries_without_links_or_dates_are_kept_without_them():
    feed = parse_feed((DATA / "no_links_no_dates.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Ceasefire talks resume in Astana", None]
    assert all(e.url is None and e.published is None for e in feed.entries)
    assert len({e.guid for e in feed.entries}) == 2  # each its own id, from its words


def test_duplicate_guids_keep_the_first():
    items = [
        {"title": "First", "guid": "same", "description": "a"},
        {"title": "Second", "guid": "same", "description": "b"},
    ]
    feed = parse_feed(rss(items))
    assert [e.title for e in feed.entries] == ["First"] and feed.duplicates == 1


@pytest.mark.parametrize(
    "data, reason",
    [
        ((DATA / "malformed.xml").read_bytes(), "malformed XML"),
        (b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>", "an HTML page"),
        (b"", "not a feed"),
        (b"\x00\x01\x02 binary", "not a feed"),
    ],
)
def test_not_a_feed(data, reason):
    with pytest.raises(NotAFeed, match=reason):
        parse_feed(data)


def test_wrong_and_missing_charset():
    title = "Raqqa: the SDF advances"
    latin = rss(
        [{"title": "Hama – Kafr Zita shelled", "guid": "1", "description": "Al-Lataminah, Ḥamāh"}]
    )
    # declared latin-1 in the header, but the bytes are UTF-8: still read
    feed = parse_feed(latin, "application/rss+xml; charset=iso-8859-1")
    assert feed.entries and feed.entries[0].guid == "1"
    # no XML declaration, no charset, cp1252 bytes
    raw = f'<rss version="2.0"><channel><title>{title}</title><item><guid>2</guid><title>Caf\xe9 shelled</title></item></channel></rss>'.encode(
        "cp1252"
    )
    feed = parse_feed(raw, "text/xml")
    assert feed.entries[0].title.startswith("Caf")


def test_html_text_is_plain():
    text = html_text("<p>One <b>[bold]</b> &amp; two</p><script>evil()</script><p>Three</p>")
    assert text == "One [bold] & two\n\nThree"
