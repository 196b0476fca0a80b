"""Issue 26, what a first-time user hits: driven through the app with Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.article_table import ArticleTable
from tests.tui.test_app import SIZE, settle


async def test_keys_faster_than_the_handlers_settle_on_the_last_article(make_app):
    """Three moves land before any Highlighted is handled (as when `j` is held down): the
    app ends on the third article below and stops; before the fix each stale message moved
    the cursor back and the app flipped between two articles at 100% CPU until `q`."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        table = main.query_one(ArticleTable)
        ids = [r["id"] for r in table.rows]
        posted: list[str] = []
        post = table.post_message

        def counting(message):
            if isinstance(message, ArticleTable.Highlighted):
                posted.append(message.article_id)
            return post(message)

        table.post_message = counting  # type: ignore[method-assign]
        for _ in range(3):
            table.action_move(1)  # no await: the handlers have not run yet
        await asyncio.wait_for(settle(app, pilot), timeout=10)
        assert table.current_id == ids[3]
        assert main.article_id == ids[3]
        posted.clear()
        await pilot.pause(0.3)
        assert posted == []  # nothing goes on moving the cursor
        assert main.article_id == ids[3] and table.current_id == ids[3]
        # paging and jumping from the keyboard, as fast
        for key in ("G", "g", "ctrl+d", "G"):
            await pilot.press(key)
        await asyncio.wait_for(settle(app, pilot), timeout=10)
        posted.clear()
        await pilot.pause(0.3)
        assert posted == [] and main.article_id == ids[-1]


async def test_first_run_says_how_to_add_articles(monkeypatch, make_app):
    """On the bundled seeds alone the app says how to add one's own articles; on an
    analyst's own collection it does not."""
    import briefing.tui.app
    from tests.tui.test_app import screen_text
    from tests.tui.test_seeds import opened_by_the_cli

    app = make_app()  # the fixture collection: the analyst's own
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "briefing feeds add" not in screen_text(app)

    monkeypatch.setenv("BRIEFING_HOME", str(app.library.db.parent.parent / "fresh"))
    db, to_index = opened_by_the_cli(monkeypatch)
    app = briefing.tui.app.BriefingApp(db, to_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "briefing PATH" in text and "briefing feeds add URL" in text
        assert "briefing remove --seeds" in text


async def test_export_goes_to_the_export_folder_in_the_format_chosen(
    make_app, tmp_path, monkeypatch
):
    """Not the current directory (a git checkout, maybe): the export folder `briefing
    paths` shows; markdown, CSV, JSON or JSONL; the path written shown with keys to open
    the file or its folder."""
    import json

    from textual.widgets import Input, Select

    from briefing import paths
    from briefing.tui.screens import export as export_screen
    from briefing.tui.screens.export import ExportScreen
    from tests.tui.test_app import screen_text

    checkout = tmp_path / "checkout"
    checkout.mkdir()
    monkeypatch.chdir(checkout)
    opened: list = []
    monkeypatch.setattr(export_screen, "open_path", lambda p: opened.append(p) or True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        export = app.screen
        assert isinstance(export, ExportScreen)
        target = Path(export.query_one("#export-file", Input).value)
        assert target.parent == paths.export_dir() and target.suffix == ".md"
        assert not target.is_relative_to(checkout)
        export.query_one("#export-format", Select).value = "jsonl"
        await settle(app, pilot)
        await settle(app, pilot)
        target = Path(export.query_one("#export-file", Input).value)
        assert target.suffix == ".jsonl"
        rows = [json.loads(line) for line in export.text.splitlines()]
        assert rows and {"event_id", "event_date", "actor1", "fatalities"} <= set(rows[0])
        assert "ctrl+o" not in screen_text(app).splitlines()[-1]  # nothing written yet
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == export.text
        assert str(target) in screen_text(app)
        assert "Open file" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert opened == [target, target.parent]
        export.query_one("#export-format", Select).value = "csv"
        await settle(app, pilot)
        await settle(app, pilot)
        assert export.text.startswith("event_id,event_date,")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert list(checkout.iterdir()) == []  # nothing written into the current directory
