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
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

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


class Block(Visual):
    """Paragraphs of content, each wrapped to the width with its own indent for its first
    line and for the lines it wraps onto (a hanging indent), so that an entry of a list
    reads as one entry however many lines it takes."""

    def __init__(self, *paragraphs: tuple[Content | None, int, int]):
        self.paragraphs = [(c, first, rest) for c, first, rest in paragraphs if c]
        self._laid_out: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return "\n".join(content.plain for content, _, _ in self.paragraphs)

    def lay_out(self, width: int) -> Content:
        """The block as lines no wider than ``width``, indents included."""
        if self._laid_out and self._laid_out[0] == width:
            return self._laid_out[1]
        lines: list[Content] = []
        for content, first, rest in self.paragraphs:
            head, *more = content.wrap(max(1, width - first)) or [Content()]
            lines.append(head.pad_left(first))
            tail = (
                content[len(head.plain) :]
                if more and content.plain.startswith(head.plain)
                else None
            )
            if tail is not None:
                tail = tail[len(tail.plain) - len(tail.plain.lstrip(" ")) :]
                lines += [line.pad_left(rest) for line in tail.wrap(max(1, width - rest))]
            else:
                lines += [line.pad_left(rest) for line in more]
        laid_out = Content("\n").join(lines)
        self._laid_out = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.lay_out(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((first + c.cell_length for c, first, _ in self.paragraphs), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lay_out(width).plain.split("\n")) if self.paragraphs else 0


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


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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


def event_row(event: dict[str, Any], prefix: Content | None = None) -> Block:
    """An event in a list: what happened (after ``prefix``), then where, when and the toll;
    the lines an entry wraps onto are indented under it."""
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
    indent = prefix.cell_length if prefix else 0
    summary = join(prefix, event_summary(event), sep="") if prefix else event_summary(event)
    more = join(*details, sep="  ") if details else Content()
    if modality in ("negated", "future", "hypothetical"):
        summary, more = summary.stylize(DIM), more.stylize(DIM)
    return Block((summary, 0, indent + 2), (more, indent + 3, indent + 5))


def article_meta(article: dict[str, Any]) -> Content:
    """An article's date, source and event count, on one dimmed line."""
    meta = [
        str(article.get("date") or "undated"),
        clean(article.get("source") or "", one_line=True),
        plural(article.get("events") or 0, "event"),
    ]
    return Content(" · ".join(p for p in meta if p)).stylize(DIM)


def related_row(item: dict[str, Any]) -> Block:
    """A related entry, and under it what kind of entry it is and why it relates."""
    shared = item.get("shared")
    if isinstance(shared, list | tuple):
        shared = ", ".join(str(s) for s in shared)
    why = join(
        Content(f"{item.get('kind') or '?'} ·").stylize(DIM),
        plain(shared or "", "italic $text-muted"),
    )
    return Block((plain(item.get("name") or item.get("id")), 0, 2), (why, 2, 4))


# what a lookup row calls an entity's type
TYPE_WORDS = {"admin1": "province", "admin2": "district", "armed_group": "armed group",
              "ppl": "town", "igo": "international body", "ngo": "aid group"}  # fmt: skip


def hit_about(hit: dict[str, Any]) -> str:
    """What a lookup hit is, in one line: ``city · Syria · 12 articles · score 87.5``."""
    kind = hit.get("kind") or "?"
    parts: list[str] = []
    if kind in ("actor", "place"):
        kind_type = hit.get("type")
        parts.append(TYPE_WORDS.get(kind_type or "", (kind_type or kind).replace("_", " ")))
        if hit.get("country"):
            parts.append(str(hit["country"]))
        if isinstance(hit.get("articles"), int):
            parts.append(plural(hit["articles"], "article"))
    elif kind == "article":
        parts += [str(hit[k]) for k in ("date", "source") if hit.get(k)]
    elif kind == "event":
        parts += [str(hit[k]) for k in ("date",) if hit.get(k)]
        if hit.get("via"):
            parts.append(f"an event of {hit['via']}")
    if isinstance(hit.get("score"), int | float):
        parts.append(f"score {hit['score']:g}")
    return " · ".join(parts)


def hit_row(hit: dict[str, Any]) -> Block:
    """A lookup result: the name with matched characters highlighted, what it is (type,
    country, article count, score), and a snippet for text hits."""
    name = highlighted(hit.get("name") or hit.get("id"), hit.get("spans") or [])
    return Block(
        (join(name, plain(hit_about(hit), DIM), sep="  "), 0, 2),
        (plain(hit.get("snippet"), DIM), 2, 2),
    )


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
