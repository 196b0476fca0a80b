"""An article's mentions packed into one row: spans and entities as arrays of integers.

A row per mention cost about 20 bytes (a record header, a key of four columns, the
b-tree around it) for 5 bytes of facts; the faces only ever read an article's mentions
together (its pane, its entities, its terms for linking) or all of them (the entities'
counts). So ``mentions`` keeps one row per article: ``spans``, the arrays packed here,
and ``words``, JSON ``{position: words}`` for the rare mention whose words are not its
span of the text.

``spans`` is the number of mentions (uint32) and five arrays, each one byte naming its
``array`` type code, just wide enough for its values, then the values (little-endian):
the starts as differences from the one before (in order of start, end, entity), the
lengths, the entity numbers (``entities.rowid``), then the positions of the mentions
with a sector of their own and those sectors' numbers in ``labels`` (count: uint32).
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from sqlite3 import Connection

# (start, end, entity rowid, sector label number or None, words or None)
Mention = tuple[int, int, int, int | None, str | None]

_COUNT = struct.Struct("<I")
_SWAP = sys.byteorder == "big"


def pack(mentions: Iterable[Mention]) -> tuple[bytes, str | None]:
    """``spans`` and ``words`` of an article's mentions (the first of two with the same
    start, end and entity is kept, as the table's key used to)."""
    unique: dict[tuple[int, int, int], Mention] = {}
    for m in mentions:
        unique.setdefault((m[0], m[1], m[2]), m)
    rows = [unique[k] for k in sorted(unique)]
    out = bytearray(_COUNT.pack(len(rows)))
    previous = 0
    deltas = []
    for m in rows:
        deltas.append(m[0] - previous)
        previous = m[0]
    _put(out, deltas)
    _put(out, [m[1] - m[0] for m in rows])
    _put(out, [m[2] for m in rows])
    sectors = [(i, m[3]) for i, m in enumerate(rows) if m[3] is not None]
    out += _COUNT.pack(len(sectors))
    _put(out, [i for i, _ in sectors])
    _put(out, [s for _, s in sectors])
    words = {str(i): m[4] for i, m in enumerate(rows) if m[4] is not None}
    return bytes(out), json.dumps(words, ensure_ascii=False) if words else None


def unpack(spans: bytes, words: str | None) -> list[Mention]:
    """The mentions ``pack`` packed, in order of start."""
    (n,) = _COUNT.unpack_from(spans)
    deltas, pos = _get(spans, _COUNT.size, n)
    lengths, pos = _get(spans, pos, n)
    entities, pos = _get(spans, pos, n)
    (k,) = _COUNT.unpack_from(spans, pos)
    where, pos = _get(spans, pos + _COUNT.size, k)
    sectors, _ = _get(spans, pos, k)
    sector_of = dict(zip(where, sectors, strict=True))
    text_of = {int(i): w for i, w in json.loads(words).items()} if words else {}
    out: list[Mention] = []
    start = 0
    for i in range(n):
        start += deltas[i]
        out.append((start, start + lengths[i], entities[i], sector_of.get(i), text_of.get(i)))
    return out


def entities(spans: bytes) -> array:
    """The entity number of each mention (what counting needs, without the rest)."""
    (n,) = _COUNT.unpack_from(spans)
    pos = _COUNT.size
    for _ in range(2):  # skip the starts and the lengths
        pos += 1 + array(chr(spans[pos])).itemsize * n
    return _get(spans, pos, n)[0]


def count(con: Connection) -> int:
    """How many mentions the index holds."""
    return sum(
        _COUNT.unpack_from(spans)[0] for (spans,) in con.execute("SELECT spans FROM mentions")
    )


def entity_counts(con: Connection) -> tuple[Counter[int], Counter[int]]:
    """For each entity number: its mentions, and the articles that mention it."""
    mentions: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    for (spans,) in con.execute("SELECT spans FROM mentions"):
        found = entities(spans)
        mentions.update(found)
        articles.update(set(found))
    return mentions, articles


def _put(out: bytearray, values: list[int]) -> None:
    low, high = (min(values), max(values)) if values else (0, 0)
    if low >= 0:
        code = "B" if high < 1 << 8 else "H" if high < 1 << 16 else "I" if high < 1 << 32 else "Q"
    else:
        big = max(-low, high)
        code = "b" if big < 1 << 7 else "h" if big < 1 << 15 else "i" if big < 1 << 31 else "q"
    packed = array(code, values)
    if _SWAP:
        packed.byteswap()
    out.append(ord(code))
    out += packed.tobytes()


def _get(data: bytes, pos: int, n: int) -> tuple[array, int]:
    values = array(chr(data[pos]))
    end = pos + 1 + values.itemsize * n
    values.frombytes(data[pos + 1 : end])
    if _SWAP:
        values.byteswap()
    return values, end
