"""Parquet collections: a table whose rows are records with JSONL's fields (``id``,
``title``, ``text``, ``date``, ``source``, ``url``), read a row group at a time, locally
or from any storage fsspec reads (``s3://``, ``gs://``, ``memory://``, ...).

pyarrow comes with the ``scale`` extra (``pip install briefing[scale]``); without it a
Parquet file is reported as a problem, like any file that cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Columns read: the others (embeddings, raw HTML, ...) are never loaded.
COLUMNS = ("id", "title", "headline", "text", "content", "body", "date", "published",
           "source", "outlet", "url")  # fmt: skip


class Unreadable(ValueError):
    """The file is no Parquet table pyarrow can read, or pyarrow is not installed."""


def _open(source: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise Unreadable("reading Parquet needs pyarrow: pip install 'briefing[scale]'") from exc
    try:
        if "://" in source:
            import fsspec

            return pq.ParquetFile(fsspec.open(source, "rb").open())
        return pq.ParquetFile(source)
    except Unreadable:
        raise
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for a bad file
        raise Unreadable(f"not a readable Parquet file: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def row_groups(source: str) -> list[int]:
    """The number of rows in each row group of ``source``."""
    f = _open(source)
    return [f.metadata.row_group(i).num_rows for i in range(f.metadata.num_row_groups)]


def rows(
    source: str, groups: range | None = None, first: int = 1
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, record) of each row of ``source`` (or of its row groups ``groups``,
    whose first row is number ``first``), numbered from 1 in the file."""
    f = _open(source)
    wanted = [c for c in f.schema_arrow.names if c in COLUMNS]
    if not any(c in wanted for c in ("text", "content", "body")):
        raise Unreadable("no 'text', 'content' or 'body' column")
    number = first
    try:
        for group in groups if groups is not None else range(f.metadata.num_row_groups):
            table = f.read_row_group(group, columns=wanted)
            for record in table.to_pylist():
                yield number, record
                number += 1
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"cannot read row {number}: {_first_line(exc)}") from exc
