"""A list of entries moved through with vim keys or arrows (the base of every pane list)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Picker(OptionList):
    """An ``OptionList`` that never parses markup; entries are ``Content`` from render.py."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
        Binding("ctrl+d", "page_down", "Page down", show=False, id="page-down"),
        Binding("ctrl+u", "page_up", "Page up", show=False, id="page-up"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes, markup=False)

    def fill(self, rows: Iterable[Option | None], keep: str | None = None) -> None:
        """Replace the entries, keeping the cursor on the entry ``keep`` (an option id) if present."""
        self.set_options(list(rows))
        self.highlight_id(keep)

    def highlight_id(self, option_id: str | None) -> bool:
        if option_id is not None:
            try:
                self.highlighted = self.get_option_index(option_id)
                return True
            except Exception:  # OptionDoesNotExist
                pass
        for i, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = i
                return False
        self.highlighted = None
        return False

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    @staticmethod
    def heading(text: str) -> Option:
        """A group heading inside the list (not selectable)."""
        return Option(Content(text).stylize("bold $text-muted"), disabled=True)
