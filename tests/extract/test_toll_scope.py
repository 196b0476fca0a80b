"""What keeps a toll and what does not (issue 21): a place's past told in an apposition
is no running total, a game watched is no game played where a bomb went off. Each
sentence was written for this file (none is a row of a gold set)."""

from __future__ import annotations

import pytest

from briefing.extract import extract
from briefing.model import Article


def tolls(text: str) -> list[int | None]:
    art = Article(id="t", title="", text=text, date="2024-03-12")
    return [e.killed for e in extract(art).events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text, killed",
    [
        (
            "Separatist fighters killed seven villagers in western Cameroon, the scene of "
            "six years of unrest, officials said.",
            7,
        ),
        (
            "More than 200 militiamen were killed in fighting in the Amhara region — an "
            "area that has become a hotspot for violence in recent months.",
            200,
        ),
        ("Eleven people were killed in Idlib, where the war has killed thousands since 2011.", 11),
    ],
)
def test_a_place_s_past_in_an_apposition_leaves_the_toll(text, killed):
    assert killed in tolls(text)


@pytest.mark.parametrize(
    "text",
    [
        "The conflict has killed more than 14,000 people since 2015, the UN said.",
        "More than 500 people have been killed in the region over the past year.",
    ],
)
def test_a_running_total_is_still_no_event_s_toll(text):
    assert not any(tolls(text))


def test_a_bomb_among_football_fans_is_an_attack():
    assert 14 in tolls(
        "A car bomb ripped through crowds watching a football match in Baidoa, killing 14."
    )


def test_a_game_is_no_attack():
    assert tolls("The striker shot the ball past the keeper in the final match.") == []
