"""Find the input files under the paths an analyst gives, safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.ingest.readers import SUPPORTED, Problem


@dataclass(slots=True, frozen=True)
class InputFile:
    path: Path  # absolute, as given (not resolved), so that the index shows the analyst's path
    size: int
    mtime_ns: int


def discover(paths: list[Path], problems: list[Problem]) -> Iterator[InputFile]:
    """Supported files under ``paths``, recursively; broken links and loops become problems."""
    seen: set[str] = set()
    for given in paths:
        path = Path(os.path.abspath(given))
        if not os.path.lexists(path):
            problems.append(Problem(str(given), "no such file or directory"))
        elif path.is_dir():
            yield from _walk(path, seen, problems)
        else:
            yield from _one(path, seen, problems, explicit=True)


def _one(
    path: Path, seen: set[str], problems: list[Problem], explicit: bool
) -> Iterator[InputFile]:
    try:
        st = path.stat()
    except FileNotFoundError:
        problems.append(Problem(str(path), "broken link"))
        return
    except OSError as exc:
        problems.append(Problem(str(path), f"cannot read: {exc.strerror or exc}"))
        return
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    if path.suffix.lower() not in SUPPORTED:
        if explicit:
            problems.append(Problem(str(path), f"unsupported file type {path.suffix or '(none)'}"))
        return
    if not os.access(path, os.R_OK):
        problems.append(Problem(str(path), "cannot read: permission denied"))
        return
    yield InputFile(path, st.st_size, st.st_mtime_ns)


def _walk(root: Path, seen: set[str], problems: list[Problem]) -> Iterator[InputFile]:
    visited: set[str] = {os.path.realpath(root)}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(str(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in visited:
                    problems.append(Problem(str(path), "link loop (folder already visited)"))
                    continue
                visited.add(real)
                subdirs.append(path)
            elif entry.is_symlink() and not os.path.exists(path):
                problems.append(Problem(str(path), "broken link"))
            else:
                yield from _one(path, seen, problems, explicit=False)
        stack.extend(reversed(subdirs))
