"""Run the benchmarks: ``python -m benchmarks.run --sizes 1000,10000,100000 --out BENCHMARKS.md``.

For each size, builds a scaled collection from the real corpus (see collection.py), then
runs every stage in its own process (see stages.py) and the app's first paint under tmux.
Prints the figures as it goes; with ``--out``, writes the results table into that markdown
file between the ``<!-- results -->`` markers, keeping the rest of the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import collection

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"
STAGES = [
    "ingest",
    "extract",
    "index-breakdown",
    "index",
    "reindex",
    "lookup",
    "fulltext",
    "paint",
    "export",
    "export-table",
    "link",
]
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def run_stage(name: str, data: Path, db: Path, jobs: int, budget: float) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.stages", name, "--collection", str(data)]
    cmd += ["--db", str(db), "--jobs", str(jobs), "--budget", str(budget)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=_env(db))
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
        return {"error": tail[0], "wall_seconds": wall}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = wall
    return result


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BRIEFING_HOME"] = str(db.parent / "home")  # never the user's own config or index
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def first_paint(db: Path, repeats: int = 3, timeout: float = 60.0) -> dict:
    """Seconds from launching ``briefing app`` in a terminal (tmux, 160×48) until one of
    the newest articles' titles is on the screen, polled every 10 ms: process start,
    imports, index open, the list filled and drawn. The median of ``repeats`` launches."""
    tmux = shutil.which("tmux")
    if not tmux:
        return {"skipped": "tmux is not installed"}
    env = _env(db)
    probe = subprocess.run(
        [sys.executable, "-c", "import briefing.tui.app"], cwd=ROOT, env=env, capture_output=True
    )
    if probe.returncode != 0:
        return {"skipped": "briefing.tui.app is not built yet"}
    from briefing.index.queries import Index

    with Index(db, readonly=True) as index:
        newest = index.articles(limit=10)
    if not newest:
        return {"skipped": "empty index"}
    # The list is painted when one of the newest titles shows; two words, as the list may
    # wrap a title and may order equal dates differently.
    needles = {" ".join(a["title"].split()[:2]) for a in newest}
    socket = f"briefing-bench-{os.getpid()}"
    base = [tmux, "-L", socket]
    app = " ".join(
        shlex.quote(a) for a in [sys.executable, "-m", "briefing", "app", "--db", str(db)]
    )
    exports = " ".join(f"{k}={shlex.quote(env[k])}" for k in ("BRIEFING_HOME", "PYTHONPATH"))
    subprocess.run([*base, "new-session", "-d", "-s", "hold", "sleep 3600"], check=True)
    times: list[float] = []
    memory: dict = {}
    try:
        for n in range(repeats):
            name = f"paint{n}"
            t = time.perf_counter()
            subprocess.run(
                [*base, "new-session", "-d", "-s", name, "-x", "160", "-y", "48",
                 f"cd {shlex.quote(str(ROOT))} && {exports} TERM=xterm-256color exec {app}"],
                check=True,
            )  # fmt: skip
            while time.perf_counter() - t < timeout:
                screen = subprocess.run(
                    [*base, "capture-pane", "-p", "-t", name], capture_output=True, text=True
                ).stdout
                if any(needle in screen for needle in needles):
                    times.append(time.perf_counter() - t)
                    break
                time.sleep(0.01)
            if n == repeats - 1 and times:
                memory = _app_memory(base, name)
            subprocess.run([*base, "kill-session", "-t", name], capture_output=True)
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)
    if not times:
        return {"error": f"no article title on screen after {timeout:.0f}s"}
    return {"seconds": statistics.median(times), "runs": [round(x, 3) for x in times], **memory}


def _rss_mb(pid: str) -> dict[str, float]:
    """Resident memory of a process now and at its peak, from /proc (Linux)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return out


def _app_memory(base: list[str], session: str) -> dict:
    """The app's memory once painted, then after typing every lookup query of
    ``queries.LOOKUPS`` one character at a time (results shown for each keystroke)."""
    from benchmarks.queries import LOOKUPS

    pid = subprocess.run(
        [*base, "display-message", "-p", "-t", session, "#{pane_pid}"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not pid:
        return {}
    opened = _rss_mb(pid).get("VmRSS")
    for query, _expected in LOOKUPS:
        subprocess.run([*base, "send-keys", "-t", session, "/"], capture_output=True)
        for ch in query:
            subprocess.run([*base, "send-keys", "-t", session, "-l", ch], capture_output=True)
            time.sleep(0.05)
        time.sleep(0.3)
        subprocess.run([*base, "send-keys", "-t", session, "Escape"], capture_output=True)
    time.sleep(0.5)
    after = _rss_mb(pid)
    return {
        "rss_open_mb": opened,
        "rss_after_lookups_mb": after.get("VmRSS"),
        "rss_peak_mb": after.get("VmHWM"),
    }


def machine() -> dict:
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            mem = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "memory_gb": mem,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "load": round(os.getloadavg()[0], 2),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
    }


def bench_size(size: int, args, work: Path) -> dict:
    t = time.perf_counter()
    data = collection.build(args.corpus, size, args.seed, work)
    results: dict = {"size": size, "build_seconds": time.perf_counter() - t}
    db, scratch = work / f"index-{size}.sqlite3", work / f"scratch-{size}.sqlite3"
    for name in args.stages:
        t = time.perf_counter()
        if name == "paint":
            result = first_paint(db)
        elif name in ("index-breakdown", "link"):
            result = run_stage(name, data, scratch, args.jobs, args.budget)
        else:
            result = run_stage(name, data, db, args.jobs, args.budget)
        result["load"] = round(os.getloadavg()[0], 2)  # the machine may be shared
        results[name] = result
        shown = {k: v for k, v in result.items() if k not in ("firsts",)}
        print(f"  {size:>7} {name:<16} {_brief(shown)}", flush=True)
    return results


def _brief(d: dict) -> str:
    return " ".join(f"{k}={round(v, 3) if isinstance(v, float) else v}" for k, v in d.items())


# report ---------------------------------------------------------------------------------


def _get(r: dict, stage: str, key: str):
    v = r.get(stage, {}).get(key)
    return v if isinstance(v, (int, float)) else None


def _fmt(v, unit: str = "") -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        v = f"{v:.3g}" if abs(v) < 100 else f"{v:,.0f}"
    return f"{v}{unit}"


def _growth(results: list[dict], value) -> str:
    pts = [(r["size"], value(r)) for r in results]
    pts = [(n, v) for n, v in pts if v]
    if len(pts) < 2 or pts[0][0] == pts[-1][0]:
        return "–"
    (n1, v1), (n2, v2) = pts[0], pts[-1]
    b = math.log(v2 / v1) / math.log(n2 / n1)
    label = (
        "flat"
        if b < 0.3
        else "sub-linear"
        if b < 0.85
        else "linear"
        if b <= 1.15
        else "worse than linear"
    )
    return f"n^{b:.2f} ({label})"


ROWS = [
    # (label, unit, value from one size's results, goal)
    ("ingest: read + clean (s)", "", lambda r: _get(r, "ingest", "seconds"), ""),
    ("extraction, one core (s)", "", lambda r: _get(r, "extract", "seconds"), "≥ 1000 articles/s"),
    ("extraction, articles/s", "", lambda r: _get(r, "extract", "articles_per_s"), "≥ 1000"),
    ("index, jobs=1 (s)", "", lambda r: _get(r, "index-breakdown", "seconds"), ""),
    ("  of which extraction (s)", "", lambda r: _get(r, "index-breakdown", "extract_seconds"), ""),
    ("  of which index write (s)", "", lambda r: _get(r, "index-breakdown", "write_seconds"), ""),
    ("  of which linking (s)", "", lambda r: _get(r, "index-breakdown", "link_seconds"), ""),
    (
        "  of which read, hash, rest (s)",
        "",
        lambda r: _get(r, "index-breakdown", "other_seconds"),
        "",
    ),
    (
        "index end to end, jobs=N (s)",
        "",
        lambda r: _get(r, "index", "seconds"),
        "10k < 15 s; 100k < 180 s",
    ),
    ("speed-up jobs=N vs jobs=1", "×", lambda r: _ratio(r, "index-breakdown", "index"), ""),
    ("re-index unchanged (s)", "", lambda r: _get(r, "reindex", "seconds"), "10k < 1 s"),
    ("re-link everything (s)", "", lambda r: _get(r, "link", "seconds"), ""),
    ("app first paint (s)", "", lambda r: _get(r, "paint", "seconds"), "10k < 1 s; 100k < 2 s"),
    ("app memory once painted (MB)", "", lambda r: _get(r, "paint", "rss_open_mb"), ""),
    (
        "app peak memory after typing every lookup query (MB)",
        "",
        lambda r: _get(r, "paint", "rss_peak_mb"),
        "10k < 300",
    ),
    ("lookup names (names + aliases + titles)", "", lambda r: _get(r, "lookup", "names"), ""),
    ("lookup name table build (ms)", "", lambda r: _ms(_get(r, "lookup", "table_seconds")), ""),
    ("lookup per keystroke, median (ms)", "", lambda r: _get(r, "lookup", "median_ms"), ""),
    (
        "lookup per keystroke, p95 (ms)",
        "",
        lambda r: _get(r, "lookup", "p95_ms"),
        "10k < 30; 100k < 100",
    ),
    (
        "lookup as the app calls it (new thread and connection), p95 (ms)",
        "",
        lambda r: _get(r, "lookup", "app_p95_ms"),
        "",
    ),
    ("textual.fuzzy.Matcher / ours", "×", lambda r: _get(r, "lookup", "matcher_ratio"), "≥ 10×"),
    ("fzf --filter / ours", "×", lambda r: _get(r, "lookup", "fzf_ratio"), ""),
    ("typo queries with the right entity first", "", lambda r: _right(r), "all indexed"),
    ("full text FTS5, median (ms)", "", lambda r: _get(r, "fulltext", "fts_median_ms"), ""),
    ("Python scan / FTS5", "×", lambda r: _get(r, "fulltext", "ratio"), ""),
    ("export: markdown brief of everything (s)", "", lambda r: _get(r, "export", "seconds"), ""),
    ("export: CSV of every event (s)", "", lambda r: _get(r, "export-table", "seconds"), ""),
    ("index file (MB)", "", lambda r: _mb(_get(r, "index", "db_bytes")), ""),
    ("index file / clean text", "×", lambda r: _ratio_bytes(r), "< 3×"),
]
MEMORY = [
    "ingest",
    "extract",
    "index-breakdown",
    "index",
    "reindex",
    "lookup",
    "fulltext",
    "export",
    "export-table",
    "link",
]


def _ms(v):
    return v * 1000 if v is not None else None


def _mb(v):
    return v / 1024 / 1024 if v is not None else None


def _ratio(r, slow, fast):
    a, b = _get(r, slow, "seconds"), _get(r, fast, "seconds")
    return a / b if a and b else None


def _ratio_bytes(r):
    a, b = _get(r, "index", "db_bytes"), _get(r, "index", "text_bytes")
    return a / b if a and b else None


def _right(r):
    n, total = _get(r, "lookup", "right_first"), _get(r, "lookup", "typo_queries")
    absent = _get(r, "lookup", "not_indexed")
    return f"{n}/{total}" + (f" (+{absent} not indexed)" if absent else "") if total else None


def render(results: list[dict], info: dict, command: str) -> str:
    sizes = [r["size"] for r in results]
    loads = [s["load"] for r in results for s in r.values() if isinstance(s, dict) and "load" in s]
    head = "| measure | " + " | ".join(f"{n:,}" for n in sizes) + " | growth | goal |"
    out = [
        BEGIN,
        f"Measured {info['date']} on {info['cores']} cores, {info['memory_gb']} GB, "
        f"Python {info['python']} ({info['platform']}), commit {info['commit']}, "
        f"jobs={info['jobs']}. Load average (1 min) at the start {info['load']}, after each "
        f"stage between {min(loads, default=0):.1f} and {max(loads, default=0):.1f}"
        " (above 2 means other work shared the two cores).",
        "",
        f"    {command}",
        "",
        head,
        "|" + "---|" * (len(sizes) + 3),
    ]
    for label, unit, value, goal in ROWS:
        cells = [_fmt(value(r), unit) for r in results]
        numeric = label != "typo queries with the right entity first"
        growth = _growth(results, value) if numeric else ""
        out.append(f"| {label} | " + " | ".join(cells) + f" | {growth} | {goal} |")
    out += [
        "",
        "Peak resident memory per stage (MB; for `index`, the writer / the largest worker):",
        "",
    ]
    out += ["| stage | " + " | ".join(f"{n:,}" for n in sizes) + " | goal |"]
    out += ["|" + "---|" * (len(sizes) + 2)]
    for stage in MEMORY:
        cells = []
        for r in results:
            own, workers = _get(r, stage, "peak_rss_mb"), _get(r, stage, "worker_peak_rss_mb")
            if stage != "index":  # other stages have no workers (a forked fzf is no worker)
                workers = None
            cells.append(
                "–" if own is None else f"{own:.0f}" + (f" / {workers:.0f}" if workers else "")
            )
        goal = "100k < 500" if stage == "index" else ""
        out.append(f"| {stage} | " + " | ".join(cells) + f" | {goal} |")
    notes = []
    for r in results:
        for stage in STAGES:
            s = r.get(stage, {})
            why = s.get("skipped") or s.get("error")
            if isinstance(why, str):
                notes.append(f"- {r['size']:,} {stage}: {why}")
    lookups = [r for r in results if r.get("lookup", {}).get("firsts")]
    if lookups:
        r = lookups[-1]
        notes.append(f"- first actor or place at {r['size']:,}: " + "; ".join(
            f"{f['query']!r} → {f['top'] or 'nothing'}"
            + ("" if f["right"] else " ✗" if f.get("indexed", True) else " (not in the index)")
            for f in r["lookup"]["firsts"]
        ))  # fmt: skip
    if notes:
        out += ["", *notes]
    out.append(END)
    return "\n".join(out)


def write_report(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmarks\n\n") + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default="1000", help="comma-separated article counts")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"any of {','.join(STAGES)}")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "briefing-bench",
        help="folder for collections and index files (not committed)",
    )
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds for each slow comparison"
    )
    parser.add_argument("--out", type=Path, help="markdown file to write the results into")
    args = parser.parse_args(argv)
    args.stages = [s for s in args.stages.split(",") if s]
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    if not args.corpus.is_file():
        parser.error(f"no corpus at {args.corpus}; give --corpus")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    info = machine() | {"jobs": args.jobs}
    print(_brief(info), flush=True)
    results = [bench_size(size, args, args.work) for size in sizes]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    raw = args.work / f"results-{stamp}.json"
    raw.write_text(json.dumps({"machine": info, "results": results}, indent=1))
    command = "python -m benchmarks.run " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    block = render(results, info, command)
    print(block)
    print(f"raw figures: {raw}")
    if args.out:
        write_report(args.out, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
