"""Wheel build hook: compile the extraction engine with mypyc.

Extraction is the hot loop of indexing (see BENCHMARKS.md); compiled with mypyc it runs
markedly faster with the same source. The modules to compile are listed in
``pyproject.toml`` (``[tool.hatch.build.targets.wheel.hooks.custom] compile``). Editable
installs and builds with ``BRIEFING_PURE_PYTHON=1`` stay pure Python; so does any build
where mypyc is missing or fails (no C compiler, a newer mypy with new complaints): the
build then says so and ships the same modules uncompiled, which behave identically.

``python hatch_build.py inplace`` compiles them next to the sources of a checkout (for
the benchmarks; ``briefing.extract.compiled()`` then says True); ``python hatch_build.py
clean`` removes them again (edits to a compiled module take effect only after that).
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
        self.app.display_info(f"briefing: compiling {len(modules)} modules with mypyc")
        built, log = compile_modules(Path(self.root), modules, work)
        if not built:
            self.app.display_warning(
                "briefing: mypyc could not compile the extractor; the wheel is pure Python "
                f"(same results, slower extraction).\n{log}"
            )
            return
        for so in built:
            build_data["force_include"][str(so)] = str(so.relative_to(work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)


def compile_modules(root: Path, modules: list[str], work: Path) -> tuple[list[Path], str]:
    """Compile ``modules`` (paths under ``root``) in ``work``: the extension files built
    (relative to ``work`` as they go in the package), or none and the end of the log."""
    # a copy of the package without pyproject.toml: setuptools (which mypyc drives)
    # does not read our PEP 639 metadata
    shutil.copytree(
        root / "briefing",
        work / "briefing",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "_compiled", "_bundled"),
    )
    (work / "mypy.ini").write_text(MYPY_SETTINGS)
    run = subprocess.run(
        [sys.executable, "-m", "mypyc", *modules],
        cwd=work,
        capture_output=True,
        text=True,
    )
    built = sorted(work.glob("*.so")) + sorted((work / "briefing").rglob("*.so"))
    if run.returncode != 0 or not built:
        return [], "\n".join((run.stdout + run.stderr).strip().splitlines()[-15:])
    return built, ""


def _artifacts(root: Path) -> list[Path]:
    return sorted(root.glob("*__mypyc*.so")) + sorted((root / "briefing").rglob("*.so"))


def main(argv: list[str]) -> int:
    import tomllib

    root = Path(__file__).resolve().parent
    if argv[1:] != ["inplace"] and argv[1:] != ["clean"]:
        print("usage: python hatch_build.py inplace|clean", file=sys.stderr)
        return 2
    for so in _artifacts(root):
        so.unlink()
    if argv[1] == "clean":
        return 0
    conf = tomllib.loads((root / "pyproject.toml").read_text())
    modules = conf["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]
    with tempfile.TemporaryDirectory(prefix="briefing-mypyc-") as tmp:
        built, log = compile_modules(root, modules, Path(tmp))
        if not built:
            print(f"mypyc failed:\n{log}", file=sys.stderr)
            return 1
        for so in built:
            shutil.copy2(so, root / so.relative_to(tmp))
    print(f"compiled {len(modules)} modules in place ({len(built)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
