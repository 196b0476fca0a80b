"""Article text stored compressed, and read back as text in Python and in SQL.

The clean text is most of what the index holds; stored as raw deflate (zlib, no header)
it takes well under half the room. It is compressed where extraction runs (the worker
processes: the single writer is the bottleneck of indexing) and decompressed where it is
read: in Python by ``unpack_text``, in SQL by ``article_text(body)``, which
``register`` adds to every connection (``store.connect``). The full-text index reads
its content through the ``article_texts`` view, which calls it.

A body is one byte naming the preset dictionary deflate started from, then the deflate
stream. An article is short (2 KB) and alone it compresses about 2.1 times; started
from words news of this kind repeats, about 2.5 times (the 792 corpus articles, none of
which is in the dictionary). Dictionary 1 (``data/dictionary-1.txt``) is the names in
the gazetteer's data files and the five seed articles, as they were when it was made.
A dictionary is never edited once released: the bodies made with it need it as it is.
A better one is added as ``dictionary-2.txt`` and named by byte 2; 0 is no dictionary.
"""

from __future__ import annotations

import sqlite3
import zlib
from functools import cache
from importlib import resources

NONE, NEWS_1 = 0, 1
CURRENT = NEWS_1  # what pack_text writes
# Level 4 with memLevel 8: 67 us an article in a worker, texts 2.54x smaller; level 5:
# 91 us (2.61x), 105 us with memLevel 9 (its 128 KB buffers are allocated afresh for
# each copy); level 2: 54 us (2.40x); 6 and above gain next to nothing more. (Measured
# compressing each of the first 1,500 articles of the 10k benchmark after extracting it.)
_LEVEL, _MEM_LEVEL = 4, 8


@cache
def dictionary(number: int) -> bytes:
    """The preset dictionary a body's first byte names (empty for 0)."""
    if number == NONE:
        return b""
    if number != NEWS_1:
        raise ValueError(f"unknown article body format {number}: made by a newer briefing?")
    return (resources.files("briefing.index") / "data" / "dictionary-1.txt").read_bytes()


@cache
def _primed(number: int) -> zlib._Compress:
    """A compressor that has read dictionary ``number``: copying it is cheaper than
    loading the dictionary again for each article (~20 us of ~110)."""
    preset = dictionary(number)
    if preset:
        return zlib.compressobj(
            _LEVEL, zlib.DEFLATED, -15, _MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, preset
        )
    return zlib.compressobj(_LEVEL, zlib.DEFLATED, -15, _MEM_LEVEL)


def pack_text(text: str, number: int = CURRENT) -> bytes:
    """The stored body of ``text``."""
    packer = _primed(number).copy()
    return bytes([number]) + packer.compress(text.encode()) + packer.flush()


def unpack_text(body: bytes) -> str:
    """The text of a stored body (``pack_text``'s inverse)."""
    if not body:
        raise ValueError("empty article body")
    preset = dictionary(body[0])
    unpacker = zlib.decompressobj(-15, preset) if preset else zlib.decompressobj(-15)
    text = unpacker.decompress(body[1:]) + unpacker.flush()
    if not unpacker.eof:
        raise ValueError("truncated article body")
    return text.decode()


def register(con: sqlite3.Connection) -> None:
    """Add ``article_text(body)`` to ``con`` (the schema's view and trigger call it)."""
    con.create_function("article_text", 1, _sql_text, deterministic=True)


def _sql_text(body: bytes | None) -> str | None:
    return None if body is None else unpack_text(body)
