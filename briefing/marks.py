"""Marks: the events, articles, actors and places an analyst picked for a briefing.

The app toggles a mark with ``m``; ``briefing export --marked`` reads them. Marks live in
the index (table ``marks``, migration 3) keyed by stable ids, so they survive re-indexing;
a mark whose entry has gone simply matches nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.index.queries import Index

KINDS = ("event", "article", "actor", "place")


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"cannot mark a {kind!r}; marks are for {', '.join(KINDS)}")
    return kind


def mark(index: Index, kind: str, id: str) -> None:
    """Mark an entry (marking it twice keeps the first time)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    index.con.execute(
        "INSERT OR IGNORE INTO marks(kind, id, created) VALUES (?, ?, ?)", (_kind(kind), id, now)
    )


def unmark(index: Index, kind: str, id: str) -> None:
    """Remove a mark (no error if there was none)."""
    index.con.execute("DELETE FROM marks WHERE kind=? AND id=?", (_kind(kind), id))


def toggle(index: Index, kind: str, id: str) -> bool:
    """Mark the entry if unmarked, else unmark it; returns whether it is now marked."""
    if is_marked(index, kind, id):
        unmark(index, kind, id)
        return False
    mark(index, kind, id)
    return True


def is_marked(index: Index, kind: str, id: str) -> bool:
    row = index.con.execute("SELECT 1 FROM marks WHERE kind=? AND id=?", (_kind(kind), id))
    return row.fetchone() is not None


def marked(index: Index, kind: str | None = None) -> list[tuple[str, str]]:
    """``(kind, id)`` of every mark, oldest first; only one kind if ``kind`` is given."""
    sql, args = "SELECT kind, id FROM marks", []
    if kind is not None:
        sql += " WHERE kind=?"
        args.append(_kind(kind))
    sql += " ORDER BY created, kind, id"
    return [(k, i) for k, i in index.con.execute(sql, args)]


def clear(index: Index, kind: str | None = None) -> int:
    """Remove every mark (of one kind if given); returns how many were removed."""
    if kind is None:
        return index.con.execute("DELETE FROM marks").rowcount
    return index.con.execute("DELETE FROM marks WHERE kind=?", (_kind(kind),)).rowcount
