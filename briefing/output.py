"""Print rows as an aligned table, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "jsonl", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v.get("name", v) if isinstance(v, dict) else v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name", value))
    text = str(value)
    return "".join(ch if ch.isprintable() else " " for ch in text)


def color_ok(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str = "table",
    stream: TextIO | None = None,
) -> int:
    """Write rows; ``columns`` picks and orders table and CSV columns. Returns the row count."""
    stream = stream or sys.stdout
    n = 0
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            n += 1
        return n
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    if not table:
        return 0
    width = shutil.get_terminal_size((120, 24)).columns if stream.isatty() else 10_000
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    # Shrink the widest columns until the table fits the terminal.
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 8:
        widths[widths.index(max(widths))] -= 1
    bold = ("\x1b[1m", "\x1b[0m") if color_ok(stream) else ("", "")

    def line(cells: Sequence[str]) -> str:
        out = []
        for cell, w in zip(cells, widths, strict=True):
            out.append(cell[: w - 1] + "…" if len(cell) > w else cell.ljust(w))
        return "  ".join(out).rstrip()

    stream.write(bold[0] + line(list(columns)) + bold[1] + "\n")
    for r in table:
        stream.write(line(r) + "\n")
    return len(table)


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal: how far,
    how fast (per second, over the run so far) and how long is left at that rate; with a
    cluster, also what it has extracted ahead of the writer (``extracted``)."""

    def __init__(self, label: str, stream: TextIO | None = None, unit: str = "articles"):
        self.stream = stream or sys.stderr
        self.label = label
        self.unit = unit
        self.enabled = self.stream.isatty()
        self.started: float | None = None
        self.drawn = 0.0  # when last drawn: at most ten times a second
        self.cluster: tuple[int, int] | None = None
        self.note: str | None = None  # said after the figures (another stage's progress)
        self.last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        self.last = (done, total)
        now = time.monotonic()
        if self.started is None:
            self.started = now
        if now - self.drawn < 0.1 and done < total:
            return
        self.drawn = now
        self.stream.write("\r" + self.line(done, total, now) + "\x1b[K")
        self.stream.flush()

    def line(self, done: int, total: int, now: float | None = None) -> str:
        """The bar as text: ``indexing [####   ] 40% 400/1000 · 52 articles/s · 12s left``."""
        now = time.monotonic() if now is None else now
        if self.started is None:
            self.started = now
        total = max(total, 1)
        frac = min(done / total, 1.0)
        bar = "#" * int(frac * 30)
        text = f"{self.label} [{bar:<30}] {frac:4.0%} {done}/{total}"
        elapsed = now - self.started
        if done and elapsed >= 0.5:
            rate = done / elapsed
            text += f" · {rate:,.0f} {self.unit}/s · {duration(max(total - done, 0) / rate)} left"
        if self.cluster is not None:
            text += f" · extracted {self.cluster[0]}/{self.cluster[1]}"
        if self.note:
            text += f" · {self.note}"
        return text

    def extracted(self, done: int, total: int) -> None:
        """What a cluster has extracted so far (the writer follows it)."""
        self.cluster = (done, total)
        self(*self.last)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def duration(seconds: float) -> str:
    """``45s``, ``3m 20s``, ``1h 05m``: a short time span, for an ETA."""
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s % 3600 // 60:02d}m"
