"""The help screen: what the app does, and every key binding in effect (keymap included)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

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


def bindings_markdown(nodes: list[tuple[str, BindingsMap]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("`", "'")

    lines = ["| Where | Keys | Does |", "| --- | --- | --- |"]
    lines += [f"| {w} | `{cell(k)}` | {cell(d)} |" for w, k, d in binding_rows(nodes)]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help-close"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, nodes: list[tuple[str, BindingsMap]]):
        super().__init__()
        self.nodes = nodes

    def compose(self) -> ComposeResult:
        text = HELP.read_text(encoding="utf-8") + "\n\n" + bindings_markdown(self.nodes)
        with VerticalScroll(id="help"):
            yield Markdown(text, open_links=False)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        scroll.scroll_down() if direction == "down" else scroll.scroll_up()
