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


async def test_help_opens_on_the_keys_of_the_focused_pane_with_their_ids(make_app):
    """Keys first (prose after), where the cursor is first, each with its binding id."""
    from textual.widgets import Markdown

    from briefing.tui.screens.help import HelpScreen
    from tests.tui.test_app import screen_keys

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, ArticleTable)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help")
        assert scroll.children[0].id == "help-keys"
        assert isinstance(scroll.children[1], Markdown)  # the prose comes after the keys
        lines = [" ".join(line.split()) for line in screen_keys(app).splitlines() if line]
        places = [line for line in lines if "(binding id)" in line]
        assert places[0] == "Here: article list (binding id)"
        assert (
            "s Sort sort" in lines and "j, down Down down" in lines or "down, j Down down" in lines
        )
        assert "/, ctrl+k Lookup lookup" in lines and "ctrl+q, q Quit quit" in lines
        await pilot.press("escape")
        await pilot.press("tab")  # to the article text
        await pilot.pause()
        await pilot.press("question_mark")
        await settle(app, pilot)
        lines = [" ".join(line.split()) for line in screen_keys(app).splitlines() if line]
        assert [line for line in lines if "(binding id)" in line][0] != (
            "Here: article list (binding id)"
        )


def test_the_binding_ids_the_readme_names_exist():
    """The README's [keymap] example and key table speak of binding ids: each one exists."""
    import re
    import tomllib

    from briefing.tui.app import BriefingApp

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert block
    keymap = tomllib.loads(block.group(1))["keymap"]
    app = BriefingApp.__new__(BriefingApp)  # binding_places needs no running app
    ids = {b.id for _, cls in BriefingApp.binding_places(app) for b in cls.BINDINGS if b.id}
    ids |= {b.id for b in BriefingApp.BINDINGS if b.id}
    assert keymap and set(keymap) <= ids, set(keymap) - ids
    named = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", readme))  # ids named in the README text
    assert named & ids == {n for n in named if n in ids}


async def test_palette_lists_entries_apart_from_commands(make_app):
    """Commands that match first; entries (actors, places…) after, each saying what it is."""
    from textual.command import CommandList

    from tests.tui.test_app import palette_hits

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"brig")  # "Export briefing", and the "[/] Brigade [bold]" actor
        await palette_hits(app, pilot)
        await pilot.pause(0.5)
        hits = app.screen.query_one(CommandList)
        texts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        entry = [
            i
            for i, t in enumerate(texts)
            if t.split(":")[0] in ("actor", "place", "article", "event")
        ]
        command = [i for i in range(len(texts)) if i not in entry]
        assert entry and command, texts
        assert max(command) < min(entry), texts


async def test_related_pane_title_names_the_event_not_a_number(make_app):
    from briefing.tui.widgets.related_list import RelatedList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert main.event_id
        await settle(app, pilot)
        title = str(main.query_one(RelatedList).border_title)
        assert title.startswith(("Related to: ", "1 related to: ")), title
        assert "Related to event" not in title and "Related to article" not in title
        event = main.events[main.event_id]
        assert event.get("date") is None or event["date"] in title, title


async def test_the_list_grows_while_an_index_runs_and_the_strip_says_rate_and_eta(
    make_app, db, tmp_path
):
    """Batches written by a background index show in the list before it ends; the strip
    under the panes says how fast it goes and how long is left (issue 26, item 8)."""
    from textual.widgets import Static

    from briefing.index.indexer import index_paths
    from briefing.index.queries import Index
    from briefing.tui.app import IndexProgress

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        table = main.query_one(ArticleTable)
        before = len(table.rows)
        reading = main.article_id
        more = tmp_path / "more"
        more.mkdir()
        for i in range(3):
            (more / f"n{i}.txt").write_text(f"Strike {i}\n\nJets struck depot {i}.", "utf-8")
        with Index(db) as index:  # a batch the background run committed
            index_paths(index.con, [more])
        app.index_started = app.list_refreshed = None
        app.post_message(IndexProgress(3, 300))
        await pilot.pause(0.6)
        app.post_message(IndexProgress(30, 300))
        await settle(app, pilot)
        await pilot.pause(0.2)
        assert len(table.rows) == before + 3  # no IndexDone yet: the list grew meanwhile
        assert main.article_id == reading  # what is being read stays
        label = str(main.query_one("#indexing-label", Static).visual)
        assert "30/300 articles" in label and "/s" in label and "left" in label


def test_the_command_line_bar_says_rate_and_eta():
    import io

    from briefing.output import ProgressBar

    bar = ProgressBar("indexing", stream=io.StringIO())
    assert "/s" not in bar.line(0, 1000, now=100.0)
    line = bar.line(400, 1000, now=110.0)
    assert "400/1000" in line and "40 articles/s" in line and "15s left" in line
