"""A wheel built from the repo, installed into a fresh virtual environment, finds its files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECK = """
import json, sys
from pathlib import Path
import briefing, briefing.paths as p
pkg = Path(briefing.__file__).parent
print(json.dumps({
    "package": str(pkg),
    "seeds": sorted(x.name for x in p.bundled("seeds").glob("*.txt")),
    "styles": sorted(x.name for x in p.bundled("styles").glob("*.tcss")),
    "data": sorted(str(x.relative_to(pkg)) for x in pkg.rglob("*") if x.suffix in (".toml", ".txt", ".md")
                   and "_bundled" not in x.parts),
}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    # kept for the compiled-engine test: mypyc's complaints are in the build's output
    (tmp / "build.log").write_text(build.stdout + build.stderr)
    (wheel,) = dist.glob("briefing-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the test environment; briefing itself only from the wheel.
    (site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return py


def test_wheel_has_seeds_styles_and_data(installed, tmp_path):
    out = subprocess.run(
        [str(installed), "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path
    ).stdout
    found = json.loads(out)
    assert str(installed.parent.parent) in found["package"]  # not the checkout
    assert found["seeds"] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert found["styles"] and found["styles"] == sorted(
        p.name for p in (ROOT / "styles").glob("*.tcss")
    )
    assert "ingest/data/boilerplate.toml" in found["data"]
    assert "index/data/dictionary-1.txt" in found["data"]  # stored texts need it
    shipped = {str(p.relative_to(ROOT / "briefing")) for p in (ROOT / "briefing").rglob("*.toml")}
    assert shipped <= set(found["data"])


def test_installed_command_indexes_the_bundled_seeds(installed, tmp_path):
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path / "home")}
    run = lambda *a: subprocess.run(  # noqa: E731
        [str(installed), "-m", "briefing", *a],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    seeds = run("paths").stdout.split("seeds")[1].split()[0]
    run("index", seeds)
    rows = [json.loads(line) for line in run("articles", "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 5


EXTRACT = """
import dataclasses, json, sys
from pathlib import Path
from briefing.extract import compiled, extract
from briefing.ingest.readers import read_file
out = {"compiled": compiled(), "articles": []}
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for a in read_file(path):
        x = extract(a)
        out["articles"].append([[[m.start, m.end, m.entity.id] for m in x.mentions],
                                [dataclasses.asdict(e) for e in x.events]])
print(json.dumps(out, default=str))
"""


def test_compiled_engine_extracts_exactly_what_the_source_does(installed, tmp_path):
    """The wheel's engine is compiled with mypyc (hatch_build.py) when a compiler is there;
    compiled or not, it must give the same mentions and events as the source tree."""
    run = lambda py: json.loads(  # noqa: E731
        subprocess.run(
            [str(py), "-c", EXTRACT, str(ROOT / "seeds")],
            check=True, capture_output=True, text=True, cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT) if py == sys.executable else ""},
        ).stdout
    )  # fmt: skip
    wheel, source = run(installed), run(sys.executable)
    assert not source["compiled"]
    if shutil.which("cc") or shutil.which("gcc"):
        log = (installed.parents[2] / "build.log").read_text()
        assert wheel["compiled"], f"mypyc did not compile the engine:\n{log[-3000:]}"
    assert len(wheel["articles"]) == 5
    assert wheel["articles"] == source["articles"]
