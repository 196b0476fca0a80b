"""Export: a markdown briefing, or the events as a JSON/CSV table, for a chosen scope.

The public API, for the app and the command line alike::

    scope = build_scope(index, actor="Kataib Hezbollah", since="2021-01")
    text = render_markdown(index, scope, title="Kataib Hezbollah strikes")
    table = render_table(index, scope, "csv")
    write_atomic(path, text, overwrite=confirmed)
    write_atomic(path, stream(index, scope, "csv"))  # a part at a time: little memory

``ScopeError`` (a name or date that cannot be used) and ``ExportTargetError`` (a target
that cannot be written; nothing was changed) carry messages to show the analyst as they are;
``ExportTargetExists``, a kind of ExportTargetError, is the one to answer with "overwrite?".
Marks (``briefing.marks``) are what ``build_scope(…, marked=True)`` adds.
"""

from collections.abc import Iterator

from briefing.export.atomic import (
    ExportTargetError,
    ExportTargetExists,
    check_target,
    write_atomic,
)
from briefing.export.formats import FORMATS as _TABLE
from briefing.export.formats import ExportFormat, register
from briefing.export.markdown import compose, render_markdown, stream_markdown
from briefing.export.scope import (
    Scope,
    ScopeError,
    build_scope,
    gather,
    parse_date,
    scope_events,
)
from briefing.export.tables import COLUMNS, event_rows, render_table, table_chunks

FORMATS = tuple(_TABLE)  # the names; briefing.export.formats.FORMATS has each entry


def render(index, scope: Scope, fmt: str = "md", **options) -> str:
    """The export text in ``fmt`` (a name in ``briefing.export.formats.FORMATS``: ``md``,
    ``csv``, ``json``, ``jsonl``, ``geojson``); options (the brief's ``title``, its
    ``map_path``) go to the format."""
    return "".join(stream(index, scope, fmt, **options))


def stream(index, scope: Scope, fmt: str = "md", **options) -> Iterator[str]:
    """``render``'s text in parts, to write as they come (little memory whatever the
    size of the scope)."""
    from briefing.export.formats import stream as by_format

    yield from by_format(index, scope, fmt, **options)


__all__ = [
    "COLUMNS",
    "FORMATS",
    "ExportFormat",
    "register",
    "ExportTargetError",
    "ExportTargetExists",
    "Scope",
    "ScopeError",
    "build_scope",
    "check_target",
    "compose",
    "event_rows",
    "gather",
    "parse_date",
    "render",
    "render_markdown",
    "render_table",
    "scope_events",
    "stream",
    "stream_markdown",
    "table_chunks",
    "write_atomic",
]
