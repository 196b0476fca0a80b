"""Time ``briefing update`` on 100 feeds x 50 items served from the loopback interface.

    python -m benchmarks.bench_feeds                    # 100 feeds x 50 items, 20 hosts
    python -m benchmarks.bench_feeds --feeds 20 --items 10 --hosts 5 --jobs 2

Serves RSS 2.0 feeds (full text in ``content:encoded``, ETags honoured) from one threaded
HTTP server per loopback address (127.0.0.1, 127.0.0.2, ...: the fetcher's per-host limit
and delay apply per address, as they would to as many outlets), then times, into a fresh
index, a cold update (every item new: fetched, parsed, de-duplicated, stored, extracted,
indexed and linked) and a second update with nothing changed (every feed a 304). Items
are made from the corpus: the first half of one article and the second half of another,
so that each of the 5,000 is its own story (no two near-duplicates). The gazetteer is
compiled before timing (once per install). Goals: cold under 10 s, unchanged under 1 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def halves(text: str) -> tuple[str, str]:
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) < 2:
        words = text.split()
        return " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
    mid = len(paras) // 2
    return "\n".join(paras[:mid]), "\n".join(paras[mid:])


def build_feeds(corpus: Path, feeds: int, items: int, hosts: int) -> dict[tuple[int, str], bytes]:
    articles = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    n = len(articles)
    out = {}
    for f in range(feeds):
        host = f % hosts
        parts = []
        for i in range(items):
            k = f * items + i
            a, b = articles[k % n], articles[(k * 37 + k // n + 1) % n]
            body = halves(a["text"])[0] + "\n" + halves(b["text"])[1]
            html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
            day = 1 + k % 28
            parts.append(
                f"<item><title>{escape(a['title'])}</title>"
                f"<link>http://127.0.0.{host + 1}:{{port}}/story/{f}/{i}</link>"
                f"<guid>story-{f}-{i}</guid><pubDate>Mon, {day:02d} Nov 2026 08:00:00 GMT</pubDate>"
                f"<description>{escape(body[:200])}</description>"
                f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
            )
        xml = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Outlet {f}</title><link>http://example.org/{f}</link>{''.join(parts)}"
            "</channel></rss>"
        )
        out[(host, f"/feed/{f}.xml")] = xml
    return out


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_feeds")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=20, help="loopback addresses serving them")
    parser.add_argument(
        "--jobs", type=int, default=None, help="extraction workers (default: cores)"
    )
    parser.add_argument(
        "--unchanged", type=int, default=1, help="updates with nothing changed, after the cold one"
    )
    args = parser.parse_args(argv)
    from briefing.extract import compiled

    print(
        f"engine {'compiled (mypyc)' if compiled() else 'pure Python'}, "
        f"load average before: {os.getloadavg()[0]:.2f}",
        file=sys.stderr,
    )

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_HOME"] = tmp
        from briefing import paths
        from briefing.feeds import state
        from briefing.feeds.update import update
        from briefing.index.indexer import index_paths
        from briefing.index.queries import Index

        with Index(Path(tmp) / "warm.sqlite3") as warm:  # the gazetteer compiled, once
            index_paths(warm.con, [paths.bundled("seeds")], jobs=1)

        servers = []
        for h in range(args.hosts):
            httpd = ThreadingHTTPServer(
                (f"127.0.0.{h + 1}", 0), type("H", (Handler,), {"routes": {}})
            )
            httpd.daemon_threads = True
            servers.append(httpd)
        feeds = build_feeds(args.corpus, args.feeds, args.items, args.hosts)
        urls = []
        for (host, path), xml in feeds.items():
            port = servers[host].server_address[1]
            servers[host].RequestHandlerClass.routes[path] = xml.replace(
                "{port}", str(port)
            ).encode()
            urls.append(f"http://127.0.0.{host + 1}:{port}{path}")
        # the servers answer from a process of their own, as outlets do from their machines:
        # in this one, their threads would take the interpreter from the update's
        serving = mp.get_context("fork").Process(target=serve, args=(servers,), daemon=True)
        serving.start()
        size = sum(len(x) for x in feeds.values())
        print(f"{len(urls)} feeds x {args.items} items on {args.hosts} loopback hosts, "
              f"{size / 1e6:.1f} MB of XML", file=sys.stderr)  # fmt: skip

        db = Path(tmp) / "index.sqlite3"
        with Index(db) as index:
            for url in urls:
                state.add_feed(index.con, url)
            stages: dict[str, float] = {}

            def progress(done: int, total: int, stage: str) -> None:
                now = time.perf_counter()
                stages.setdefault(stage, now)  # the first of each stage
                if stage == "fetching" and done == total:
                    stages["fetched"] = now  # the last feed in

            for label in ("cold", *["unchanged"] * args.unchanged):
                stages.clear()
                t, cpu, own = time.perf_counter(), cpu_seconds(), cpu_seconds(children=False)
                report = update(index.con, index.path, jobs=args.jobs, progress=progress)
                total, cpu = time.perf_counter() - t, cpu_seconds() - cpu
                own = cpu_seconds(children=False) - own
                # indexing starts with the first feed's new items, while the others are
                # fetched: the phases overlap
                first = stages.get("indexing", t + total) - t
                fetched = stages.get("fetched", t + total) - t
                print(
                    f"{label:<10} {total:6.2f} s  (first items indexed from {first:.2f} s, every "
                    f"feed in at {fetched:.2f} s, indexing done {total - fetched:.2f} s after; "
                    f"CPU {cpu:.1f} s: this process {own:.1f} s, its workers {cpu - own:.1f} s): "
                    f"{report.new} new, {report.merged} merged, {len(report.failed)} failed",
                    file=sys.stderr,
                )
                for line in report.index_lines[:1]:
                    print(f"           {line}", file=sys.stderr)
                if report.index_timings:
                    parts = ", ".join(f"{k} {v:.2f} s" for k, v in report.index_timings.items())
                    print(f"           index stages: {parts}", file=sys.stderr)
            print(f"articles in the index: {index.count_articles()}", file=sys.stderr)
        serving.terminate()
        serving.join()
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    return 0


def serve(servers: list[ThreadingHTTPServer]) -> None:
    for httpd in servers:
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    threading.Event().wait()


def cpu_seconds(children: bool = True) -> float:
    """CPU time of this process (the writer and the fetching thread) and of its children
    that have ended (the update's workers; not the servers')."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN) if children else None
    return me.ru_utime + me.ru_stime + (kids.ru_utime + kids.ru_stime if kids else 0.0)


if __name__ == "__main__":
    sys.exit(main())
