"""Export formats are one table (issue 26, item 4): md, csv, json and jsonl, and where
the app writes them (the export folder, configurable, shown by `briefing paths`)."""

from __future__ import annotations

import json

from briefing import paths
from briefing.cli import main
from briefing.config import load_config
from briefing.export.formats import FORMATS, ExportFormat, register
from tests.conftest import SEEDS


def test_formats_are_entries_of_one_table():
    assert list(FORMATS)[:4] == ["md", "csv", "json", "jsonl"]
    assert all(isinstance(f, ExportFormat) and f.suffix.startswith(".") for f in FORMATS.values())


def test_a_new_format_is_one_entry(capsys, monkeypatch):
    monkeypatch.setattr("briefing.export.formats.FORMATS", dict(FORMATS))
    register(ExportFormat("count", "Count", ".txt", lambda index, scope: iter(["n\n"])))
    from briefing.export import render

    assert render(None, None, "count") == "n\n"


def test_jsonl_from_the_command_line(capsys):
    assert main(["index", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all("event_id" in r and "confidence" in r for r in rows)


def test_export_folder_is_shown_and_configurable(capsys, tmp_path):
    main(["paths"])
    out = capsys.readouterr().out
    assert f"exports      {paths.export_dir()}" in out
    assert paths.export_dir() != paths.export_dir().cwd()
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(f'export_dir = "{tmp_path / "briefs"}"\n')
    load_config.cache_clear()
    try:
        assert paths.export_dir() == tmp_path / "briefs"
        main(["paths"])
        assert str(tmp_path / "briefs") in capsys.readouterr().out
    finally:
        load_config.cache_clear()
