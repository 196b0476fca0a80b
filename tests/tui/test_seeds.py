"""The issue's DONE-WHEN flow on the real bundled seeds, through the real extraction:
``briefing`` on a fresh install opens the seeds; ``/kataib sayid`` and enter opens Kataib
Sayyid al-Shuhada's profile with its events from 001 and 004; selecting the 001 strike
highlights its sentence in the article and lists 004 among related entries."""

from __future__ import annotations

from pathlib import Path

import briefing.tui.app
from briefing import cli, paths
from briefing.tui import render
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.profile import ProfileScreen
from briefing.tui.widgets.article_table import ArticleTable
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.related_list import RelatedList
from tests.tui.test_app import lookup, screen_text, settle

KSS = "Kataib Sayyid al-Shuhada"


def opened_by_the_cli(monkeypatch) -> tuple[Path, list[Path]]:
    """Run ``briefing`` with no arguments, catching what it would open the app on."""
    opened: list[tuple[Path, list[Path]]] = []
    monkeypatch.setattr(briefing.tui.app, "run", lambda db, paths: opened.append((db, paths)) or 0)
    monkeypatch.setattr(cli, "_terminal", lambda: True)  # pytest's stdin is not one
    assert cli.main([]) == 0
    assert len(opened) == 1
    return opened[0]


def source(article_id: str) -> str:
    return article_id.split("_", 1)[0]  # "001_bea0e7fc258f55ee" -> "001"


def involves(event: dict, entity_id: str) -> bool:
    people = (event.get("actors") or []) + (event.get("targets") or [])
    return any(p.get("id") == entity_id for p in people)


async def test_fresh_install_kataib_sayid_to_the_001_strike(monkeypatch):
    assert not paths.default_db().exists(), "a fresh install has no index"
    db, to_index = opened_by_the_cli(monkeypatch)
    app = briefing.tui.app.BriefingApp(db, to_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        seeds = sorted(p.stem for p in paths.bundled("seeds").iterdir())
        shown = sorted(r["id"] for r in app.screen.query_one(ArticleTable).rows)
        assert shown == seeds

        await lookup(app, pilot, "kataib sayid", type_it=True)
        await pilot.press("enter")
        await settle(app, pilot)
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        kss = app.library.entity(profile.entity_id)
        assert kss is not None and kss["name"] == KSS
        listed = [key.split("\t")[1] for key in profile.entries if key.startswith("event\t")]
        events = {e: app.library.event(e) for e in listed}
        by_source = {source(ev["article_id"]) for ev in events.values()}
        assert {"001", "004"} <= by_source, by_source

        # the 001 strike: move the cursor to it and press enter
        strike = next(
            e
            for e, ev in events.items()
            if source(ev["article_id"]) == "001"
            and ev["type"] == "ASSAULT"
            and involves(ev, kss["id"])
        )
        picker = profile.query_one("#profile-events")
        while picker.highlighted_option.id != f"event\t{strike}":
            await pilot.press("j")
        await pilot.press("enter")
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.event_id == strike
        view = main.query_one(ArticleView)
        event = events[strike]
        assert view.event_span == (event["start"], event["end"])
        drawn = view.query_one("#article-text").visual
        assert any(
            (s.start, s.end, s.style) == (event["start"], event["end"], render.EVENT)
            for s in drawn.spans
        ), "the sentence is highlighted"
        first_words = " ".join(event["sentence"].split()[:3])
        assert first_words in screen_text(app), "the sentence is scrolled into view"
        related = main.query_one(RelatedList)
        related_sources = {
            source(item.get("article_id") or item["id"]) for item in related.items.values()
        }
        assert "004" in related_sources, related_sources
