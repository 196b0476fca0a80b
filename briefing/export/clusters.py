"""The seam to same-event clusters: which reports in scope describe one real-world event.

Linking (``briefing.index.link``) groups reports of one event across articles and keeps
the answer in ``events.cluster`` (the event that names the cluster; null when it stands
alone). Its query API
(``briefing.index.related.cluster_of`` and ``clusters``) builds one cluster at a time,
with its own queries; a briefing of the whole collection needs every event's cluster at
once, so the export asks one question: ``event_id -> cluster`` in a single query.
Events absent from the answer stand alone; nothing is grouped if linking has not run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefing.index import eventkey

if TYPE_CHECKING:
    from briefing.index.queries import Index


def cluster_keys(index: Index, event_ids: Iterable[str]) -> dict[str, str]:
    """``event_id -> cluster`` for the given events, in one query (never one per event)."""
    ids = set(event_ids)
    if not ids:
        return {}
    try:
        rows = index.con.execute(
            "SELECT e.event_id, c.event_id FROM events e JOIN events c ON c.rowid = e.cluster"
        )
        found = ((eventkey.name(e), eventkey.name(c)) for e, c in rows)  # ids as stored
        return {event_id: cluster for event_id, cluster in found if event_id in ids}
    except sqlite3.OperationalError:  # an index without linking
        return {}
