"""The five bundled seeds read with the right titles and none of their boilerplate."""

from __future__ import annotations

import pytest

from briefing.ingest import read_file
from tests.conftest import SEEDS

TITLES = {
    "000_67da3c83b9655e1c": "Syrian Forces Just Bombed ISIS Targets Inside Iraq",
    "001_bea0e7fc258f55ee": "Situation Report: US targets Iranian assets on Syria-Iraq border",
    "002_2733fd5dd332bd36": "Russia’s Support to Iraq against ISIS will come with Eye on U.S. in Syria",
    # No headline line: the title is made from the first sentence.
    "003_7f45feeefabac68c": "Russia began airstrikes against the Islamic State (ISIS) positions in Syria, the",
    "004_4fad9717a6f5e81a": "Biden approves airstrike on Iran-backed militias in Syria following Iraq attacks",
}

BOILERPLATE = [
    "NOW WATCH",
    "Business Insider Emails",
    "Site highlights each day",
    "Follow Business Insider",
    "Print Friendly",
    "Please Share",
    ", , ,",
    "More Must-Reads from TIME",
    "Write to Justin Worland",
    "Check Also",
    "Iran Update, April 15, 2024",
    "Khaldoon Zubeir/Getty",
    "Trump’s Message Worked",
]


@pytest.fixture(scope="module")
def seeds():
    return {a.id: a for p in sorted(SEEDS.glob("*.txt")) for a in read_file(p)}


def test_five_seeds_with_their_titles(seeds):
    assert set(seeds) == set(TITLES)
    for art_id, title in TITLES.items():
        assert seeds[art_id].title.startswith(title), (art_id, seeds[art_id].title)


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_no_boilerplate_left_in_stored_text(seeds, phrase):
    for article in seeds.values():
        assert phrase not in article.text, article.id
        assert phrase not in article.title


def test_cut_boilerplate_is_kept_aside(seeds):
    cuts = {c.rule: c.text for c in seeds["004_4fad9717a6f5e81a"].cuts}
    assert "Iran Update, April 15, 2024" in cuts["check-also"]
    cuts = {c.rule: c.text for c in seeds["003_7f45feeefabac68c"].cuts}
    assert "Write to Justin Worland" in cuts["must-reads"]
    assert "Trump" in cuts["must-reads"]


def test_article_text_keeps_the_reporting(seeds):
    assert seeds["000_67da3c83b9655e1c"].text.startswith(
        "In a sign of the expanding international crisis"
    )
    assert "will not send soldiers into combat in Iraq." in seeds["000_67da3c83b9655e1c"].text
    assert seeds["003_7f45feeefabac68c"].text.startswith("Russia began airstrikes")
    assert seeds["004_4fad9717a6f5e81a"].text.endswith("Yossi Cohen in Washington.")


def test_outlets_revealed_by_boilerplate(seeds):
    assert seeds["003_7f45feeefabac68c"].source == "TIME"
    assert seeds["000_67da3c83b9655e1c"].source == "Business Insider Australia"
