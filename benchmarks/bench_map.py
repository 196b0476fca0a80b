"""Map and overview redraw at 10,000 and 100,000 events (issue 23: under 100 ms at 100k).

    python -m benchmarks.bench_map [--sizes 10000,100000] [--work DIR] [--repeat 7]

The corpus is indexed once (the real extractor); its events are then copied in SQL, a
week later each time, with their participants, until the index holds exactly N events,
so that places, actors and weeks keep the corpus's shape. For each size it measures,
median and worst of ``--repeat`` runs after one warm-up:

- ``map query``: what a filter change asks of SQLite (places with their counts, and the
  events in the filter and on the map), whole collection and one actor;
- ``map draw``: outlines and markers for a new view (a pan: the outline cache missed);
- ``map pan``, ``map zoom``, ``map next place``: a key pressed on the map screen of the
  headless app at 120x40 until the screen is drawn again (Textual's compositor included),
  as CPU time (the test harness sleeps while it waits), beside a key nothing is bound to;
- ``overview query``: ``briefing.index.overview.summary`` (events per week, tolls, top
  places, actors and targets with their weekly sparklines, newest and busiest incidents),
  and how long until its first part (weeks and tolls, which the screen draws first);
- ``overview show``: the overview screen filled from that summary and drawn.

A redraw after a filter change is ``query`` + ``draw`` (map) or ``query`` + ``show``
(overview); after a pan or zoom only the draw (the places are kept).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def base_index(work: Path, corpus: Path) -> Path:
    db = work / "base.sqlite3"
    if not db.exists():
        from briefing.index.indexer import index_paths
        from briefing.index.queries import Index

        with Index(db) as index:
            index_paths(index.con, [corpus], jobs=1)
    return db


def scaled(base: Path, work: Path, events: int) -> Path:
    """A copy of ``base`` holding exactly ``events`` events (copies a week apart)."""
    db = work / f"events-{events}.sqlite3"
    if db.exists():
        return db
    tmp = db.with_suffix(".tmp")
    shutil.copy(base, tmp)
    con = sqlite3.connect(tmp)
    top = con.execute("SELECT max(rowid) FROM events").fetchone()[0]
    cols = [r[1] for r in con.execute("PRAGMA table_info(events)")]
    rest = [c for c in cols if c not in ("rowid", "event_id", "date", "cluster")]
    copy = 1
    while con.execute("SELECT count(*) FROM events").fetchone()[0] < events:
        off = copy * top
        con.execute(
            f"INSERT INTO events (rowid, event_id, date, cluster, {', '.join(rest)})"
            f" SELECT rowid + {off}, 'bench-{copy}-' || rowid,"
            f" date(date, '+{7 * copy} days'), cluster + {off}, {', '.join(rest)}"
            f" FROM events WHERE rowid <= {top}"
        )
        con.execute(
            f"INSERT INTO participants SELECT event + {off}, role, position, entity, offset,"
            f" length, text, extra FROM participants WHERE event <= {top}"
        )
        copy += 1
    con.execute(
        "DELETE FROM events WHERE rowid IN (SELECT rowid FROM events ORDER BY rowid DESC"
        f" LIMIT (SELECT count(*) - {events} FROM events))"
    )
    con.commit()
    con.execute("VACUUM")
    con.execute("ANALYZE")
    con.close()
    tmp.rename(db)
    return db


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


async def cpu_timed(fn, repeat: int) -> tuple[float, float]:
    """CPU time of the process (threads included) while ``fn`` runs: the harness waits
    for the app to fall idle in 20 ms sleeps, so wall time would measure its sleeping."""
    await fn()
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        await fn()
        runs.append((time.process_time() - t) * 1000)
    return statistics.median(runs), max(runs)


def core(db: Path, repeat: int) -> dict[str, tuple[float, float]]:
    from briefing import geo
    from briefing.index import overview
    from briefing.index.filters import Filter, resolve
    from briefing.index.queries import Index

    out = {}
    with Index(db) as index:
        whole = resolve(index, Filter()).query()
        actor = resolve(index, Filter(actor="Islamic State")).query()
        out["map query (all)"] = timed(lambda: overview.mapped(index, whole), repeat)
        out["map query (actor)"] = timed(lambda: overview.mapped(index, actor), repeat)
        places = overview.mapped(index, whole)[0]
        view = geo.fit(geo.bounds(places, 0.8) or (-10, -10, 10, 10), 80, 36)
        views = iter([view.panned(0.01 * i, 0, 80, 36) for i in range(repeat + 2)])
        out["map draw (new view)"] = timed(lambda: geo.draw(next(views), 80, 36, places), repeat)
        out["overview query (all)"] = timed(lambda: overview.summary(index, whole), repeat)
        heads: list[float] = []

        def until_head() -> None:
            t = time.perf_counter()
            overview.summary(
                index, whole, on_head=lambda _: heads.append((time.perf_counter() - t) * 1000)
            )

        for _ in range(repeat + 1):
            until_head()
        out["overview chart and toll drawn first (all)"] = (
            statistics.median(heads[1:]),
            max(heads[1:]),
        )
        out["overview query (actor)"] = timed(lambda: overview.summary(index, actor), repeat)
    return out


async def in_app(db: Path, repeat: int) -> dict[str, tuple[float, float]]:
    from briefing.tui.app import BriefingApp
    from briefing.tui.screens.overview import OverviewScreen

    async def settle(pilot) -> None:
        for _ in range(3):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()

    out = {}
    app = BriefingApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        out["a key nothing is bound to (harness)"] = await cpu_timed(
            lambda: pilot.press("f12"), repeat
        )
        keys = iter(["l", "h"] * (repeat + 2))
        out["map pan (key to drawn)"] = await cpu_timed(lambda: pilot.press(next(keys)), repeat)
        zooms = iter(["plus", "minus"] * (repeat + 2))
        out["map zoom (key to drawn)"] = await cpu_timed(lambda: pilot.press(next(zooms)), repeat)
        steps = iter(["n", "N"] * (repeat + 2))
        out["map next place (key to drawn)"] = await cpu_timed(
            lambda: pilot.press(next(steps)), repeat
        )
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        data = screen.data

        async def show() -> None:
            screen.show(data)
            await pilot.pause()

        out["overview show (fill and draw)"] = await cpu_timed(show, repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench-map"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BRIEFING_HOME", str(args.work / "home"))
    base = base_index(args.work, args.corpus)
    print(f"# {dt.date.today()} · {platform.node()} · {platform.processor() or platform.machine()}"
          f" · {os.cpu_count()} cores · Python {platform.python_version()}"
          f" · load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print("| events | measure | median ms | worst ms |\n|---:|---|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        db = scaled(base, args.work, size)
        figures = {**core(db, args.repeat), **asyncio.run(in_app(db, args.repeat))}
        for name, (median, worst) in figures.items():
            print(f"| {size:,} | {name} | {median:.1f} | {worst:.1f} |", flush=True)
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
