"""The export screen: what the briefing covers, in which format, where it goes, and a
live preview.

The export is rendered by the export part of the project (``briefing.export.render``; the
formats offered are the entries of ``briefing.export.formats.FORMATS``) in a worker on its
own connection, shown by Textual's Markdown widget with links inert (a table as text),
and written atomically into the export folder (``briefing paths``); an existing file is
only replaced after the analyst confirms. Once written, the dialog shows the path, with
keys to open the file or its folder.
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
from textual.widgets import Button, Checkbox, Footer, Input, Label, Markdown, Select, Static

from briefing import paths
from briefing.export.formats import FORMATS
from briefing.tui import render

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

FIELDS = (("actor", "actor (name)"), ("place", "place (name)"), ("since", "since yyyy-mm-dd"),
          ("until", "until yyyy-mm-dd"), ("articles", "article ids, comma separated"))  # fmt: skip


PREVIEW_LINES = 200  # of a table


def preview(text: str, fmt: str = "md") -> str:
    """The export as the Markdown widget should show it: a brief's YAML front matter as a
    code block (the widget would draw it as a rule and a run-on paragraph); a table as a
    code block of its first lines."""
    if not FORMATS[fmt].markdown:
        lines = text.splitlines()
        more = (
            f"\n… {len(lines) - PREVIEW_LINES:,} more lines" if len(lines) > PREVIEW_LINES else ""
        )
        shown = "\n".join(lines[:PREVIEW_LINES]).replace("```", "``\u200b`")
        return f"```{fmt}\n{shown}\n```{more}\n"
    if text.startswith("---\n") and (end := text.find("\n---\n", 4)) > 0:
        return f"```yaml\n{text[4:end]}\n```\n{text[end + 5 :]}"
    return text


def default_target(fmt: str = "md") -> Path:
    """In the export folder (never the current directory, which may be a git checkout)."""
    return paths.export_dir() / f"briefing-{dt.date.today().isoformat()}{FORMATS[fmt].suffix}"


def open_path(path: Path) -> bool:
    """Open a file or folder with the desktop's opener; False if there is none."""
    import os
    import shutil
    import subprocess
    import sys

    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
        return True
    opener = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
    if not opener:
        return False
    subprocess.Popen(  # noqa: S603
        [opener, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return True


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
        Binding("ctrl+s", "write", "Write", id="export-write", tooltip="Write the export file"),
        Binding("escape", "close", "Cancel", id="export-cancel"),
        Binding("ctrl+o", "open_written", "Open file", id="export-open", tooltip="Open it"),
        Binding("ctrl+f", "open_folder", "Open folder", id="export-folder", tooltip="Its folder"),
    ]

    def __init__(
        self, *, marked: bool, articles: list[str] | None = None, target: Path | None = None
    ):
        super().__init__()
        self.marked = marked
        self.articles = articles or []
        self.fmt = "md"
        self.target = target or default_target()
        self.text = ""
        self.written: Path | None = None

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
                yield Select(
                    [(f.label, f.name) for f in FORMATS.values()],
                    value=self.fmt,
                    allow_blank=False,
                    id="export-format",
                )
                yield Label(" write to ")
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
        self.render_brief(self.scope_args(), self.fmt)

    @on(Select.Changed, "#export-format")
    def _format_chosen(self, message: Select.Changed) -> None:
        if not isinstance(message.value, str) or message.value == self.fmt:
            return
        self.fmt = message.value
        box = self.query_one("#export-file", Input)
        current = Path(box.value.strip() or self.target)
        box.value = str(current.with_suffix(FORMATS[self.fmt].suffix))
        self.refresh_preview()

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def render_brief(self, args: dict[str, Any], fmt: str = "md") -> None:
        try:
            text = self.app.library.export(fmt, **args)
            status = f"{FORMATS[fmt].label}: {text.count(chr(10)) + 1} lines"
        except ValueError as exc:  # ScopeError: a name or date that does not resolve
            text, status = "", str(exc)
        self.app.call_from_thread(self.show_brief, text, status, fmt)

    async def show_brief(self, text: str, status: str, fmt: str = "md") -> None:
        if fmt != self.fmt:
            return  # the format changed meanwhile: its own preview follows
        self.text = text
        self.query_one("#export-status", Static).update(render.plain(status))
        await self.query_one("#export-markdown", Markdown).update(preview(text, fmt))

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
        self.written = written
        self.query_one("#export-status", Static).update(
            render.plain(f"wrote {written} · ctrl+o opens it, ctrl+f its folder, esc closes")
        )
        self.notify(render.clean(f"wrote {written}"), markup=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_written", "open_folder"):
            return self.written is not None
        return True

    def action_close(self) -> None:
        self.dismiss(self.written)

    def action_open_written(self) -> None:
        self._open(self.written)

    def action_open_folder(self) -> None:
        self._open(self.written.parent if self.written else None)

    def _open(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            opened = open_path(path)
        except OSError as exc:
            opened, why = False, str(exc)
        else:
            why = "no program to open files with (xdg-open)"
        if opened:
            self.notify(render.clean(f"opened {path}"), markup=False)
        else:
            self.notify(render.clean(f"{why}: {path}"), severity="warning", markup=False)
