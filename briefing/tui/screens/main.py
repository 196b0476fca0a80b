"""The main screen: the article list and three panes side by side (article, events,
related), kept in step: moving the cursor in one pane updates the others."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, ProgressBar, Static

from briefing.tui import render
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_table import ArticleTable
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.event_list import EventList
from briefing.tui.widgets.marks_list import MarksList
from briefing.tui.widgets.related_list import RelatedList, event_label

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

FIRST_RUN = (
    "Five sample articles. Add yours: `briefing PATH` (files, folders, .jsonl) or"
    " `briefing feeds add URL`; `briefing remove --seeds` drops these."
)
PANES = ("article-table", "article-body", "events", "related", "marks")
NARROW = 100  # below this many columns the article list starts collapsed


def only_seeds(articles: list[dict[str, Any]]) -> bool:
    """Nothing indexed but the bundled seeds (or nothing at all): a first run."""
    from briefing import paths

    seeds = str(paths.bundled("seeds"))
    return all((a.get("path") or "").startswith(seeds) for a in articles)


class MainScreen(Screen):
    app: BriefingApp

    BINDINGS = [
        Binding("h", "pane(-1)", "Left pane", show=False, id="pane-left"),
        Binding("l", "pane(1)", "Right pane", show=False, id="pane-right"),
        Binding(
            "p", "profile", "Profile", id="profile", tooltip="Profile of an actor or place here"
        ),
        Binding("m", "mark", "Mark", id="mark", tooltip="Mark the selected entry for the briefing"),
        Binding("M", "toggle_marks", "Marks", show=False, id="toggle-marks"),
        Binding(
            "e", "export", "Export", id="export", tooltip="Write a briefing of the marked entries"
        ),
        Binding("f", "find", "Find", id="find", tooltip="Find in this article"),
        Binding(
            "o", "open_url", "Open", id="open-url", tooltip="Open the article's URL in the browser"
        ),
        Binding("n", "find_next(1)", "Next find", show=False, id="find-next"),
        Binding("N", "find_next(-1)", "Previous find", show=False, id="find-previous"),
        Binding("1", "toggle_pane('articles')", "Article list", show=False, id="toggle-articles"),
        Binding("2", "toggle_pane('events')", "Events pane", show=False, id="toggle-events"),
        Binding("3", "toggle_pane('related')", "Related pane", show=False, id="toggle-related"),
        Binding("z", "zoom", "Zoom pane", show=False, id="zoom"),
        Binding("less_than_sign", "resize(-4)", "Narrower", show=False, id="narrower"),
        Binding("greater_than_sign", "resize(4)", "Wider", show=False, id="wider"),
    ]

    def __init__(self) -> None:
        super().__init__(id="main")
        self.article_id: str | None = None
        self.event_id: str | None = None
        self.remembered: dict[str, str] = {}  # article id -> last selected event
        self.events: dict[str, dict[str, Any]] = {}
        self.narrow = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="article")
            with Vertical(id="side"):
                yield EventList(id="events")
                yield RelatedList(id="related")
            yield MarksList(id="marks", classes="hidden")
        yield Static(FIRST_RUN, id="first-run", classes="hidden", markup=False)
        with Horizontal(id="indexing", classes="hidden"):
            yield Static(id="indexing-label")
            yield ProgressBar(id="indexing-bar", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW
        self.query_one("#articles").set_class(self.narrow, "collapsed")
        self.reload()
        self._focus(
            "article-body" if self._hidden(self.query_one("#articles")) else "article-table"
        )

    def on_screen_resume(self) -> None:
        """The map or the overview may have changed the shared filter: the list follows."""
        self.query_one(ArticleList).follow(self.app.filter)

    def on_resize(self, event: events.Resize) -> None:
        """The article list folds away when the terminal narrows (``1`` brings it back) and
        comes back when it widens again."""
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self.query_one("#articles").set_class(narrow, "collapsed")
            if self.focused is not None and self._hidden(self.focused):
                self._focus("article-body")

    # loading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def reload(self) -> None:
        """(Re)read the article list, keeping the cursor where it was; the screen is
        painted first and the list arrives when read (a 10,000-article index takes ~0.2 s)."""
        articles = self.app.library.articles()
        self.app.call_from_thread(self.show_articles, articles)

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def refresh_list(self) -> None:
        """Read the article list again while an index runs: the list grows, and the article
        being read stays as it is (no reload of its panes)."""
        articles = self.app.library.articles()
        self.app.call_from_thread(self.grow_list, articles)

    def grow_list(self, articles: list[dict[str, Any]]) -> None:
        self.query_one(ArticleList).show(articles, keep=self.article_id)
        if self.article_id is None and articles:
            self.open_article(self.query_one(ArticleTable).current_id)
        self.query_one("#first-run").set_class(not only_seeds(articles), "hidden")

    def show_articles(self, articles: list[dict[str, Any]]) -> None:
        self.query_one(ArticleList).show(articles, keep=self.article_id)
        if self.article_id is None and articles:
            first = self.query_one(ArticleTable).current_id
            self.open_article(first)
        elif self.article_id is not None:
            self.open_article(self.article_id, self.event_id, force=True)
        self.query_one(MarksList).show(self.app.library.marks())
        self.query_one("#first-run").set_class(not only_seeds(articles), "hidden")
        if not articles:
            self.query_one(ArticleView).show(None, [])

    def open_article(
        self, article_id: str | None, event_id: str | None = None, *, force: bool = False
    ) -> None:
        """Show an article in the panes, with one of its events selected."""
        if article_id is None:
            return
        if article_id == self.article_id and not force:
            if event_id and event_id != self.event_id:
                self.query_one(EventList).highlight_id(event_id)
                self.select_event(event_id)
            return
        library = self.app.library
        article = library.article(article_id)
        if article is None:
            return
        self.article_id = article_id
        self.article_title = article.get("title") or article_id
        self.app.run_worker(
            partial(library.mark_read, article_id), thread=True, group="read", exit_on_error=False
        )  # off the UI thread: an update may be writing
        self.query_one(ArticleTable).highlight_id(article_id)
        self.query_one(ArticleView).show(article, library.mentions(article_id))
        events = library.events(article_id)
        self.events = {e["event_id"]: e for e in events}
        chosen = event_id if event_id in self.events else self.remembered.get(article_id)
        event_list = self.query_one(EventList)
        event_list.show(events, keep=chosen)
        self.select_event(event_list.current_id if events else None)

    def select_event(self, event_id: str | None) -> None:
        event = self.events.get(event_id or "")
        self.event_id = event["event_id"] if event else None
        view = self.query_one(ArticleView)
        if event:
            self.remembered[self.article_id or ""] = event["event_id"]
            view.select_event((event["start"], event["end"]))
        else:
            view.select_event(None)
        self.load_related(self.article_id, self.event_id)

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def load_related(self, article_id: str | None, event_id: str | None) -> None:
        library = self.app.library
        items, about, name = None, "", ""
        if event_id and (event := self.events.get(event_id)):
            items, about, name = library.related("event", event_id), "event", event_label(event)
        if not items and article_id:
            items, about = library.related("article", article_id), "article"
            name = getattr(self, "article_title", "") if article_id == self.article_id else ""
        self.app.call_from_thread(self.query_one(RelatedList).show, items, about, name)

    # cursor moves in one pane update the others ----------------------------------------

    @on(ArticleTable.Highlighted)
    def _article_highlighted(self, message: ArticleTable.Highlighted) -> None:
        if message.article_id != message.table.current_id:
            return  # stale: the cursor moved on (a key held down) and a later one follows
        self.open_article(message.article_id)

    @on(OptionList.OptionHighlighted, "#events")
    def _event_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option.id != self.event_id:
            self.select_event(message.option.id)

    @on(ArticleTable.Selected)
    def _article_chosen(self, message: ArticleTable.Selected) -> None:
        self.open_article(message.article_id)
        self._focus("events" if self.events else "article-body")

    @on(OptionList.OptionSelected, "#events")
    def _event_chosen(self, message: OptionList.OptionSelected) -> None:
        self.select_event(message.option.id)
        self._focus("article-body")

    @on(OptionList.OptionSelected, "#related")
    def _related_chosen(self, message: OptionList.OptionSelected) -> None:
        if item := self.query_one(RelatedList).current:
            self.app.go(item["kind"], item["id"])

    @on(OptionList.OptionSelected, "#marks")
    def _mark_chosen(self, message: OptionList.OptionSelected) -> None:
        if item := self.query_one(MarksList).current:
            self.app.go(item["kind"], item["id"])

    # where the cursor is, for history -------------------------------------------------

    def location(self) -> tuple[str, str | None, str | None]:
        return ("main", self.article_id, self.event_id)

    def selected(self) -> tuple[str, str] | None:
        """The entry the focused pane points at, as (kind, id)."""
        focused = self.focused.id if self.focused else None
        if focused == "events" and self.event_id:
            return ("event", self.event_id)
        if focused == "related" and (item := self.query_one(RelatedList).current):
            return (item["kind"], item["id"])
        if focused == "marks" and (item := self.query_one(MarksList).current):
            return (item["kind"], item["id"])
        return ("article", self.article_id) if self.article_id else None

    # actions --------------------------------------------------------------------------

    def _focus(self, pane: str) -> None:
        widget = self.query_one(f"#{pane}")
        if widget.display and not self._hidden(widget):
            widget.focus()

    def _hidden(self, widget: Widget) -> bool:
        return any(
            node.has_class("collapsed") or node.has_class("hidden")
            for node in widget.ancestors_with_self
            if isinstance(node, Widget)
        )

    def action_pane(self, step: int) -> None:
        visible = [p for p in PANES if not self._hidden(self.query_one(f"#{p}"))]
        if not visible:
            return
        current = self.focused.id if self.focused else None
        i = visible.index(current) if current in visible else -step
        self.query_one(f"#{visible[(i + step) % len(visible)]}").focus()

    def action_toggle_pane(self, name: str) -> None:
        pane = self.query_one(f"#{name}")
        pane.toggle_class("collapsed")
        side = [self.query_one(f"#{p}") for p in ("events", "related")]
        self.query_one("#side").set_class(all(p.has_class("collapsed") for p in side), "collapsed")
        if pane.has_class("collapsed") and self.focused and self._hidden(self.focused):
            self.action_pane(1)
        elif not pane.has_class("collapsed"):
            self._focus({"articles": "article-table"}.get(name, name))

    def action_toggle_marks(self) -> None:
        marks = self.query_one(MarksList)
        marks.toggle_class("hidden")
        if not marks.has_class("hidden"):
            marks.show(self.app.library.marks())
            marks.focus()
        elif marks.has_focus:
            self.action_pane(-1)

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            target = self.focused
            for node in self.focused.ancestors_with_self:
                if node.id in ("articles", "article"):
                    target = node
            self.maximize(target, container=False)

    def action_resize(self, step: int) -> None:
        """Widen or narrow the pane that has focus (article list or the events/related column)."""
        focused = self.focused
        if focused is None:
            return
        column = next(
            (n for n in focused.ancestors_with_self if n.id in ("articles", "side", "marks")), None
        )
        if column is None:  # the article takes what is left: change the side column instead
            column, step = self.query_one("#side"), -step
        width = max(16, min(column.outer_size.width + step, self.size.width - 30))
        column.styles.width = column.styles.max_width = width  # past the stylesheet's limits

    def action_open_url(self) -> None:
        article = self.app.library.article(self.article_id) if self.article_id else None
        url = (article or {}).get("url") or ""
        if not url.startswith(("http://", "https://")):
            self.notify("this article has no web address", severity="warning")
            return
        if _browser_opens(url):
            self.notify(render.clean(f"opened {url}"), markup=False)
        else:  # a terminal with no browser to hand it to: the address, to paste elsewhere
            self.app.copy_to_clipboard(url)
            self.notify(
                render.clean(f"no web browser here; the address is copied: {url}"),
                markup=False,
                severity="warning",
            )

    def action_find(self) -> None:
        self.query_one(ArticleView).action_find()

    def action_find_next(self, step: int) -> None:
        view = self.query_one(ArticleView)
        if not view.next_find(step):
            view.action_find()

    def action_mark(self) -> None:
        selected = self.selected()
        if selected is None:
            return
        kind, id = selected
        now = self.app.library.toggle_mark(kind, id)
        self.query_one(MarksList).show(self.app.library.marks())
        name = self.app.library.name_of(kind, id)
        self.notify(render.clean(f"{'marked' if now else 'unmarked'} {kind}: {name}"), markup=False)

    def action_export(self) -> None:
        self.app.action_export()

    def action_profile(self) -> None:
        """Choose one of the actors and places of the selected event (or the article)."""
        from briefing.tui.screens.pick import EntityPicker

        entities: list[dict[str, Any]] = []
        event = self.events.get(self.event_id or "")
        if event:
            for role, people in (("actor", event.get("actors")), ("target", event.get("targets")),
                                 ("place", event.get("locations"))):  # fmt: skip
                entities += [{**p, "role": role} for p in people or [] if p.get("id")]
        seen = {e["id"] for e in entities}
        if self.article_id:
            for m in self.app.library.mentions(self.article_id):
                if m["id"] not in seen:
                    seen.add(m["id"])
                    entities.append({"id": m["id"], "name": m["name"], "role": m["kind"]})
        if not entities:
            self.notify("no actors or places here", severity="warning")
            return

        def chosen(entity_id: str | None) -> None:
            if entity_id:
                self.app.go("entity", entity_id)

        self.app.push_screen(EntityPicker(entities), chosen)


# Browsers that run in the terminal: started from the app, they would draw over it.
TEXT_BROWSERS = frozenset({"www-browser", "links", "elinks", "lynx", "w3m", "browsh"})


def _browser_opens(url: str) -> bool:
    """Hand ``url`` to the desktop's web browser; False when there is none to hand it to
    (a server, a container) or the only one runs in this terminal."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    name = getattr(browser, "name", "") or ""
    in_terminal = isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    )  # run and waited for, as text browsers are
    if in_terminal and name.rsplit("/", 1)[-1] in TEXT_BROWSERS:
        return False
    try:
        return bool(browser.open(url))
    except OSError:
        return False
