"""Find the input files under the paths an analyst gives, safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.ingest.readers import JSONL, PARQUET, SUPPORTED, Problem


class Url(str):
    """A collection on storage fsspec reads (``s3://bucket/news.jsonl``): as much of a
    Path as the indexer asks of an input file (its text, suffix, and opening it)."""

    __slots__ = ()

    @property
    def suffix(self) -> str:
        name = self.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return "." + name.rsplit(".", 1)[1] if "." in name.strip(".") else ""

    def open(self, mode: str = "rb"):
        import fsspec

        return fsspec.open(str(self), mode).open()


def is_url(given: object) -> bool:
    return isinstance(given, str) and "://" in given


@dataclass(slots=True, frozen=True)
class InputFile:
    path: Path  # absolute, as given (not resolved), so that the index shows the analyst's path
    size: int
    mtime_ns: int


def discover(paths: list[Path | str], problems: list[Problem]) -> Iterator[InputFile]:
    """Supported files under ``paths``, recursively; broken links and loops become problems.
    A URL (``scheme://...``) names a JSONL or Parquet collection, or a glob of them, on
    storage fsspec reads."""
    seen: set[str] = set()
    for given in paths:
        if is_url(given):
            yield from _remote(str(given), seen, problems)
            continue
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


def _remote(url: str, seen: set[str], problems: list[Problem]) -> Iterator[InputFile]:
    try:
        import fsspec
    except ImportError:
        problems.append(Problem(url, "reading URLs needs fsspec: pip install 'briefing[scale]'"))
        return
    try:
        fs, _, found = fsspec.get_fs_token_paths(url)
        infos = [fs.info(p) for p in sorted(found)]
    except FileNotFoundError:
        problems.append(Problem(url, "no such file"))
        return
    except Exception as exc:  # unknown protocol, missing credentials, network: reported
        problems.append(Problem(url, f"cannot read: {_first_line(exc)}"))
        return
    if not infos:
        problems.append(Problem(url, "no such file"))
    glob = fsspec.core.has_magic(url)
    for info in infos:
        # as the analyst wrote it, unless a glob found it: then as the storage names it
        target = Url(fs.unstrip_protocol(info["name"]) if glob else url)
        if info.get("type") == "directory":
            problems.append(Problem(target, "a folder of a URL: give a glob (.../*.jsonl)"))
        elif target.suffix.lower() not in (*JSONL, *PARQUET):
            problems.append(Problem(target, "a URL names a .jsonl or .parquet collection"))
        elif target not in seen:
            seen.add(target)
            yield InputFile(target, int(info.get("size") or 0), _mtime_ns(info))  # type: ignore[arg-type]


def _mtime_ns(info: dict) -> int:
    """When the object last changed, as storage tells it; where it does not, now (so the
    file is read again each run, its unchanged articles still not extracted again)."""
    import time
    from datetime import datetime

    for key in ("mtime", "LastModified", "last_modified", "updated", "modified", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return int(value.timestamp() * 1e9)
        if isinstance(value, int | float):
            return int(value * 1e9)
        if isinstance(value, str):
            try:
                return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1e9)
            except ValueError:
                continue
    return time.time_ns()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
