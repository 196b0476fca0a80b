"""Links between articles, events and entities, computed at index time."""

from __future__ import annotations

import sqlite3


def update_links(con: sqlite3.Connection, *, changed: list[int], removed: list[int]) -> None:
    """Bring link data up to date after articles were written (``changed``) or deleted."""
