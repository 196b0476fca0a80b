"""The article pane: clean text with actors and places styled, the selected event's
sentence highlighted and scrolled into view, and find-in-article with ``n``/``N``."""

from __future__ import annotations

import re
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from briefing.tui import render


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text``; smart case (a capital letter makes it exact)."""
    if not query:
        return []
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    return [(m.start(), m.end()) for m in re.finditer(re.escape(query), text, flags)]


class ArticleBody(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="down"),
        Binding("k", "scroll_up", "Up", show=False, id="up"),
        Binding("g", "scroll_home", "Top", show=False, id="first"),
        Binding("G", "scroll_end", "Bottom", show=False, id="last"),
        Binding("space", "page_down", "Page down", show=False, id="page-down"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="article-text")


class ArticleView(Vertical):
    """One article. ``show`` loads it; ``select_event`` marks a span; ``find`` searches it."""

    ALLOW_MAXIMIZE = True  # z zooms the pane, not only the widget in it that has focus

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.article: dict[str, Any] | None = None
        self.mentions: list[dict[str, Any]] = []
        self.event_span: tuple[int, int] | None = None
        self.query = ""
        self.finds: list[tuple[int, int]] = []
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield ArticleBody(id="article-body")
        yield Input(
            placeholder="find in article (enter: done, n/N: next/previous)",
            id="find",
            classes="hidden",
        )

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    @property
    def text(self) -> str:
        return (self.article or {}).get("text") or ""

    def show(self, article: dict[str, Any] | None, mentions: list[dict[str, Any]]) -> None:
        self.article, self.mentions, self.event_span = article, mentions, None
        self.finds = find_all(self.text, self.query)
        self.current = None
        if article is None:
            self.border_title = "Article"
            self.border_subtitle = ""
        else:
            self.border_title = render.plain(article.get("title") or article["id"])
            meta = [
                article.get("date") or "undated",
                article.get("source") or "",
                f"{article.get('words', 0)} words",
            ]
            self.border_subtitle = render.plain(" · ".join(m for m in meta if m))
        self.redraw()
        self.body.scroll_home(animate=False)

    def select_event(self, span: tuple[int, int] | None) -> None:
        self.event_span = span
        self.redraw()
        if span:
            self.reveal(span[0])

    def redraw(self) -> None:
        content = render.article_text(
            self.text,
            mentions=self.mentions,
            event=self.event_span,
            finds=self.finds,
            current_find=self.current,
        )
        self.query_one("#article-text", Static).update(content if self.article else "")

    def reveal(self, offset: int) -> None:
        """Scroll so that the line holding ``offset`` is in view, a little below the top."""
        width = self.query_one("#article-text", Static).content_region.width
        if not width:
            self.call_after_refresh(self.reveal, offset)
            return
        line = render.line_of(self.text, offset, width)
        self.call_after_refresh(self._scroll_to_line, line)

    def _scroll_to_line(self, line: int) -> None:
        body = self.body
        height = body.scrollable_content_region.height
        if not (body.scroll_y <= line < body.scroll_y + height - 1):
            body.scroll_to(y=max(0, line - 2), animate=False)

    # find in article ------------------------------------------------------------------

    def action_find(self) -> None:
        box = self.query_one("#find", Input)
        box.remove_class("hidden")
        box.focus()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            event.input.add_class("hidden")
        self.body.focus()

    def key_escape(self) -> None:
        box = self.query_one("#find", Input)
        if box.has_focus:
            box.value = ""
            box.add_class("hidden")
            self.body.focus()

    def find(self, query: str) -> None:
        self.query = query
        self.finds = find_all(self.text, query)
        self.current = 0 if self.finds else None
        self.redraw()
        if self.finds:
            self.reveal(self.finds[0][0])
        self.border_subtitle = f"{len(self.finds)} found" if query else ""

    def next_find(self, step: int = 1) -> bool:
        if not self.finds:
            return False
        self.current = (
            ((self.current or 0) + step) % len(self.finds) if self.current is not None else 0
        )
        self.redraw()
        self.reveal(self.finds[self.current][0])
        self.border_subtitle = render.plain(f"{self.current + 1}/{len(self.finds)} “{self.query}”")
        return True
