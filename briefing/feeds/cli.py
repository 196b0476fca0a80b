"""``briefing feeds …``, ``briefing update`` and ``briefing add URL``."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

FEED_COLUMNS = ["id", "name", "unread", "articles", "checked", "status", "detail", "url"]


def register(sub, common) -> None:
    p = sub.add_parser("feeds", help="the feeds followed: add, list, remove, import, export")
    actions = p.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    a = actions.add_parser("add", help="follow an RSS or Atom feed")
    a.add_argument("url", metavar="URL")
    a.add_argument("--name", metavar="N", help="the outlet's name (default: the feed's title)")
    a.add_argument("--tag", metavar="T", action="append", default=[], help="a tag (repeatable)")
    common(a, formats=False)
    a = actions.add_parser("list", help="each feed with its unread articles and last status")
    a.add_argument("--tag", metavar="T", help="only feeds with this tag")
    common(a)
    a = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    a.add_argument("feed", metavar="FEED", help="its number, URL or name")
    common(a, formats=False)
    a = actions.add_parser("import", help="follow the feeds of an OPML file")
    a.add_argument("file", type=Path, metavar="FILE.opml")
    common(a, formats=False)
    a = actions.add_parser("export", help="write the feeds followed as OPML 2.0")
    a.add_argument("-o", "--output", metavar="FILE", help="file to write; - or none: stdout")
    a.add_argument("--force", action="store_true", help="overwrite an existing file")
    common(a, formats=False)
    p.set_defaults(handler=run_feeds)

    p = sub.add_parser("update", help="fetch every feed and index what is new")
    p.add_argument("--every", metavar="INTERVAL", help="keep updating, e.g. 15m, 1h, 90s")
    p.add_argument("--jobs", type=int, default=None, help="worker processes for extraction")
    p.add_argument("--timeout", type=float, default=None, help="seconds to wait for a server")
    common(p, formats=False)
    p.set_defaults(handler=run_update)

    p = sub.add_parser("add", help="fetch one web page and index it")
    p.add_argument("url", metavar="URL")
    common(p, formats=False)
    p.set_defaults(handler=run_add)


def _open(args):
    from briefing.cli import open_index

    return open_index(args)


def run_feeds(args: argparse.Namespace) -> int:
    from briefing.cli import CliError
    from briefing.feeds import opml, state

    cmd = args.feeds_command
    if cmd == "import":
        try:
            subs = opml.read_opml(args.file.read_bytes())
        except OSError as exc:
            raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
        except opml.OpmlError as exc:
            raise CliError(f"{args.file}: {exc}") from exc
        bad = [s.url for s in subs if not _is_http(s.url)]
        subs = [s for s in subs if _is_http(s.url)]
        with _open(args) as index:
            added, known = state.import_feeds(index.con, subs)
        print(f"imported {added} feeds ({known} followed already)", file=sys.stderr)
        for url in bad:
            print(f"  skipped {url!r}: not an http(s) URL", file=sys.stderr)
        return 0
    with _open(args) as index:
        con = index.con
        try:
            if cmd == "add":
                feed = state.add_feed(con, args.url, args.name, args.tag)
                print(
                    f"following {feed.url} as feed {feed.id}; `briefing update` fetches it",
                    file=sys.stderr,
                )
            elif cmd == "remove":
                feed = state.remove_feed(con, args.feed)
                print(
                    f"no longer following {feed.label} ({feed.url}); its articles stay",
                    file=sys.stderr,
                )
            elif cmd == "list":
                from briefing.output import write_rows

                rows = state.feed_rows(con)
                if args.tag:
                    rows = [r for r in rows if args.tag in r["tags"]]
                write_rows(rows, FEED_COLUMNS, args.format)
            elif cmd == "export":
                return _export(args, opml.write_opml(state.subscriptions(con)))
        except state.FeedError as exc:
            raise CliError(str(exc)) from exc
    return 0


def _is_http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _export(args: argparse.Namespace, text: str) -> int:
    from briefing.cli import CliError
    from briefing.export import ExportTargetError, check_target, write_atomic

    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        check_target(args.output, overwrite=args.force)
        written = write_atomic(args.output, [text], overwrite=args.force)
    except ExportTargetError as exc:
        raise CliError(str(exc)) from exc
    print(f"wrote {written}", file=sys.stderr)
    return 0


def parse_interval(text: str) -> float:
    """``15m``, ``1h``, ``90s`` or ``90`` (seconds) as seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not an interval: {text!r} (e.g. 15m, 1h, 90s)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def run_update(args: argparse.Namespace) -> int:
    every = None
    if args.every:
        try:
            every = parse_interval(args.every)
        except ValueError as exc:
            print(f"briefing: {exc}", file=sys.stderr)
            return 2
    while True:
        code = _update_once(args)
        if every is None:
            return code
        print(f"next update in {args.every} (ctrl+c stops)", file=sys.stderr)
        try:
            time.sleep(every)
        except KeyboardInterrupt:
            return code


def _update_once(args: argparse.Namespace) -> int:
    from briefing.cli import CliError
    from briefing.feeds import state
    from briefing.feeds.fetch import Policy
    from briefing.feeds.update import update
    from briefing.output import ProgressBar

    policy = Policy()
    if args.timeout is not None:
        policy.timeout = policy.deadline = args.timeout
    with _open(args) as index:
        if not state.list_feeds(index.con):
            raise CliError(
                "no feeds followed: `briefing feeds add URL` or `briefing feeds import FILE.opml`"
            )
        bars = {
            "fetching": ProgressBar("fetching", unit="feeds"),
            "indexing": ProgressBar("indexing"),
        }

        def progress(done: int, total: int, what: str) -> None:
            indexing = bars["indexing"]
            if what == "fetching" and indexing.started is not None:
                # indexing runs while the last feeds come in: one line says both
                indexing.note = f"feeds {done}/{total}" if done < total else None
                indexing(*indexing.last)
            else:
                bars[what](done, total)

        try:
            report = update(index.con, index.path, policy=policy, jobs=args.jobs, progress=progress)
        finally:
            for bar in bars.values():
                bar.close()
    for line in report.lines():
        print(line, file=sys.stderr)
    return 1 if report.failed and len(report.failed) == len(report.feeds) else 0


def run_add(args: argparse.Namespace) -> int:
    from briefing.cli import CliError
    from briefing.feeds import state
    from briefing.feeds.update import add_page

    with _open(args) as index:
        try:
            article, new, lines = add_page(index.con, index.path, args.url)
        except state.FeedError as exc:
            raise CliError(str(exc)) from exc
    for line in lines:
        print(line, file=sys.stderr)
    print(f"{'added' if new else 'stored already as'} {article}", file=sys.stderr)
    print(article)
    return 0
