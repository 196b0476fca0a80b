"""The app driven as an analyst drives it (Pilot), on the fixture collection."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Checkbox, Input, Markdown, OptionList

from briefing import paths
from briefing.config import load_config
from briefing.tui import render
from briefing.tui.screens.export import ConfirmScreen, ExportScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.lookup import LookupScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.profile import ProfileScreen
from briefing.tui.widgets.article_table import ArticleTable
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.event_list import EventList
from briefing.tui.widgets.marks_list import MarksList
from briefing.tui.widgets.related_list import RelatedList
from tests.tui.fixture import ARTICLES

SIZE = (120, 40)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def option_ids(widget: OptionList) -> list[str | None]:
    return [o.id for o in widget.options]


def shown_text(view: ArticleView) -> str:
    return str(view.query_one("#article-text").visual)


def screen_keys(app) -> str:
    return str(app.screen.query_one("#help-keys").visual)


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def lookup(app, pilot, query: str, *, type_it: bool = False) -> LookupScreen:
    """Open the lookup box and enter ``query`` (key by key if ``type_it``)."""
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, LookupScreen)
    if type_it:
        await pilot.press(*query)
    else:
        app.screen.query_one(Input).value = query
    await settle(app, pilot)
    return app.screen


async def test_moving_through_the_list_updates_every_pane(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        articles = main.query_one(ArticleTable)
        assert [a["id"] for a in articles.rows] == [
            "hostile",
            "strike-2021",
            "erbil-2021",
            "russia-2015",
        ]
        await pilot.press("j")
        await settle(app, pilot)
        assert main.article_id == "strike-2021"
        view = main.query_one(ArticleView)
        assert "carried out an airstrike" in shown_text(view)
        events = main.query_one(EventList)
        ids = option_ids(events)
        # reported events first, then a heading, then the negated and future ones
        assert ids[:2] == ["strike-2021:e0", "strike-2021:e1"]
        assert ids[2] is None and ids[3:] == ["strike-2021:e2", "strike-2021:e3"]
        assert main.event_id == "strike-2021:e0"
        text = view.text
        start, end = view.event_span
        assert text[start:end].startswith("The United States carried out an airstrike")
        related = main.query_one(RelatedList)
        assert "event\terbil-2021:e0" in option_ids(related)
        # the cursor in the events pane moves the highlight in the article
        await pilot.press("tab", "tab")
        assert app.focused is events
        await pilot.press("j")
        await settle(app, pilot)
        assert main.event_id == "strike-2021:e1"
        assert text[slice(*view.event_span)].startswith("Iraq denied")
        # leaving the article and coming back keeps its event
        await pilot.press("shift+tab", "shift+tab", "j", "k")
        await settle(app, pilot)
        assert main.article_id == "strike-2021" and main.event_id == "strike-2021:e1"


async def test_lookup_kataib_sayid_opens_the_profile_and_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await lookup(app, pilot, "kataib sayid", type_it=True)
        results = screen.query_one("#lookup-results", OptionList)
        first = results.highlighted_option
        assert first.id == "actor\tactor:kss"
        assert "Kataib Sayyid al-Shuhada" in str(first.prompt)
        assert screen.hits[first.id]["spans"], "matched characters are highlighted"
        await pilot.press("enter")
        await settle(app, pilot)
        profile = app.screen
        assert isinstance(profile, ProfileScreen) and profile.entity_id == "actor:kss"
        events = profile.query_one("#profile-events", OptionList)
        assert set(option_ids(events)) == {"event\terbil-2021:e0", "event\tstrike-2021:e0"}
        assert "as actor" in str(profile.query_one("#profile-timeline").visual)
        # enter on the 001-style strike opens it, its sentence highlighted, related listed
        events.highlighted = option_ids(events).index("event\tstrike-2021:e0")
        await pilot.press("enter")
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert (main.article_id, main.event_id) == ("strike-2021", "strike-2021:e0")
        view = main.query_one(ArticleView)
        assert view.text[slice(*view.event_span)].startswith("The United States carried out")
        assert "event\terbil-2021:e0" in option_ids(main.query_one(RelatedList))
        # back to the profile, then back to where we started
        await pilot.press("backspace")
        await settle(app, pilot)
        assert isinstance(app.screen, ProfileScreen) and app.screen.entity_id == "actor:kss"
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.article_id == "hostile"


async def test_lookup_prefixes_typos_and_full_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for query, expected in (
            ("@hezbolla", "actor\tactor:kh"),
            ("#albukamal", "place\tplace:albukamal"),
            ("#deir ezzor", "place\tplace:deir"),
            ("suleimani", "actor\tactor:soleimani"),
            ("?retaliate", "article\tstrike-2021"),
        ):
            screen = await lookup(app, pilot, query)
            assert screen.query_one("#lookup-results", OptionList).highlighted_option.id == expected
            kinds = {h["kind"] for h in screen.hits.values()}
            if query.startswith("@"):
                assert kinds == {"actor"}
            await pilot.press("escape")
            await pilot.pause()
        # choosing an article hit opens the article
        await lookup(app, pilot, "?retaliate")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.article_id == "strike-2021"


async def test_selected_event_is_scrolled_into_view(make_app):
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert main.query_one("#articles").has_class("collapsed"), "narrow: the list starts folded"
        main.open_article("strike-2021", "strike-2021:e3")
        await settle(app, pilot)
        body = main.query_one("#article-body")
        line = render.line_of(main.query_one(ArticleView).text, main.query_one(ArticleView).event_span[0],
                              main.query_one("#article-text").content_region.width)  # fmt: skip
        assert body.scroll_y > 0
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height
        await pilot.press("1")
        await pilot.pause()
        assert not main.query_one("#articles").has_class("collapsed")


async def test_find_in_article_with_n_and_N(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.open_article("strike-2021")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"United")
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert len(view.finds) == 3 and view.current == 0
        await pilot.press("n")
        assert view.current == 1
        await pilot.press("N", "N")
        assert view.current == 2
        assert view.text[slice(*view.finds[2])] == "United"
        # smart case: a lower-case query matches any case
        view.find("kataib")
        assert len(view.finds) == 3


async def test_help_lists_every_binding_and_follows_the_keymap(make_app):
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keymap]\nlookup = "ctrl+l"\n', encoding="utf-8")
    load_config.cache_clear()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for line in screen_keys(app).splitlines()]
        for keys, does in (("ctrl+l", "Lookup"), ("⌫, ctrl+o", "Back"), ("p", "Profile"),
                           ("m", "Mark"), ("e", "Export"), ("f", "Find"), ("s", "Sort"),
                           ("z", "Zoom pane"), ("1", "Article list"), ("n", "Next find"),
                           ("<", "Narrower"), ("ctrl+q, q", "Quit"), ("ctrl+s", "Write"),
                           ("tab", "Focus Next"), ("ctrl+p", "palette"), ("down, j", "Down"),
                           ("enter", "Open")):  # fmt: skip
            assert any(line.startswith(f"{keys} {does} ") for line in lines), (keys, does)
        assert not any(line.startswith("/, ctrl+k Lookup") for line in lines)
        # every key of the help screen scrolls it
        scroll = app.screen.query_one("#help")
        for key, moved in (("G", lambda y: y == scroll.max_scroll_y), ("g", lambda y: y == 0),
                           ("ctrl+d", lambda y: y > 0), ("k", lambda y: y >= 0)):  # fmt: skip
            await pilot.press(key)
            await pilot.pause()
            assert moved(scroll.scroll_y), key
        await pilot.press("escape")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
    load_config.cache_clear()


async def palette_hits(app, pilot) -> int:
    """Wait until the command palette shows its hits (it searches in the background)."""
    for _ in range(100):
        await pilot.pause(0.05)
        hits = app.screen.query(CommandList)
        if hits and hits.first().option_count and hits.first().highlighted is not None:
            return hits.first().option_count
    raise AssertionError("the palette found nothing")


async def test_palette_finds_entries_and_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"[/] Brig")
        await palette_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.entity_id == "actor:brackets"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export b")
        await palette_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)


async def test_hostile_text_shows_literally(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert main.article_id == "hostile"
        view = main.query_one(ArticleView)
        shown = shown_text(view)
        for piece in ("[/]", "[bold]", "[/foo]", "[link=x]click[/link]", "[/ and"):
            assert piece in shown, piece
        assert "\x1b" not in shown and "\x07" not in shown
        assert "Putin [/] meets [bold]Xi [/foo]" in screen_text(app)
        assert "[/] Brigade [bold]" in str(main.query_one(EventList).options[0].prompt)
        await pilot.press("m")  # a notification with a hostile title
        await settle(app, pilot)
        assert "[/] meets" in str(main.query_one(MarksList).options[0].prompt)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # the profile of "[/] Brigade [bold]"
        await settle(app, pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert "[/] Brigade [bold]" in str(app.screen.query_one("#profile-head").visual)
        screen = await lookup(app, pilot, "[/")
        assert screen.is_attached
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*"[/] m[b")
        await palette_hits(app, pilot)
        await settle(app, pilot)
        assert app.is_running


async def test_mark_then_export_writes_once_and_asks_before_replacing(make_app, tmp_path):
    app = make_app()
    target = tmp_path / "brief.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        main.open_article("strike-2021")
        main.query_one(EventList).focus()
        await pilot.press("m")
        await pilot.pause()
        assert [m["id"] for m in app.library.marks()] == ["strike-2021:e0"]
        await pilot.press("M")
        await pilot.pause()
        assert option_ids(main.query_one(MarksList)) == ["event\tstrike-2021:e0"]
        await pilot.press("e")
        await settle(app, pilot)
        export = app.screen
        assert isinstance(export, ExportScreen)
        assert export.query_one("#scope-marked", Checkbox).value is True
        assert "Kataib Sayyid al-Shuhada" in export.text
        shown = export.query_one(Markdown).source
        assert shown.startswith("```yaml\n") and "# Briefing" in shown
        export.query_one("#export-file", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == export.text
        assert str(target) in screen_text(app)  # the path written stays shown
        await pilot.press("escape")
        await pilot.pause()
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        await settle(app, pilot)
        app.screen.query_one("#export-file", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("ctrl+s", "y")
        await settle(app, pilot)
        assert "Kataib Sayyid al-Shuhada" in target.read_text(encoding="utf-8")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_indexing_from_the_app_keeps_the_list_usable(make_app, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "late.txt").write_text(
        "A late report\n\nShelling hit Idlib on Friday.\n", encoding="utf-8"
    )
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(app.screen.query_one(ArticleTable).rows) >= len(ARTICLES)
        await settle(app, pilot)
        titles = [a["title"] for a in app.library.articles()]
        assert "A late report" in titles
        assert len(app.screen.query_one(ArticleTable).rows) == len(ARTICLES) + 1
        assert app.screen.query_one("#indexing").has_class("hidden")


async def test_indexing_progress_counts_every_article_against_a_known_total(
    make_app, tmp_path, monkeypatch
):
    from briefing.tui.app import BriefingApp, IndexProgress

    folder = tmp_path / "new"
    folder.mkdir()
    for i in range(3):
        (folder / f"late{i}.txt").write_text(f"Report {i}\n\nShelling hit Idlib.\n", "utf-8")
    monkeypatch.setattr(IndexProgress, "can_replace", lambda self, message: False)
    labels: list[str] = []
    shown = BriefingApp.show_indexing

    def show_indexing(self, label, done=0, total=None):
        labels.append(label.strip())
        shown(self, label, done, total)

    monkeypatch.setattr(BriefingApp, "show_indexing", show_indexing)
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    # the rate and time left appear once half a second has gone (a slow machine's case)
    labels = [re.sub(r" · [\d,]+/s · \S+ left$", "", x) for x in labels]
    labels = list(dict.fromkeys(labels))  # the same figures may be reported twice
    assert labels[0] == "indexing: reading files…"
    assert labels[1:] == [f"indexing {n}/3 articles" for n in range(3)] + [
        "indexing 3/3 articles · linking…"
    ]


async def test_theme_choice_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    assert load_config().theme == "nord"
    assert 'theme = "nord"' in Path(paths.config_file()).read_text(encoding="utf-8")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
    load_config.cache_clear()


async def test_panes_collapse_and_resize(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("1")
        assert main.query_one("#articles").has_class("collapsed")
        assert app.focused is not None and app.focused.id == "article-body"
        await pilot.press("2", "3")
        assert main.query_one("#events").has_class("collapsed")
        await pilot.press("2", "3")
        assert app.focused.id == "related"
        await pilot.press("h")
        assert app.focused.id == "events"
        await pilot.press("l", "l")
        assert app.focused.id == "article-body", "h and l wrap around the visible panes"
        await pilot.press("l")
        before = main.query_one("#side").outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert main.query_one("#side").outer_size.width == before + 4
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is not None
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is None
        main.query_one("#article-body").focus()
        await pilot.press("z")
        await pilot.pause()
        assert main.maximized is main.query_one(ArticleView), "z zooms the whole article pane"
        await pilot.press("z", "2", "3")
        await pilot.pause()
        assert main.query_one("#side").has_class("collapsed"), "no empty column is left"
        assert main.query_one(ArticleView).region.right >= SIZE[0] - 1


async def test_long_titles_take_two_lines_and_entries_hang_together(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.open_article("strike-2021", "strike-2021:e0")
        await settle(app, pilot)
        lines = screen_text(app).splitlines()
        title = next(i for i, line in enumerate(lines) if "│ US strikes Iran-backed" in line)
        assert "│ militias near Albu Kamal" in lines[title + 1]
        assert "2021-02-26 · Fixture Wire" in lines[title + 2]
    # an entry's wrapped lines are indented under its first line, why it relates further in
    related = render.related_row(
        {"kind": "event", "name": "air strikes: United States → Kataib Hezbollah in Syria",
         "shared": ["Kataib Hezbollah", "Kataib Sayyid al-Shuhada", "air strikes"]}
    ).lay_out(24).plain.splitlines()  # fmt: skip
    assert related == [
        "air strikes: United",
        "  States → Kataib",
        "  Hezbollah in Syria",
        "  event · Kataib",
        "    Hezbollah, Kataib",
        "    Sayyid al-Shuhada,",
        "    air strikes",
    ]


async def test_export_shows_its_keys_in_a_footer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "^s Write" in footer and "esc Cancel" in footer
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_lookups_reuse_a_few_connections_and_close_them(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        for query in ("k", "ka", "kat", "kata", "katai", "kataib", "kataib s", "kataib sa") * 3:
            app.screen.query_one(Input).value = query
            await settle(app, pilot)
        assert app.screen.hits, "the lookups found something"
        assert 1 <= app.library.opened <= 3, "connections are reused, not opened per keystroke"
        lent = list(app.library._idle)
    assert app.library.closed
    for index in lent:
        with pytest.raises(sqlite3.ProgrammingError):
            index.con.execute("SELECT 1")


async def test_the_layout_follows_the_terminal_width(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.screen.query_one("#articles")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert articles.has_class("collapsed"), "narrow: the list folds away"
        await pilot.press("1")
        await pilot.pause()
        panes = [app.screen.query_one(f"#{p}").region for p in ("articles", "article", "side")]
        assert sum(r.width for r in panes) <= 80, "the three columns fit in 80 columns"
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not articles.has_class("collapsed")


async def test_the_palette_offers_every_action_of_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Look up", "Full-text search", "Help", "Back", "Export briefing", "Mark",
                      "Show marks", "Profile", "Find in article", "Next find", "Previous find",
                      "Sort articles", "Reverse sort", "Filter articles", "Zoom pane",
                      "Narrower pane", "Wider pane", "Toggle article list", "Toggle events pane",
                      "Toggle related pane", "Theme", "Quit"):  # fmt: skip
            assert title in titles, title
        app.go("actor", "actor:kss")
        await settle(app, pilot)
        profile_titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Mark" in profile_titles and "Sort articles" not in profile_titles
