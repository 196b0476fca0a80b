"""``briefing export``: the markdown briefing or the events table, to a file or stdout."""

from __future__ import annotations

import argparse
import sys


def register(sub, common) -> None:
    p = sub.add_parser(
        "export",
        help="write a markdown briefing (or the events as JSON/CSV) for a scope",
        description="Write a briefing of the events in scope. Filters (--actor, --place, "
        "--since, --until, --article) narrow the collection; --marked adds what was marked "
        "in the app (alone, it is just the marked entries).",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="file to write; - or none: stdout")
    p.add_argument(
        "--actor", metavar="NAME", help="an actor (fuzzy name or id), as actor or target"
    )
    p.add_argument(
        "--place", metavar="NAME", help="a place (fuzzy name or id), with places inside it"
    )
    p.add_argument("--since", metavar="DATE", help="first day: yyyy-mm-dd, yyyy-mm or yyyy")
    p.add_argument("--until", metavar="DATE", help="last day: yyyy-mm-dd, yyyy-mm or yyyy")
    p.add_argument(
        "--article", metavar="ID", nargs="+", action="extend", help="only these articles"
    )
    p.add_argument("--marked", action="store_true", help="add the entries marked in the app")
    from briefing.export.formats import FORMATS

    p.add_argument("--format", choices=tuple(FORMATS), default="md", help="default: md")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument(
        "--all-modalities",
        action="store_true",
        help="include negated, future, hypothetical and alleged events (default: asserted only)",
    )
    p.add_argument("--title", metavar="T", help="the briefing's title")
    common(p, formats=False)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from briefing.cli import CliError, open_index
    from briefing.export import (
        ExportTargetError,
        ScopeError,
        build_scope,
        check_target,
        stream,
        write_atomic,
    )

    to_stdout = args.output in (None, "-")
    if not to_stdout:
        try:
            check_target(args.output, overwrite=args.force)  # fail before the work
        except ExportTargetError as exc:
            raise CliError(str(exc)) from exc
    with open_index(args) as index:
        try:
            scope = build_scope(
                index,
                actor=args.actor,
                place=args.place,
                since=args.since,
                until=args.until,
                articles=args.article,
                marked=args.marked,
                all_modalities=args.all_modalities,
            )
        except ScopeError as exc:
            raise CliError(str(exc)) from exc
        options = {"title": args.title} if args.format == "md" else {}
        parts = stream(index, scope, args.format, **options)  # written as they come
        if to_stdout:
            sys.stdout.writelines(parts)
            return 0
        try:
            written = write_atomic(args.output, parts, overwrite=args.force)
        except ExportTargetError as exc:
            raise CliError(str(exc)) from exc
    print(f"wrote {written}", file=sys.stderr)
    return 0
