"""Article text made safe to place in markdown: it renders as the words it is, nothing more.

Everything that comes from an article (titles, outlets, sentences, names) goes through
``inline`` before it is written into a briefing:

- whitespace, newlines included, collapses to single spaces, so text never starts a new
  block, table row or footnote definition; control and bidi-override characters go;
- markdown punctuation (``\\ ` * _ [ ] < > # | ~``) is backslash-escaped, so ``|`` cannot
  split a table cell, ``[^1]`` cannot forge a footnote, ``<script>`` is shown, not run;
- a line-start marker (``-``, ``+``, ``=``, ``1.``) is escaped, so a heading or list item
  never turns into a nested list;
- links (``http://…``, ``www.…``, bare domains, e-mail addresses) become code spans, so
  nothing an article says is ever clickable.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LEADING = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_URL = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>|`]+")
_TRAILING = ".,;:!?'\")]}"
# Every link linkify-it finds has one of these (a dot before a top-level domain, a scheme,
# an e-mail @): lines without any skip the costly search.
_MAYBE_LINK = re.compile(r"\.[^\W\d_]{2}|:/|@", re.IGNORECASE)


def clean(text: object) -> str:
    """One line of plain text: controls dropped, whitespace runs collapsed, ends trimmed."""
    if text is None:
        return ""
    return _SPACE.sub(" ", _DROP.sub("", str(text))).strip()


def inline(text: object) -> str:
    """Text as inline markdown that renders as exactly these words (links as code)."""
    return _inline(clean(text))


@lru_cache(maxsize=16_384)
def _inline(line: str) -> str:
    """``inline`` of a clean line (names and titles repeat: cached)."""
    out, pos = [], 0
    for start, end in _links(line):
        out.append(_escape(line[pos:start]))
        out.append(code(line[start:end]))
        pos = end
    out.append(_escape(line[pos:]))
    result = "".join(out)
    return _LEADING.sub(_escape_leading, result, count=1)


def code(text: object) -> str:
    """A code span that is also safe in a table cell (no backtick or pipe inside)."""
    body = clean(text).replace("`", "%60").replace("|", "%7C")
    return f"`{body}`" if body else ""


def cell(text: object) -> str:
    """A table cell (``inline`` already escapes ``|``); empty values show as a dash."""
    return inline(text) or "–"


def _escape(text: str) -> str:
    return _ENTITY.sub(r"\\&", _PUNCT.sub(r"\\\1", text))


def _escape_leading(m: re.Match[str]) -> str:
    if m[1]:
        return "\\" + m[1]
    return f"{m[2]}\\{m[3]}"


def _links(line: str) -> list[tuple[int, int]]:
    """Character spans of links in ``line``, sorted and not overlapping."""
    spans = []
    for m in _URL.finditer(line):
        end = m.end()
        while end > m.start() and line[end - 1] in _TRAILING:
            end -= 1
        spans.append((m.start(), end))
    linkify = _linkify()
    if linkify is not None and _MAYBE_LINK.search(line):
        # A viewer looks for links in each run of text between escaped characters (an
        # escape ends a text token), and GitHub in the raw line: look in both.
        cuts = sorted(
            {m.start() for m in _PUNCT.finditer(line)} | {m.start() for m in _ENTITY.finditer(line)}
        )
        bounds = [-1, *cuts, len(line)]
        pieces = [(0, len(line))] + [
            (a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1
        ]
        for a, b in pieces:
            piece = line[a:b]
            if ("." in piece or ":" in piece) and linkify.test(piece):
                spans += [(a + m.index, a + m.last_index) for m in linkify.match(piece) or ()]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=1)
def _linkify():
    """linkify-it (markdown-it-py's link finder), to catch what markdown viewers would link."""
    try:
        from linkify_it import LinkifyIt
    except ImportError:  # pragma: no cover - the regex above still catches schemes and www.
        return None
    return LinkifyIt()
