"""A virtual list of articles: two lines each (title; date · source · events), drawn line
by line so that ten thousand articles cost no more than the twenty on screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui import render

LINES = 2  # per article


class ArticleTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"article-table--row", "article-table--cursor"}
    DEFAULT_CSS = """
    ArticleTable { background: transparent; }
    ArticleTable > .article-table--cursor { background: $block-cursor-blurred-background; }
    ArticleTable:focus > .article-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    """
    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """The row under the cursor."""

    @dataclass
    class Highlighted(Message):
        table: ArticleTable
        article_id: str

        @property
        def control(self) -> ArticleTable:
            return self.table

    @dataclass
    class Selected(Message):
        table: ArticleTable
        article_id: str

        @property
        def control(self) -> ArticleTable:
            return self.table

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.rows: list[dict[str, Any]] = []

    # rows and cursor ------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]], keep: str | None = None) -> None:
        self.rows = rows
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) * LINES)
        ids = [r["id"] for r in rows]
        self.cursor = ids.index(keep) if keep in ids else 0
        self.refresh()

    @property
    def current_id(self) -> str | None:
        return self.rows[self.cursor]["id"] if 0 <= self.cursor < len(self.rows) else None

    def highlight_id(self, article_id: str | None) -> bool:
        for i, row in enumerate(self.rows):
            if row["id"] == article_id:
                if i != self.cursor:
                    self.cursor = i
                return True
        return False

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()
        if not self.rows:
            return
        self.scroll_to_region(Region(0, cursor * LINES, 1, LINES), animate=False, force=True)
        self.post_message(self.Highlighted(self, self.rows[cursor]["id"]))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.scrollable_content_region.height // LINES - 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def action_select(self) -> None:
        if self.current_id:
            self.post_message(self.Selected(self, self.current_id))

    def on_click(self, event) -> None:
        row = (event.y + int(self.scroll_y)) // LINES
        if 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain > 1:
                self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) * LINES)

    # drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        row, part = divmod(line, LINES)
        styles = ["article-table--row"] + (["article-table--cursor"] if row == self.cursor else [])
        style = self.get_visual_style(*styles)
        if row >= len(self.rows):
            return Strip.blank(width, style.rich_style)
        article = self.rows[row]
        if part == 0:
            content = render.plain(article.get("title") or article["id"])
        else:
            content = render.article_meta(article)
        content = content.truncate(max(0, width - 1), ellipsis=True, pad=True)
        strip = Strip(content.pad_left(1).render_segments(style))
        return strip.crop_extend(0, width, style.rich_style)
