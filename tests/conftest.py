from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test keeps its index, config and cache under its own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home
