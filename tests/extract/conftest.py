from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def stub_extract():
    """extract() with the stub gazetteer: pins the event engine whatever the dictionaries hold."""
    from stub_gazetteer import find_mentions

    from briefing.extract import extract

    return lambda article: extract(article, find_mentions)
