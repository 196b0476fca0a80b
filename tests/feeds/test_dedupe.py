from __future__ import annotations

from briefing.feeds.dedupe import Stories, canonical_url, signature
from tests.feeds.feeds import seed_articles


def test_canonical_url_drops_tracking_and_case():
    a = canonical_url("HTTP://www.Example.org/news/syria-strike/?utm_source=rss&id=7#top")
    b = canonical_url("https://example.org/news/syria-strike?id=7&fbclid=abc")
    assert a == b == "https://example.org/news/syria-strike?id=7"
    assert canonical_url("mailto:desk@example.org") is None and canonical_url(None) is None


def test_a_republished_wire_copy_is_the_same_story_another_is_not():
    (_, first), (_, second), *_ = seed_articles()
    stories = Stories()
    stories.add("wire-1", None, signature(first))
    copy = (
        "By Reuters staff. "
        + first.replace("Syrian", "Syrian")
        + "\nReporting by the wire; editing by the desk."
    )
    assert stories.find(None, signature(copy)) == "wire-1"
    assert stories.find(None, signature(second)) is None
    assert signature("too short to judge") is None
