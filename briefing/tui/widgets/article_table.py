"""A virtual list of articles: a title on one or two lines, then date · source · events,
drawn line by line so that ten thousand articles cost no more than the twenty on screen."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui import render

TITLE_LINES = 2  # at most; a longer title ends in an ellipsis


@lru_cache(maxsize=512)
def title_lines(title: str, width: int) -> tuple[Content, ...]:
    """A title wrapped to ``width`` on at most TITLE_LINES lines."""
    lines = render.plain(title).wrap(max(1, width)) or [Content()]
    if len(lines) > TITLE_LINES:
        rest = Content(" ").join(lines[TITLE_LINES - 1 :])
        lines = [*lines[: TITLE_LINES - 1], rest.truncate(width, ellipsis=True)]
    return tuple(lines)


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
        Binding("down,j", "move(1)", "Down", show=False, id="down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="up"),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False, id="page-down"),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("home,g", "jump(0)", "First", show=False, id="first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="last"),
        Binding("enter", "select", "Open", show=False, id="open"),
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
        self.starts: list[int] = [0]  # each row's first line, then the total
        self.laid_out_for = 0  # the width the rows were measured at

    # rows and cursor ------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]], keep: str | None = None) -> None:
        self.rows = rows
        self.lay_out()
        ids = [r["id"] for r in rows]
        self.cursor = ids.index(keep) if keep in ids else 0
        self.refresh()

    @property
    def text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2)  # a space either side

    def lay_out(self) -> None:
        """Measure every row at this width: a title that does not fit takes two lines."""
        width = self.laid_out_for = self.text_width
        starts, line = [], 0
        for row in self.rows:
            starts.append(line)
            title = render.clean(row.get("title") or row["id"], one_line=True)
            line += 2 if cell_len(title) > width else 1
            line += 1  # date · source · events
        self.starts = [*starts, line]
        self.virtual_size = Size(self.scrollable_content_region.width, line)

    def row_at(self, line: int) -> int:
        """The row that holds ``line`` (len(rows) past the end)."""
        return bisect_right(self.starts, line) - 1

    @property
    def current_id(self) -> str | None:
        return self.rows[self.cursor]["id"] if 0 <= self.cursor < len(self.rows) else None

    def highlight_id(self, article_id: str | None) -> bool:
        """Put the cursor on ``article_id`` without saying so: a move made by the program
        posts no Highlighted (answering one with one moved the cursor back and forth
        for ever when keys came faster than the handlers, issue 26)."""
        for i, row in enumerate(self.rows):
            if row["id"] == article_id:
                if i != self.cursor:
                    with self.prevent(self.Highlighted):
                        self.cursor = i
                return True
        return False

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()
        if not self.rows:
            return
        top, end = self.starts[cursor], self.starts[cursor + 1]
        self.scroll_to_region(Region(0, top, 1, end - top), animate=False, force=True)
        self.post_message(self.Highlighted(self, self.rows[cursor]["id"]))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        rows = self.scrollable_content_region.height * len(self.rows) // max(1, self.starts[-1])
        self.action_move(step * max(1, rows - 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where % len(self.rows)

    def action_select(self) -> None:
        if self.current_id:
            self.post_message(self.Selected(self, self.current_id))

    def on_click(self, event) -> None:
        row = self.row_at(event.y + int(self.scroll_y))
        if 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain > 1:
                self.action_select()

    def on_resize(self) -> None:
        if self.text_width != self.laid_out_for:
            self.lay_out()

    # drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        row = self.row_at(line)
        styles = ["article-table--row"] + (["article-table--cursor"] if row == self.cursor else [])
        style = self.get_visual_style(*styles)
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, style.rich_style)
        article, part = self.rows[row], line - self.starts[row]
        titles = title_lines(article.get("title") or article["id"], self.laid_out_for)
        if part < len(titles):
            content = titles[part]
        else:
            content = render.article_meta(article).truncate(self.laid_out_for, ellipsis=True)
        strip = Strip(content.pad_left(1).render_segments(style))
        return strip.crop_extend(0, width, style.rich_style)
