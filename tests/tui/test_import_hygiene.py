"""The command line and the headless core never import Textual (it costs ~0.4 s to start)."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "briefing.cli",
    "briefing.config",
    "briefing.marks",
    "briefing.index.queries",
    "briefing.index.search",
    "briefing.index.indexer",
    "briefing.index.related",
    "briefing.index.profile",
    "briefing.index.link_cli",
    "briefing.export.markdown",
    "briefing.export.scope",
    "briefing.export.atomic",
    "briefing.export.cli",
    "briefing.tui.data",
]


def test_headless_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {HEADLESS!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'textual' not in sys.modules, name\n"
        "from briefing.cli import build_parser\n"
        "build_parser()\n"
        "assert 'textual' not in sys.modules, 'build_parser'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_app_module_does_import_textual():
    """The check above can fail: importing the app pulls Textual in."""
    code = "import sys, briefing.tui.app\nassert 'textual' in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
