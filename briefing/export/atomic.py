"""Write an export so that the target is either the old file or the whole new one, never half.

The text goes to a temporary file in the target's folder, is flushed to disk, then renamed
over the target (``os.replace``). Without ``overwrite`` an existing target is refused, and
the rename is a hard link that fails if a file appeared meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportTargetError(OSError):
    """The export cannot be written where asked; nothing was changed."""


class ExportTargetExists(ExportTargetError):
    """The target exists and overwriting was not asked for: the app asks to confirm."""


def write_atomic(
    path: str | os.PathLike[str], text: str | Iterable[str], *, overwrite: bool = False
) -> Path:
    """Write ``text`` (UTF-8; or its parts, one after another, as they come) to ``path``
    atomically; returns the path written. If making the parts fails, the target is left
    as it was.

    Raises ExportTargetError, with a message an analyst can act on, when the target is a
    folder or its folder is missing or not writable; ExportTargetExists (a subclass) when
    it exists and ``overwrite`` is false, also if it appeared while writing.
    """
    target = check_target(path, overwrite=overwrite)
    folder = target.parent
    existing = target.exists()
    mode = (target.stat().st_mode & 0o7777) if existing else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportTargetError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in (text,) if isinstance(text, str) else text:
                fh.write(part.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise ExportTargetExists(
                f"{target} already exists; use --force to overwrite it"
            ) from exc
        if isinstance(exc, OSError):
            raise ExportTargetError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
    _sync_folder(folder)
    return target


def check_target(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """The file an export would be written to, or ExportTargetError saying why it cannot.

    Cheap: call it before rendering to fail fast; ``write_atomic`` checks again.
    """
    target = Path(path).expanduser()
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise ExportTargetError(f"{target} is a folder; give a file name inside it")
    if not target.parent.is_dir():
        raise ExportTargetError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise ExportTargetExists(f"{target} already exists; use --force to overwrite it")
    return target


def _link_new(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (no race with a newcomer)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: check, then rename (a small race, but no loss).
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    """The process umask, read without changing it (Linux), else the usual 022."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022
