"""Writing an export: all or nothing, never over an existing file unless asked."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat

import pytest

from briefing.export import ExportTargetError, ExportTargetExists, write_atomic


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_utf8_text_with_ordinary_permissions(tmp_path):
    target = tmp_path / "brief.md"
    assert write_atomic(target, "Raqqa – ‘quoted’\n") == target
    assert target.read_text(encoding="utf-8") == "Raqqa – ‘quoted’\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("the analyst's own notes")
    target.chmod(0o640)
    with pytest.raises(ExportTargetExists, match="already exists; use --force"):
        write_atomic(target, "new")
    assert target.read_text() == "the analyst's own notes" and leftovers(tmp_path) == []
    write_atomic(target, "new", overwrite=True)
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_parts_are_written_in_turn_and_a_failure_midway_keeps_the_old_file(tmp_path):
    target = tmp_path / "events.csv"
    write_atomic(target, iter(["event_id\n", "e1\n", "", "e2\n"]))
    assert target.read_text() == "event_id\ne1\ne2\n"

    def failing():
        yield "event_id\n"
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError):
        write_atomic(target, failing(), overwrite=True)
    assert target.read_text() == "event_id\ne1\ne2\n" and leftovers(tmp_path) == []


def test_a_folder_is_not_a_target(tmp_path):
    (tmp_path / "out").mkdir()
    for overwrite in (False, True):
        with pytest.raises(ExportTargetError, match="is a folder") as caught:
            write_atomic(tmp_path / "out", "x", overwrite=overwrite)
        assert not isinstance(caught.value, ExportTargetExists)  # no "overwrite?" for a folder
    assert list((tmp_path / "out").iterdir()) == []


def test_a_missing_folder_is_reported(tmp_path):
    with pytest.raises(ExportTargetError, match="does not exist"):
        write_atomic(tmp_path / "no" / "such" / "brief.md", "x")
    assert not (tmp_path / "no").exists()


def test_an_unwritable_folder_is_reported(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(ExportTargetError, match="cannot write in"):
            write_atomic(folder / "brief.md", "x")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_a_refused_temporary_file_is_reported(tmp_path, monkeypatch):
    """What an unwritable folder looks like, also where permissions do not bind (root)."""

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(ExportTargetError, match="cannot write in .*Permission denied"):
        write_atomic(tmp_path / "brief.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_loses_nothing(tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    target.write_text("yesterday's brief")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportTargetError, match="No space left"):
        write_atomic(target, "today's brief", overwrite=True)
    assert target.read_text() == "yesterday's brief" and leftovers(tmp_path) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    real_link = os.link

    def racing_link(src, dst):
        target.write_text("someone else's")
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(ExportTargetExists, match="already exists"):
        write_atomic(target, "mine")
    assert target.read_text() == "someone else's" and leftovers(tmp_path) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
