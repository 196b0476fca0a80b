"""The export formats, one entry each: what the command line's ``--format`` and the app's
export dialog offer. A new format is one ``register(ExportFormat(...))``: a name, a label
for the dialog, a file suffix and a function that streams its text for a scope."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.export.scope import Scope
    from briefing.index.queries import Index

Stream = Callable[..., Iterator[str]]  # (index, scope, **options) -> text in parts


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # what --format takes
    label: str  # what the export dialog shows
    suffix: str  # of the file written, dot included
    stream: Stream
    options: tuple[str, ...] = ()  # keyword options it takes (e.g. the brief's title)
    markdown: bool = False  # the app previews it as rendered markdown, else as text


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    FORMATS[fmt.name] = fmt


def get(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown export format {name!r}; use one of {known}") from None


def stream(index: Index, scope: Scope, name: str = "md", **options: Any) -> Iterator[str]:
    fmt = get(name)
    return fmt.stream(index, scope, **{k: v for k, v in options.items() if k in fmt.options})


def _markdown(index: Index, scope: Scope, **options: Any) -> Iterator[str]:
    from briefing.export.markdown import stream_markdown

    return stream_markdown(index, scope, **options)


def _table(kind: str) -> Stream:
    def table(index: Index, scope: Scope) -> Iterator[str]:
        from briefing.export.tables import table_chunks

        return table_chunks(index, scope, kind)

    return table


def _geojson(index: Index, scope: Scope) -> Iterator[str]:
    from briefing.export.geojson import GeoJSON

    return iter(GeoJSON(index, scope))


register(
    ExportFormat("md", "Markdown briefing", ".md", _markdown, ("title", "today", "map_path"), True)
)
register(ExportFormat("csv", "CSV: one row per report", ".csv", _table("csv")))
register(ExportFormat("json", "JSON: an array of reports", ".json", _table("json")))
register(ExportFormat("jsonl", "JSON lines: one report a line", ".jsonl", _table("jsonl")))
register(ExportFormat("geojson", "GeoJSON: one point per placed event", ".geojson", _geojson))
