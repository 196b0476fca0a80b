"""The modules mypyc compiles must type-check (mypyc trusts their annotations): a fast
check here names the line, long before the wheel build would fail on it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_compiled_engine_type_checks():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    files = conf["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]
    assert files, "pyproject.toml names the modules mypyc compiles"
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
