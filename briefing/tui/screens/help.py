"""The help screen: every key binding in effect (keymap included) with its id, the focused
pane's first; then what the app does."""

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


def binding_rows(nodes: list[tuple[str, BindingsMap]]) -> list[tuple[str, str, str, str]]:
    """(where, keys, what, binding id) for every binding of these nodes, keys grouped per
    action (id ``-`` where a binding has none: Textual's own)."""
    rows: list[tuple[str, str, str, str]] = []
    for where, node in nodes:
        found = [
            (key, b)
            for key, bindings in node.key_to_bindings.items()
            for b in bindings
            if not b.system and b.description
        ]
        first_id: dict[tuple[str, str], str] = {}  # a binding without an id joins one with
        for _key, b in found:
            if b.id:
                first_id.setdefault((b.action, b.description), b.id)
        by_action: dict[tuple[str, str, str], list[str]] = {}
        for key, b in found:
            ident = b.id or first_id.get((b.action, b.description), "-")
            by_action.setdefault((b.action, b.description, ident), []).append(key)
        for (_action, description, ident), keys in by_action.items():
            rows.append((where, key_label(",".join(dict.fromkeys(keys))), description, ident))
    return rows


def keys_table(nodes: list[tuple[str, BindingsMap]], focused: str | None = None) -> Content:
    """Every binding, grouped under where it works, the focused pane's first: keys, what
    they do, and the binding id that ``[keymap]`` in config.toml takes."""
    rows = binding_rows(nodes)
    places = list(dict.fromkeys(w for w, _, _, _ in rows))
    if focused in places:
        places.remove(focused)
        places.insert(0, focused)
    width = max((len(keys) for _, keys, _, _ in rows), default=0) + 3
    what = max((len(does) for _, _, does, _ in rows), default=0) + 3
    lines: list[Content] = [
        Content(
            "Keys in effect now, where the cursor is first. Change one in config.toml:"
        ).stylize("bold"),
        Content('[keymap] with binding id = keys, e.g. lookup = "ctrl+l".'),
    ]
    for where in places:
        lines.append(Content(""))
        title = f"Here: {where}" if where == focused else where.capitalize()
        lines.append(
            Content(title).stylize("bold $accent") + Content("   (binding id)").stylize("dim")
        )
        for w, keys, does, ident in rows:
            if w == where:
                lines.append(
                    Content(f"  {keys:<{width}}").stylize("bold")
                    + Content(f"{does:<{what}}")
                    + Content(ident).stylize("dim")
                )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help-close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="up"),
        Binding(
            "ctrl+d,pagedown,space", "scroll('page_down')", "Page down", show=False, id="page-down"
        ),
        Binding("ctrl+u,pageup", "scroll('page_up')", "Page up", show=False, id="page-up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="first"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="last"),
    ]

    def __init__(self, nodes: list[tuple[str, BindingsMap]], focused: str | None = None):
        super().__init__()
        self.nodes = nodes
        self.here = focused  # where the cursor was: its keys come first

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(keys_table(self.nodes, self.here), id="help-keys")
            yield Markdown(HELP.read_text(encoding="utf-8"), open_links=False)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        getattr(scroll, f"scroll_{where}")(animate=False)
