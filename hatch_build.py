"""Wheel build hook: compile the extraction engine with mypyc.

Extraction is the hot loop of indexing (see BENCHMARKS.md); compiled with mypyc it runs
markedly faster with the same source. The modules to compile are listed in
``pyproject.toml`` (``[tool.hatch.build.targets.wheel.hooks.custom] compile``). Editable
installs and builds with ``BRIEFING_PURE_PYTHON=1`` stay pure Python; so does any build
where mypyc is missing or fails (no C compiler, a newer mypy with new complaints): the
build then says so and ships the same modules uncompiled, which behave identically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MYPY_SETTINGS = "[mypy]\npython_version = 3.11\nignore_missing_imports = True\n"


class CompileExtractor(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        self._tmp: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("BRIEFING_PURE_PYTHON"):
            self.app.display_info("briefing: BRIEFING_PURE_PYTHON set, not compiling")
            return
        modules = list(self.config.get("compile", []))
        if not modules:
            return
        self._tmp = tmp = tempfile.mkdtemp(prefix="briefing-mypyc-")
        work = Path(tmp)
        # a copy of the package without pyproject.toml: setuptools (which mypyc drives)
        # does not read our PEP 639 metadata
        shutil.copytree(
            Path(self.root) / "briefing",
            work / "briefing",
            ignore=shutil.ignore_patterns("__pycache__", "*.so", "_compiled", "_bundled"),
        )
        (work / "mypy.ini").write_text(MYPY_SETTINGS)
        self.app.display_info(f"briefing: compiling {len(modules)} modules with mypyc")
        run = subprocess.run(
            [sys.executable, "-m", "mypyc", *modules],
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, "MYPYC_OPT_LEVEL": os.environ.get("MYPYC_OPT_LEVEL", "3")},
        )
        built = sorted(work.glob("*.so")) + sorted((work / "briefing").rglob("*.so"))
        if run.returncode != 0 or not built:
            tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-15:])
            self.app.display_warning(
                "briefing: mypyc could not compile the extractor; the wheel is pure Python "
                f"(same results, slower extraction).\n{tail}"
            )
            return
        for so in built:
            build_data["force_include"][str(so)] = str(so.relative_to(work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
