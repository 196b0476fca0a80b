"""Article text stored compressed, and read back as text in Python and in SQL.

The clean text is most of what the index holds; stored as raw deflate (zlib, no header)
it takes about half the room. It is compressed where extraction runs (the worker
processes: the single writer is the bottleneck of indexing) and decompressed where it is
read: in Python by ``unpack_text``, in SQL by ``article_text(body)``, which
``register`` adds to every connection (``store.connect``). The full-text index reads
its content through the ``article_texts`` view, which calls it.

A body is one format byte and the payload, so that a later format (a preset
dictionary, another codec) can be told apart from this one.
"""

from __future__ import annotations

import sqlite3
import zlib

DEFLATE = 1  # raw deflate (wbits -15) of the UTF-8 text
_LEVEL = 6  # level 9 gains nothing on articles (both ~2.1x) and takes a third longer
_HEAD = bytes([DEFLATE])


def pack_text(text: str) -> bytes:
    """The stored body of ``text``."""
    packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15, 9)
    return _HEAD + packer.compress(text.encode()) + packer.flush()


def unpack_text(body: bytes) -> str:
    """The text of a stored body (``pack_text``'s inverse)."""
    if not body or body[0] != DEFLATE:
        raise ValueError(f"unknown article body format {body[:1]!r}")
    return zlib.decompress(body[1:], -15).decode()


def register(con: sqlite3.Connection) -> None:
    """Add ``article_text(body)`` to ``con`` (the schema's view and trigger call it)."""
    con.create_function("article_text", 1, _sql_text, deterministic=True)


def _sql_text(body: bytes | None) -> str | None:
    return None if body is None else unpack_text(body)
