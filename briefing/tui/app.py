"""The terminal app: ``briefing`` and ``briefing PATH…`` open it (see cli.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingsMap
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from briefing import paths
from briefing.config import load_config, save_config
from briefing.index.filters import Filter
from briefing.index.store import emptied_note
from briefing.tui import render
from briefing.tui.commands import EntryProvider
from briefing.tui.data import Library
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.profile import ProfileScreen

HISTORY = 200
LIST_EVERY = 2.0  # seconds between refreshes of the article list while indexing


@dataclass
class IndexProgress(Message, bubble=False):
    """How far background indexing has got (floods collapse to the latest)."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexDone(Message, bubble=False):
    lines: list[str]
    failed: bool = False


@dataclass
class FeedsProgress(Message, bubble=False):
    """How far an update of the feeds has got: feeds fetched, articles indexed (the two at
    once from the first feed in)."""

    done: int
    total: int
    stage: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FeedsProgress) and message.stage == self.stage


@dataclass
class FeedsDone(Message, bubble=False):
    lines: list[str]
    failed: bool = False


class BriefingApp(App[int]):
    TITLE = "briefing"
    CSS_PATH = paths.bundled("styles") / "app.tcss"
    COMMANDS = App.COMMANDS | {EntryProvider}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [  # in the footer's order: what is left out at 80 columns comes last
        Binding(
            "slash,ctrl+k",
            "lookup",
            "Lookup",
            id="lookup",
            tooltip="Find an actor, place, article or event",
        ),
        Binding(
            "question_mark", "help", "Help", id="help", tooltip="Every key, and how lookup works"
        ),
        Binding("backspace,ctrl+o", "back", "Back", id="back", tooltip="Go back to where you were"),
        Binding("w", "map", "Map", id="map", tooltip="Where the events of the filter happened"),
        Binding("v", "overview", "Overview", id="overview", tooltip="The filter at a glance"),
        Binding("u", "feeds", "Feeds", id="feeds", tooltip="The feeds followed, with their status"),
        Binding("r", "update_feeds", "Update", id="update", tooltip="Fetch every feed now"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave briefing"),
    ]

    def __init__(
        self, db: Path, paths_to_index: Iterable[Path] = (), *, library: Library | None = None
    ):
        super().__init__()
        self.library = library or Library(db)
        self.paths_to_index = [Path(p) for p in paths_to_index]
        self.history: list[tuple[str, str | None, str | None]] = []
        self.feed_policy = None  # briefing.feeds.fetch.Policy (None: its defaults)
        self.config = load_config()
        self.filter = Filter()  # shared by the map and the overview (their filter bar)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)

    # startup --------------------------------------------------------------------------

    async def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.problem:
            self.notify(render.clean(self.config.problem), severity="warning", markup=False)
        if note := emptied_note(self.library.index.con):
            self.notify(render.clean(note), severity="warning", markup=False, timeout=30)
        self.main = MainScreen()
        await self.push_screen(self.main)
        if self.paths_to_index:
            self.index_started = self.list_refreshed = None
            self.show_indexing("indexing: reading files…")
            self.index_in_background(self.paths_to_index)

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen (from the palette) in the config file."""
        if getattr(self, "main", None) is not None and theme != self.config.theme:
            self.config.theme = theme
            save_config(self.config)

    def on_unmount(self) -> None:
        self.library.close()

    # indexing in the background -------------------------------------------------------

    @work(thread=True, exclusive=True, group="indexing", exit_on_error=False)
    def index_in_background(self, to_index: list[Path]) -> None:
        """Index on a connection of its own (WAL: the app keeps reading meanwhile)."""
        from briefing.index.indexer import index_paths
        from briefing.index.queries import Index

        worker = get_current_worker()
        try:
            with Index(self.library.db) as index:
                summary = index_paths(
                    index.con,
                    to_index,
                    progress=lambda done, total: self.post_message(IndexProgress(done, total)),
                    cancelled=lambda: worker.is_cancelled,
                )
        except Exception as exc:  # a broken file is reported by the indexer; this is worse
            self.post_message(IndexDone([f"indexing failed: {exc}"], failed=True))
            return
        self.post_message(IndexDone(summary.lines()))

    def show_indexing(self, label: str, done: int = 0, total: int | None = None) -> None:
        """The indexing strip under the panes; no ``total`` draws an indeterminate bar."""
        self.main.query_one("#indexing").remove_class("hidden")
        self.main.query_one("#indexing-label", Static).update(label)
        self.main.query_one("#indexing-bar", ProgressBar).update(total=total, progress=done)

    def on_index_progress(self, message: IndexProgress) -> None:
        """The strip says how far, how fast and how long is left; the article list is
        read again every LIST_EVERY seconds, so that it grows as the batches are written."""
        import time

        from briefing.output import duration

        now = time.monotonic()
        started = getattr(self, "index_started", None)
        if started is None:
            started = self.index_started = now
        done, total = message.done, message.total
        label = f"indexing {done:,}/{total:,} articles"
        elapsed = now - started
        if done >= total:
            label += " · linking…"
        elif done and elapsed >= 0.5:
            rate = done / elapsed
            label += f" · {rate:,.0f}/s · {duration((total - done) / rate)} left"
        self.show_indexing(label + " ", done, total)
        refreshed = getattr(self, "list_refreshed", None)
        if done and (refreshed is None or now - refreshed >= LIST_EVERY):
            self.list_refreshed = now
            self.main.refresh_list()

    def on_index_done(self, message: IndexDone) -> None:
        self.index_started = self.list_refreshed = None
        self.main.query_one("#indexing").add_class("hidden")
        self.main.reload()
        self.notify(
            render.clean("\n".join(message.lines[:6])),
            title="Indexing",
            severity="error" if message.failed else "information",
            markup=False,
        )

    # feeds ----------------------------------------------------------------------------

    def action_feeds(self) -> None:
        from briefing.tui.screens.feeds import FeedsScreen

        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_update_feeds(self) -> None:
        if any(w.group == "feeds" and w.is_running for w in self.workers):
            self.notify("an update is running already")
            return
        if not self.library.feeds():
            self.notify("no feeds followed: `briefing feeds add URL` adds one", severity="warning")
            return
        self.show_indexing("updating feeds… ")
        self._update_stages: dict[str, tuple[int, int]] = {}
        self.update_in_background()

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def update_in_background(self) -> None:
        """Fetch and index on a connection of its own (WAL: the app keeps reading)."""
        from briefing.feeds.update import update
        from briefing.index.queries import Index

        try:
            with Index(self.library.db) as index:
                report = update(
                    index.con,
                    index.path,
                    policy=self.feed_policy,
                    progress=lambda d, t, s: self.post_message(FeedsProgress(d, t, s)),
                )
        except Exception as exc:
            self.post_message(FeedsDone([f"update failed: {exc}"], failed=True))
            return
        self.post_message(FeedsDone(report.lines()[len(report.feeds) :]))

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        stages = getattr(self, "_update_stages", {})
        stages[message.stage] = (message.done, message.total)
        fetched = stages.get("fetching", (0, 0))
        if "indexing" in stages:  # indexing runs while the last feeds come in: one line
            done, total = stages["indexing"]
            label = f"indexing {done:,}/{total:,} articles "
            if fetched[0] < fetched[1]:
                label += f"· feeds {fetched[0]:,}/{fetched[1]:,} "
        else:
            done, total = fetched
            label = f"fetching {done:,}/{total:,} feeds "
        self.show_indexing(label, done, total)
        for screen in self.screen_stack:
            if hasattr(screen, "show_progress"):
                screen.show_progress(label, done, total)

    def on_feeds_done(self, message: FeedsDone) -> None:
        self.main.query_one("#indexing").add_class("hidden")
        self.main.reload()  # the new articles, without a restart
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_feeds"):
                screen.hide_progress()
                screen.refresh_feeds()
        self.notify(
            render.clean("\n".join(message.lines[:4])),
            title="Feeds",
            severity="error" if message.failed else "information",
            markup=False,
        )

    # map and overview -------------------------------------------------------------------

    def action_map(self) -> None:
        from briefing.tui.screens.map import MapScreen

        self._open_filtered(MapScreen)

    def action_overview(self) -> None:
        from briefing.tui.screens.overview import OverviewScreen

        self._open_filtered(OverviewScreen)

    def _open_filtered(self, cls: type[Screen]) -> None:
        """Open the map or the overview, or go back to it if it is open already."""
        if isinstance(self.screen, cls):
            return
        self._close_modals()
        for screen in self.screen_stack:
            if isinstance(screen, cls):
                while self.screen is not screen:
                    self.pop_screen()
                return
        self.push_screen(cls())

    # going places ---------------------------------------------------------------------

    def here(self) -> tuple[str, str | None, str | None]:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ProfileScreen | MainScreen):
                return screen.location()
        return self.main.location()

    def go(self, kind: str, id: str, *, remember: bool = True) -> None:
        """Open an entry: an article or event in the main screen, an actor or place as a profile."""
        if remember:
            self.history = [*self.history[-HISTORY:], self.here()]
        if kind in ("actor", "place", "entity"):
            self.show_profile(id)
        elif kind == "event":
            event = self.library.event(id)
            if event:
                self.show_main(event["article_id"], id)
        elif kind == "article":
            self.show_main(id, None)

    def action_back(self) -> None:
        if not self.history:
            self.notify("nothing to go back to")
            return
        where, id, detail = self.history.pop()
        if where == "profile" and id:
            self.show_profile(id, keep=detail)
        else:
            self.show_main(id, detail)

    def _close_modals(self) -> None:
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def show_main(self, article_id: str | None, event_id: str | None) -> None:
        self._close_modals()
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.open_article(article_id, event_id)
        self.main.query_one("#events" if event_id else "#article-body").focus()

    def show_profile(self, entity_id: str, keep: str | None = None) -> None:
        self._close_modals()
        if isinstance(self.screen, ProfileScreen):
            self.screen.show(entity_id, keep=keep)
        else:
            self.push_screen(ProfileScreen(entity_id))

    # actions --------------------------------------------------------------------------

    def action_lookup(self, query: str = "") -> None:
        from briefing.tui.screens.lookup import LookupScreen

        def chosen(hit: dict[str, Any] | None) -> None:
            if hit:
                self.go(hit["kind"], hit["id"])

        self.push_screen(LookupScreen(query), chosen)

    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.binding_nodes(), self.focused_place()))

    def focused_place(self) -> str | None:
        """Where the cursor is, in the help screen's words (``article list``, ``lookup``…)."""
        focused = self.screen.focused
        chain = list(focused.ancestors_with_self) if focused else []
        chain.append(self.screen)
        for node in chain:
            for where, cls in self.binding_places():
                if cls is not type(self) and where != "anywhere" and isinstance(node, cls):
                    return where
        return None

    def binding_places(self) -> list[tuple[str, type]]:
        """Where bindings live, most specific first within each screen."""
        from briefing.tui.screens.export import ExportScreen
        from briefing.tui.screens.feeds import FeedsScreen
        from briefing.tui.screens.lookup import LookupScreen
        from briefing.tui.screens.map import FilteredScreen
        from briefing.tui.widgets.article_list import ArticleList
        from briefing.tui.widgets.article_table import ArticleTable
        from briefing.tui.widgets.article_view import ArticleBody
        from briefing.tui.widgets.map_view import MapView
        from briefing.tui.widgets.picker import Picker

        return [
            ("anywhere", type(self)),
            ("main screen", MainScreen),
            ("article list", ArticleList),
            ("article list", ArticleTable),
            ("article text", ArticleBody),
            ("any list", Picker),
            ("lookup", LookupScreen),
            ("profile", ProfileScreen),
            ("export", ExportScreen),
            ("feeds", FeedsScreen),
            ("map and overview", FilteredScreen),
            ("map", MapView),
        ]

    def binding_nodes(self) -> list[tuple[str, BindingsMap]]:
        """Every place bindings live, with the user's keymap applied, for the help screen."""
        out = [("anywhere", BindingsMap(Screen.BINDINGS))]
        for where, cls in self.binding_places():
            bindings = BindingsMap(cls.BINDINGS) if cls is not type(self) else self._bindings.copy()
            bindings.apply_keymap(self._keymap)
            out.append((where, bindings))
        return out

    def action_export(self) -> None:
        from briefing.tui.screens.export import ExportScreen

        marks = self.library.marks()
        article = self.main.article_id
        screen = ExportScreen(
            marked=bool(marks), articles=[] if marks or not article else [article]
        )
        self.push_screen(screen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's actions: the app's own, then those of the screen it was opened on."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Look up", "Find an actor, place, article or event (/)", self.action_lookup
        )
        yield SystemCommand(
            "Full-text search",
            "Search the text of every article (?words)",
            lambda: self.action_lookup("?"),
        )
        yield SystemCommand("Help", "Every key binding (?)", self.action_help)
        yield SystemCommand("Back", "Go back to where you were (backspace)", self.action_back)
        yield SystemCommand("Export briefing", "Write a markdown briefing (e)", self.action_export)
        yield SystemCommand("Map", "Where the events of the filter happened (w)", self.action_map)
        yield SystemCommand("Overview", "The filter at a glance (v)", self.action_overview)
        yield SystemCommand("Feeds", "The feeds followed, with their status (u)", self.action_feeds)
        yield SystemCommand("Update feeds", "Fetch every feed now (r)", self.action_update_feeds)
        if isinstance(screen, ProfileScreen):
            yield SystemCommand(
                "Mark", "Mark this actor or place for the briefing (m)", screen.action_mark
            )
        if not isinstance(screen, MainScreen):
            return
        articles = screen.query_one("#articles")
        for title, help, action in (
            ("Mark", "Mark the selected entry for the briefing (m)", screen.action_mark),
            ("Show marks", "Show or hide the marked entries (M)", screen.action_toggle_marks),
            ("Profile", "Profile of an actor or place here (p)", screen.action_profile),
            ("Find in article", "Find words in this article (f)", screen.action_find),
            (
                "Open in browser",
                "Open the article's URL in the browser (o)",
                screen.action_open_url,
            ),
            (
                "Next find",
                "The next match in this article (n)",
                partial(screen.action_find_next, 1),
            ),
            ("Previous find", "The previous match (N)", partial(screen.action_find_next, -1)),
            ("Sort articles", "Cycle date, title, source, events (s)", articles.action_sort),
            ("Reverse sort", "Reverse the order of the article list (S)", articles.action_reverse),
            ("Filter articles", "Filter the list by title or source (F)", articles.action_filter),
            ("Zoom pane", "Maximise the focused pane, or restore (z)", screen.action_zoom),
            ("Narrower pane", "Narrow the focused pane (<)", partial(screen.action_resize, -4)),
            ("Wider pane", "Widen the focused pane (>)", partial(screen.action_resize, 4)),
        ):
            yield SystemCommand(title, help, action)
        for key, pane, name in (
            ("1", "articles", "article list"),
            ("2", "events", "events pane"),
            ("3", "related", "related pane"),
        ):
            yield SystemCommand(
                f"Toggle {name}",
                f"Collapse or show the {name} ({key})",
                partial(screen.action_toggle_pane, pane),
            )


def run(db: Path, paths: list[Path]) -> int:
    """Open the app on the index at ``db``, indexing ``paths`` in the background."""
    app = BriefingApp(db, paths)
    app.run()
    return app.return_code or 0
