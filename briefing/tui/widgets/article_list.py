"""The article list pane: every indexed article, sortable and filterable."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

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
        Binding("F", "filter", "Filter", id="filter", tooltip="Filter the list by title or source"),
    ]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.articles: list[dict[str, Any]] = []
        self.sort = "date"
        self.descending = True
        self.pattern = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter title or source", id="article-filter", classes="hidden")
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
        rows = [
            a
            for a in self.articles
            if all(w in f"{a.get('title') or ''} {a.get('source') or ''}".casefold() for w in words)
        ]
        rows.sort(key=_key(self.sort), reverse=self.descending)
        self.table.set_rows(rows, keep=keep)
        label = f"Articles {len(rows)}" + (f"/{len(self.articles)}" if words else "")
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
        self.pattern = event.value
        self.refill()

    @on(Input.Submitted, "#article-filter")
    def _done(self, event: Input.Submitted) -> None:
        if not event.value:
            event.input.add_class("hidden")
        self.table.focus()

    def key_escape(self) -> None:
        box = self.query_one("#article-filter", Input)
        if box.has_focus or self.pattern:
            box.value = ""
            box.add_class("hidden")
            self.table.focus()
