"""The article list pane: every indexed article, sortable and filterable.

``F`` opens its filter box. Plain words match titles and sources as they are typed;
``key:value`` words (``place:Aleppo actor:"Islamic State" since:2w``) are the filter the
map and the overview share (``briefing.index.filters``): on enter, the list keeps the
articles that report an event in it, and the map and the overview follow. A filter set on
the map or the overview shows in the box when the list is seen again (``follow``)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from briefing.index.filters import Filter, FilterError, split
from briefing.tui import render
from briefing.tui.widgets.article_table import ArticleTable

SORTS = ("date", "title", "source", "events")


def _key(sort: str):
    if sort == "events":
        return lambda a: (-(a.get("events") or 0), a.get("date") or "")
    if sort == "date":
        return lambda a: (a.get("date") or "", a.get("id"))
    return lambda a: ((a.get(sort) or "").casefold(), a.get("id"))


class ArticleList(Vertical):
    """Articles (title; date · source · events). ``s`` cycles the sort, ``F`` filters."""

    ALLOW_MAXIMIZE = True  # z zooms the pane, not only the widget in it that has focus

    BINDINGS = [
        Binding("s", "sort", "Sort", id="sort", tooltip="Sort by date, title, source or events"),
        Binding("S", "reverse", "Reverse", show=False, id="reverse-sort"),
        Binding(
            "F",
            "filter",
            "Filter",
            id="filter",
            tooltip="Filter the list: words of titles or sources, and key:value as on the map",
        ),
    ]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.articles: list[dict[str, Any]] = []
        self.sort = "date"
        self.descending = True
        self.pattern = ""
        self.shared = Filter()  # the key:value part in force (the app's filter)
        self.only: set[str] | None = None  # the articles with events in it (None: all)

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="title or source words, or place:Aleppo since:2w type:ASSAULT",
            id="article-filter",
            classes="hidden",
        )
        yield ArticleTable(id="article-table")

    @property
    def table(self) -> ArticleTable:
        return self.query_one(ArticleTable)

    def show(self, articles: list[dict[str, Any]], keep: str | None = None) -> None:
        self.articles = articles
        self.refill(keep)

    def refill(self, keep: str | None = None) -> None:
        keep = keep or self.table.current_id
        words = self.pattern.casefold().split()
        only = self.only
        rows = [
            a
            for a in self.articles
            if (only is None or a.get("id") in only)
            and all(
                w in f"{a.get('title') or ''} {a.get('source') or ''}".casefold() for w in words
            )
        ]
        rows.sort(key=_key(self.sort), reverse=self.descending)
        self.table.set_rows(rows, keep=keep)
        narrowed = words or only is not None
        label = f"Articles {len(rows)}" + (f"/{len(self.articles)}" if narrowed else "")
        self.border_title = f"{label} · {self.sort}{' ↓' if self.descending else ' ↑'}"

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.descending = self.sort in ("date", "events")
        self.refill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refill()

    def action_filter(self) -> None:
        box = self.query_one("#article-filter", Input)
        box.remove_class("hidden")
        box.focus()

    @on(Input.Changed, "#article-filter")
    def _filter(self, event: Input.Changed) -> None:
        try:
            free = split(event.value)[1]
        except FilterError:  # half-typed: plain words only
            free = [w for w in event.value.split() if ":" not in w and '"' not in w]
        self.pattern = " ".join(free)
        self.refill()

    @on(Input.Submitted, "#article-filter")
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            flt = split(event.value)[0]
            resolved = self.app.library.resolve_filter(flt) if flt else None
        except FilterError as exc:
            self.notify(render.clean(str(exc)), title="Filter", severity="error", markup=False)
            return  # the box keeps the text, to be corrected
        if resolved is not None and resolved.notes:
            self.notify(render.clean("; ".join(resolved.notes)), title="Filter", markup=False)
        self.app.filter = flt
        self._narrow(flt, resolved.query() if resolved else None)
        if not event.value:
            event.input.add_class("hidden")
        self.table.focus()

    def follow(self, flt: Filter) -> None:
        """Show the app's filter (set on the map or the overview) and narrow to it."""
        if flt == self.shared:
            return
        try:
            query = self.app.library.resolve_filter(flt).query() if flt else None
        except FilterError:
            query = None
        box = self.query_one("#article-filter", Input)
        box.value = " ".join(p for p in (flt.text(), self.pattern) if p)
        box.set_class(not box.value, "hidden")
        self._narrow(flt, query)

    def _narrow(self, flt: Filter, query: dict[str, Any] | None) -> None:
        self.shared = flt
        if query is None:
            self.only = None
            self.refill()
            return
        self.run_worker(
            lambda: self._read_only(query), thread=True, exclusive=True, group="article-filter"
        )

    def _read_only(self, query: dict[str, Any]) -> None:
        ids = self.app.library.articles_in(query)
        self.app.call_from_thread(self._show_only, ids)

    def _show_only(self, ids: set[str]) -> None:
        self.only = ids
        self.refill()

    def key_escape(self) -> None:
        box = self.query_one("#article-filter", Input)
        if box.has_focus or self.pattern or self.shared:
            box.value = ""
            box.add_class("hidden")
            if self.shared:  # the list, the map and the overview show everything again
                self.app.filter = Filter()
                self._narrow(Filter(), None)
            self.table.focus()
