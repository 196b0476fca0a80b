"""Event ids as the index stores them: one 8-byte integer instead of 16 hex characters.

An event id (``briefing.extract``) is 16 lowercase hex digits, 64 bits. Stored as text it
takes 17 bytes in ``events`` and again in its unique index; as an integer, 8. The integer
is the number less 2**63, so that it fits SQLite's signed integers and sorts as the hex
does (``ORDER BY event_id`` and the clusters' names are unchanged). An id of any other
shape is stored as it is (the column has no type, so SQLite converts nothing). Faces
never see the stored form: ``key`` converts an id on the way in, ``name`` on the way out.
"""

from __future__ import annotations

_OFFSET = 1 << 63
_HEX = frozenset("0123456789abcdef")


def key(event_id: str) -> int | str:
    """The stored form of ``event_id``."""
    if len(event_id) == 16 and _HEX.issuperset(event_id):
        return int(event_id, 16) - _OFFSET
    return event_id


def name(stored: int | str) -> str:
    """The event id of its stored form (``key``'s inverse)."""
    return f"{stored + _OFFSET:016x}" if isinstance(stored, int) else stored


def keys(event_ids: list[str]) -> list[int | str]:
    return [key(i) for i in event_ids]
