"""The one place where untrusted text (article text, titles, names) becomes Textual ``Content``.

Nothing here parses markup: every string from an article or the index is wrapped as
literal ``Content`` after control characters are made visible, so ``[bold]``, ``[/``,
``[link=x]`` or an escape sequence shows as the characters it is and cannot style the
screen, break a widget or reach the terminal. Widgets receive ``Content`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from textual.content import Content

# Styles, named for what they mean; theme variables keep them readable in every theme.
ACTOR = "bold $accent"
PLACE = "italic $success"
EVENT = "on $primary-muted"
FIND = "reverse"
FIND_CURRENT = "reverse bold $warning"
MATCH = "bold underline $accent"
DIM = "dim"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLOCKS = "▁▂▃▄▅▆▇█"


def _visible(ch: re.Match[str]) -> str:
    code = ord(ch.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, …
    return "␡" if code == 0x7F else "�"


def clean(text: str | None, *, one_line: bool = False) -> str:
    """``text`` with control characters shown as symbols (and newlines folded if ``one_line``)."""
    text = "" if text is None else str(text)
    if one_line:
        text = " ".join(text.split())
    return _CONTROL.sub(_visible, text)


def plain(text: str | None, style: str = "") -> Content:
    """Untrusted text as literal content, optionally in one style."""
    content = Content(clean(text, one_line=True))
    return content.stylize(style) if style and content else content


def highlighted(text: str | None, spans: Iterable[Sequence[int]], style: str = MATCH) -> Content:
    """A name with the matched character ranges styled (search hits)."""
    content = Content(clean(text, one_line=True))
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


def article_text(
    text: str,
    *,
    mentions: Iterable[dict[str, Any]] = (),
    event: tuple[int, int] | None = None,
    finds: Sequence[tuple[int, int]] = (),
    current_find: int | None = None,
) -> Content:
    """An article's clean text with actors and places styled, the selected event's
    sentence set apart and the matches of a find highlighted. Offsets are into ``text``."""
    content = Content(clean(text))  # newlines kept: offsets stay valid
    if event:
        content = content.stylize(EVENT, *event)
    for m in mentions:
        content = content.stylize(
            ACTOR if m.get("kind") == "actor" else PLACE, m["start"], m["end"]
        )
    for i, (start, end) in enumerate(finds):
        content = content.stylize(FIND_CURRENT if i == current_find else FIND, start, end)
    return content


def line_of(text: str, offset: int, width: int) -> int:
    """The line, once ``text`` is wrapped to ``width``, on which character ``offset`` falls."""
    if width <= 0:
        return 0
    head = Content(clean(text[:offset]) + "x")  # a visible character where the offset is
    return max(0, len(head.wrap(width)) - 1)


def join(*parts: Content | str, sep: str = " ") -> Content:
    """Pieces joined by ``sep``; ``str`` pieces are ours (never untrusted) and taken literally."""
    return Content(sep).join(
        p if isinstance(p, Content) else Content(p) for p in parts if p not in ("", None)
    )


def names(people: Iterable[dict[str, Any]], style: str = "") -> Content:
    return Content(", ").join(plain(p.get("name") or p.get("text") or "?", style) for p in people)


def toll(event: dict[str, Any]) -> str:
    parts = []
    if event.get("killed") is not None:
        parts.append(f"{event['killed']} killed")
    if event.get("wounded") is not None:
        parts.append(f"{event['wounded']} wounded")
    return ", ".join(parts)


def event_summary(event: dict[str, Any]) -> Content:
    """``ASSAULT/aerial  United States → Kataib Hezbollah`` on one line."""
    kind = event.get("type") or "?"
    if event.get("mode"):
        kind += f"/{event['mode']}"
    who = names(event.get("actors") or [], ACTOR) or Content("?")
    line = join(Content(kind).stylize("bold"), who, sep="  ")
    if event.get("targets"):
        line = join(line, Content("→"), names(event["targets"], ACTOR))
    return line


def event_row(event: dict[str, Any]) -> Content:
    """An event in the events pane: what happened, then where, when and the toll."""
    details = []
    if event.get("locations"):
        details.append(join(Content("@"), plain(event["locations"][0].get("name"), PLACE)))
    if event.get("date"):
        details.append(Content(str(event["date"])))
    if toll(event):
        details.append(Content(toll(event)).stylize("bold $error"))
    modality = event.get("modality") or "asserted"
    if modality != "asserted":
        details.append(Content(modality).stylize("italic"))
    row = event_summary(event)
    if details:
        row = Content("\n").join([row, join(Content(" "), *details, sep="  ")])
    return row.stylize(DIM) if modality in ("negated", "future", "hypothetical") else row


def article_meta(article: dict[str, Any]) -> Content:
    """An article's date, source and event count, on one dimmed line."""
    meta = [
        str(article.get("date") or "undated"),
        clean(article.get("source") or "", one_line=True),
        f"{article.get('events') or 0} events",
    ]
    return Content(" · ".join(p for p in meta if p)).stylize(DIM)


def related_row(item: dict[str, Any]) -> Content:
    """A related entry and why it relates."""
    kind = Content(f"{item.get('kind', '?'):<7}").stylize(DIM)
    shared = item.get("shared")
    if isinstance(shared, list | tuple):
        shared = ", ".join(str(s) for s in shared)
    why = plain(shared or "", "italic $text-muted")
    head = join(kind, plain(item.get("name") or item.get("id")))
    return Content("\n").join([head, join(Content("       "), why, sep="")]) if why else head


def hit_row(hit: dict[str, Any]) -> Content:
    """A lookup result: the name with matched characters highlighted, and a snippet for text hits."""
    row = highlighted(hit.get("name") or hit.get("id"), hit.get("spans") or [])
    if hit.get("snippet"):
        row = Content("\n").join([row, plain(hit["snippet"], DIM)])
    return row


def entity_row(entity: dict[str, Any], detail: str = "") -> Content:
    style = ACTOR if entity.get("kind") == "actor" else PLACE
    return join(plain(entity.get("name") or entity.get("id"), style), Content(detail).stylize(DIM))


def timeline(counts: dict[str, int], months: Sequence[str]) -> Content:
    """One cell per month, its height the number of events (a sparkline strip)."""
    top = max((counts.get(m, 0) for m in months), default=0)
    cells = []
    for m in months:
        n = counts.get(m, 0)
        cells.append(
            " " if n == 0 else _BLOCKS[min(len(_BLOCKS) - 1, (n * len(_BLOCKS) - 1) // top)]
        )
    return Content("".join(cells)).stylize("$accent")
