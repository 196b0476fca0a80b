"""Indexing scaled out on Dask against one process (issue 24).

    python -m benchmarks.bench_dask [--size 100000] [--workers 2] [--modes ...] [--out BENCHMARKS.md]

The collection is the corpus scaled up by ``benchmarks/collection.py`` (as the index
benchmark scales it). Each mode runs in a process of its own, into a fresh index:

- ``single``: ``index_paths(jobs=1)``, extraction and writing in one process;
- ``dask``: ``briefing index --workers N`` as the command line runs it: a LocalCluster
  of N worker processes (started and stopped inside the time), shards merged as they come;
- ``extract``: the cluster's extraction alone: every partition extracted to its Parquet
  shard, nothing merged (the per-core rate a bigger cluster would scale by);
- ``merge``: the merge alone: those shards written into a fresh index, linked and counted
  (the cost no cluster size takes away: one SQLite writer).

With ``--out``, the figures go into that markdown file between this benchmark's markers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import collection
from benchmarks.run import CORPUS, ROOT, machine

MODES = ("single", "dask", "extract", "merge")
BEGIN, END = "<!-- dask:begin -->", "<!-- dask:end -->"


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mode(mode: str, data: Path, work: Path, workers: int, partition: int) -> dict:
    """In a process of its own (see ``main``): one mode, its figures as a dict."""
    from briefing.index import scale
    from briefing.index.indexer import index_paths
    from briefing.index.store import connect

    shards = work / "shards"
    db = work / f"{mode}.sqlite3"
    for leftover in work.glob(f"{mode}.sqlite3*"):
        leftover.unlink()
    t0 = time.perf_counter()
    out: dict = {"mode": mode}
    if mode == "single":
        con = connect(db)
        summary = index_paths(con, [data], jobs=1)
        con.close()
        out |= {"articles": summary.indexed, "timings": summary.timings}
    elif mode == "dask":
        code = subprocess.call(
            [sys.executable, "-m", "briefing", "index", str(data), "--db", str(db),
             "--workers", str(workers), "--partition", str(partition)],
            cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        if code:
            raise SystemExit(f"briefing index --workers failed ({code})")
        con = connect(db)
        out["articles"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
    elif mode == "extract":
        from dask.distributed import wait

        from briefing.ingest import discover

        shutil.rmtree(shards, ignore_errors=True)
        shards.mkdir(parents=True)
        with scale.cluster(workers, dashboard_address=":0") as running:
            t_up = time.perf_counter()
            parts = scale.plan(list(discover([data], [])), partition)
            t_plan = time.perf_counter()
            futures = [
                running.client.submit(scale.run_part, p, {}, str(shards), pure=False) for p in parts
            ]
            wait(futures)
            counts = [f.result()[2] for f in futures]
            t_done = time.perf_counter()
        out |= {
            "articles": sum(counts),
            "partitions": len(parts),
            "cluster_start_seconds": t_up - t0,
            "plan_seconds": t_plan - t_up,
            "extract_seconds": t_done - t_plan,
            "shards_mb": sum(f.stat().st_size for f in shards.iterdir()) / 1e6,
        }
    elif mode == "merge":
        from briefing.ingest import discover

        files = list(discover([data], []))
        shard_files = sorted(shards.glob("part-*.parquet"))
        if not shard_files:
            raise SystemExit("no shards: run the 'extract' mode first")

        def from_shards(_files, _snapshot):
            for shard in shard_files:
                yield scale.read_shard(str(shard))

        con = connect(db)
        summary = index_paths(con, [data], extraction=from_shards)
        con.close()
        out |= {"articles": summary.indexed, "timings": summary.timings, "files": len(files)}
    out["seconds"] = time.perf_counter() - t0
    out["peak_mb"] = _peak_mb()
    if db.exists():
        out["index_mb"] = db.stat().st_size / 1e6
    return out


def _table(info: dict, size: int, workers: int, results: dict[str, dict]) -> str:
    def get(mode: str, key: str, default=None):
        return results.get(mode, {}).get(key, default)

    lines = [
        f"Measured {info['date']} on {info['cores']} cores, {info['memory_gb']} GB, Python "
        f"{info['python']} ({info['platform']}), commit {info['commit']}. Load average "
        f"(1 min) at the start {info['load']}, after each mode: "
        + ", ".join(f"{m} {r['load']}" for m, r in results.items())
        + " (above 2: other work shared the two cores).",
        "",
        f"    python -m benchmarks.bench_dask --size {size} --workers {workers} --out BENCHMARKS.md",
        "",
        "| mode | articles | wall (s) | articles/s | peak MB (this process) |",
        "|---|---|---|---|---|",
    ]
    names = {
        "single": "one process (`index_paths(jobs=1)`)",
        "dask": f"`briefing index --workers {workers}` (LocalCluster, end to end)",
        "extract": f"extraction alone on the LocalCluster of {workers} (to Parquet shards)",
        "merge": "merge alone (shards into a fresh index, linked and counted)",
    }
    for mode, r in results.items():
        seconds = r.get("extract_seconds", r["seconds"])
        peak = "— (a child process)" if mode == "dask" else f"{r['peak_mb']:,.0f}"
        lines.append(
            f"| {names[mode]} | {r['articles']:,} | {seconds:,.1f} | "
            f"{r['articles'] / seconds:,.0f} | {peak} |"
        )
    lines.append("")
    if "single" in results and "dask" in results:
        lines.append(
            f"- Speed-up of the LocalCluster over one process: "
            f"{get('single', 'seconds') / get('dask', 'seconds'):.2f}×."
        )
    if "extract" in results:
        r = results["extract"]
        lines.append(
            f"- Extraction: {r['partitions']} partitions; cluster start "
            f"{r['cluster_start_seconds']:.1f} s, plan (a scan of the JSONL) "
            f"{r['plan_seconds']:.1f} s; {r['articles'] / r['extract_seconds'] / workers:,.0f} "
            f"articles/s per worker; shards {r['shards_mb']:,.0f} MB "
            f"({r['shards_mb'] * 1e3 / r['articles']:.1f} KB an article)."
        )
    for mode in ("single", "merge"):
        if mode in results and results[mode].get("timings"):
            parts = ", ".join(f"{k} {v:,.1f} s" for k, v in results[mode]["timings"].items())
            lines.append(f"- {mode}: {parts}; index {results[mode].get('index_mb', 0):,.0f} MB.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--partition", type=int, default=1000)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # a mode, in this process
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    work = args.work / f"dask-{args.size}"
    work.mkdir(parents=True, exist_ok=True)
    if args.one:
        result = run_mode(args.one, args.data, work, args.workers, args.partition)
        print(json.dumps(result))
        return 0
    data = collection.build(args.corpus, args.size, args.seed, args.work)
    info = machine()
    print(json.dumps(info), flush=True)
    env = dict(os.environ, BRIEFING_HOME=str(work / "home"))
    results: dict[str, dict] = {}
    for mode in [m for m in args.modes.split(",") if m]:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_dask", "--one", mode, "--data", str(data),
             "--size", str(args.size), "--workers", str(args.workers),
             "--partition", str(args.partition), "--work", str(args.work)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
        results[mode]["load"] = round(os.getloadavg()[0], 2)
        print(json.dumps(results[mode]), flush=True)
    table = _table(info, args.size, args.workers, results)
    print(table)
    (work / "results.json").write_text(json.dumps({"machine": info, "results": results}))
    if args.out:
        text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        block = f"{BEGIN}\n{table}\n{END}"
        if BEGIN in text and END in text:
            text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
        else:
            text = (
                text.rstrip("\n")
                + "\n\n## Dask: one process against a LocalCluster\n\n"
                + block
                + "\n"
            )
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
