"""The help screen: what the app does, and every key binding in effect (keymap included)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

HELP = Path(__file__).with_name("help.md")

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "backspace": "⌫",
}


def key_label(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def binding_rows(nodes: list[tuple[str, BindingsMap]]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every binding of these nodes, keys grouped per action."""
    rows: list[tuple[str, str, str]] = []
    for where, node in nodes:
        by_action: dict[tuple[str, str], list[str]] = {}
        for key, bindings in node.key_to_bindings.items():
            for b in bindings:
                if b.system or not b.description:
                    continue
                by_action.setdefault((b.action, b.description), []).append(key)
        for (_action, description), keys in by_action.items():
            rows.append((where, key_label(",".join(dict.fromkeys(keys))), description))
    return rows


def keys_table(nodes: list[tuple[str, BindingsMap]]) -> Content:
    """Every binding, grouped under where it works: keys in one column, what they do in the next."""
    rows = binding_rows(nodes)
    width = max((len(keys) for _, keys, _ in rows), default=0) + 3
    lines: list[Content] = []
    for where in dict.fromkeys(w for w, _, _ in rows):
        if lines:
            lines.append(Content(""))
        lines.append(Content(where.capitalize()).stylize("bold $accent"))
        for w, keys, does in rows:
            if w == where:
                lines.append(Content(f"  {keys:<{width}}").stylize("bold") + Content(does))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help-close"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("ctrl+d,pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("ctrl+u,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, nodes: list[tuple[str, BindingsMap]]):
        super().__init__()
        self.nodes = nodes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.read_text(encoding="utf-8"), open_links=False)
            yield Static(keys_table(self.nodes), id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        getattr(scroll, f"scroll_{where}")(animate=False)
