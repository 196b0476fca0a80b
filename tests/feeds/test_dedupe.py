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


def test_signatures_are_those_stored_by_earlier_versions():
    """The MinHash of datasketch 2 (scheme affine32, seed 1, CRC-32 of 3-word shingles),
    which signatures in indexes made before are: a copy met later still matches them."""
    sig = signature(seed_articles()[0][1])
    assert [int(v) for v in sig[:6]] == [14905469, 998218, 11417993, 1535209, 2854402, 52930723]
    assert int(sig.astype("uint64").sum()) == 886303797


def test_no_scipy_for_de_duplication():
    import subprocess
    import sys

    code = (
        "import sys; from briefing.feeds import dedupe, update; s = dedupe.Stories();"
        " s.add('a', None, dedupe.signature('word ' * 50)); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
