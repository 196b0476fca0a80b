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
    """A one-line progress bar on stderr, drawn only when stderr is a terminal: articles
    done of all, their rate and the time left; with a cluster, also what it has extracted
    ahead of the writer (``extracted``)."""

    def __init__(self, label: str, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = self.stream.isatty()
        self.start: tuple[float, int] | None = None  # (when, done) at the first report
        self.drawn = 0.0
        self.cluster: tuple[int, int] | None = None
        self.last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        self.last = (done, total)
        now = time.monotonic()
        if self.start is None:
            self.start = (now, done)
        if now - self.drawn < 0.1 and done < total:
            return
        self.drawn = now
        total = max(total, 1)
        frac = min(done / total, 1.0)
        bar = "#" * int(frac * 30)
        line = f"\r{self.label} [{bar:<30}] {frac:4.0%} {done}/{total}"
        elapsed, since = now - self.start[0], done - self.start[1]
        if elapsed >= 1.0 and since > 0:
            rate = since / elapsed
            line += f"  {rate:,.0f} articles/s  ETA {_duration((total - done) / rate)}"
        if self.cluster is not None:
            line += f"  extracted {self.cluster[0]}/{self.cluster[1]}"
        self.stream.write(line + "\x1b[K")
        self.stream.flush()

    def extracted(self, done: int, total: int) -> None:
        """What a cluster has extracted so far (the writer follows it)."""
        self.cluster = (done, total)
        self(*self.last)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
