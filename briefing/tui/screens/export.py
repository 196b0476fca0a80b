"""The export screen: what the briefing covers, where it goes, and a live preview.

The brief is rendered by the export part of the project (``render_markdown``) in a
worker on its own connection, shown by Textual's Markdown widget with links inert, and
written atomically; an existing file is only replaced after the analyst confirms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Markdown, Static

from briefing.tui import render

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

FIELDS = (("actor", "actor (name)"), ("place", "place (name)"), ("since", "since yyyy-mm-dd"),
          ("until", "until yyyy-mm-dd"), ("articles", "article ids, comma separated"))  # fmt: skip


def preview(text: str) -> str:
    """The brief as the Markdown widget should show it: its YAML front matter as a code
    block (the widget would draw it as a rule and a run-on paragraph)."""
    if text.startswith("---\n") and (end := text.find("\n---\n", 4)) > 0:
        return f"```yaml\n{text[4:end]}\n```\n{text[end + 5 :]}"
    return text


def default_target() -> Path:
    return Path.cwd() / f"briefing-{dt.date.today().isoformat()}.md"


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "dismiss(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(render.plain(self.question))
            with Horizontal():
                yield Button("Replace (y)", id="yes", variant="warning")
                yield Button("Keep (n)", id="no")

    @on(Button.Pressed)
    def _pressed(self, message: Button.Pressed) -> None:
        self.dismiss(message.button.id == "yes")


class ExportScreen(ModalScreen[Path | None]):
    """Returns the path written, or None."""

    app: BriefingApp

    BINDINGS = [
        Binding("ctrl+s", "write", "Write", id="export-write", tooltip="Write the briefing file"),
        Binding("escape", "dismiss(None)", "Cancel", id="export-cancel"),
    ]

    def __init__(
        self, *, marked: bool, articles: list[str] | None = None, target: Path | None = None
    ):
        super().__init__()
        self.marked = marked
        self.articles = articles or []
        self.target = target or default_target()
        self.text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            with Grid(id="export-scope"):
                for name, placeholder in FIELDS:
                    value = ",".join(self.articles) if name == "articles" else ""
                    yield Input(
                        value=value, placeholder=placeholder, id=f"scope-{name}", classes="scope"
                    )
                yield Checkbox("marked entries", self.marked, id="scope-marked")
            with Horizontal(id="export-target"):
                yield Label("write to ")
                yield Input(str(self.target), id="export-file")
                yield Button("Write ^s", id="export-write", variant="primary")
            yield Static(id="export-status")
            with VerticalScroll(id="export-preview"):
                yield Markdown(open_links=False, id="export-markdown")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#export-preview").border_title = "Preview"
        self.query_one("#scope-actor", Input).focus()
        self.refresh_preview()

    def scope_args(self) -> dict[str, Any]:
        value = {name: self.query_one(f"#scope-{name}", Input).value.strip() for name, _ in FIELDS}
        return {
            "actor": value["actor"] or None,
            "place": value["place"] or None,
            "since": value["since"] or None,
            "until": value["until"] or None,
            "articles": [a.strip() for a in value["articles"].split(",") if a.strip()],
            "marked": self.query_one("#scope-marked", Checkbox).value,
        }

    @on(Input.Changed, ".scope")
    @on(Checkbox.Changed)
    def refresh_preview(self) -> None:
        self.render_brief(self.scope_args())

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def render_brief(self, args: dict[str, Any]) -> None:
        try:
            text = self.app.library.brief(**args)
            status = f"{text.count(chr(10)) + 1} lines"
        except ValueError as exc:  # ScopeError: a name or date that does not resolve
            text, status = "", str(exc)
        self.app.call_from_thread(self.show_brief, text, status)

    async def show_brief(self, text: str, status: str) -> None:
        self.text = text
        self.query_one("#export-status", Static).update(render.plain(status))
        await self.query_one("#export-markdown", Markdown).update(preview(text))

    @on(Input.Submitted, "#export-file")
    @on(Button.Pressed, "#export-write")
    def action_write(self) -> None:
        if not self.text:
            self.notify("nothing to write: the scope is empty or invalid", severity="warning")
            return
        target = Path(
            self.query_one("#export-file", Input).value.strip() or self.target
        ).expanduser()
        if target.exists() and not target.is_dir():

            def confirmed(replace: bool | None) -> None:
                if replace:
                    self.write(target, overwrite=True)

            self.app.push_screen(ConfirmScreen(f"{target} exists. Replace it?"), confirmed)
            return
        self.write(target, overwrite=False)

    def write(self, target: Path, *, overwrite: bool) -> None:
        try:
            written = self.app.library.write_brief(target, self.text, overwrite=overwrite)
        except OSError as exc:
            self.query_one("#export-status", Static).update(render.plain(str(exc), "$error"))
            return
        self.notify(render.clean(f"wrote {written}"), markup=False)
        self.dismiss(written)
