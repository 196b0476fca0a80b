"""``briefing export``: the markdown briefing or the events table, to a file or stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser(
        "export",
        help="write a markdown briefing (or the events as JSON/CSV) for a scope",
        description="Write a briefing of the events in scope. Filters (--actor, --place, "
        "--since, --until, --article) narrow the collection; --marked adds what was marked "
        "in the app (alone, it is just the marked entries).",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="file to write; - or none: stdout")
    from briefing.cli import add_filter_options

    add_filter_options(p, names=True)  # the same flags and --filter as briefing events
    p.add_argument(
        "--article", metavar="ID", nargs="+", action="extend", help="only these articles"
    )
    p.add_argument("--marked", action="store_true", help="add the entries marked in the app")
    from briefing.export.formats import FORMATS

    p.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="md",
        help="default: md; geojson: one Feature per event with coordinates (RFC 7946)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument(
        "--all-modalities",
        action="store_true",
        help="include negated, future, hypothetical and alleged events (default: asserted only)",
    )
    p.add_argument("--title", metavar="T", help="the briefing's title")
    p.add_argument(
        "--no-map",
        action="store_true",
        help="md to a file: do not write the static map (FILE's name + .map.svg) beside it",
    )
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
    map_path = None
    if not to_stdout and args.format == "md" and not args.no_map:
        map_path = map_beside(args.output)
    if not to_stdout:
        try:
            for target in filter(None, (args.output, map_path)):
                check_target(target, overwrite=args.force)  # fail before the work
        except ExportTargetError as exc:
            raise CliError(str(exc)) from exc
    with open_index(args) as index:
        from briefing.cli import filter_of

        keys = ("actor", "place", "since", "until", "type", "mode", "source", "modality")
        wanted = filter_of(args, index, keys=keys)  # checked: FilterError exits 2
        if wanted.filter.article:
            args.article = [*(args.article or []), wanted.filter.article]
        try:
            scope = build_scope(
                index,
                actor=wanted.actor and wanted.actor["id"],
                place=wanted.place and wanted.place["id"],
                since=wanted.filter.since,
                until=wanted.filter.until,
                type=wanted.filter.type,
                mode=wanted.filter.mode,
                source=wanted.source,
                modality=wanted.filter.modality,
                articles=args.article,
                marked=args.marked,
                all_modalities=args.all_modalities,
            )
        except ScopeError as exc:
            raise CliError(str(exc)) from exc
        options = {"title": args.title, "map_path": map_path} if args.format == "md" else {}
        if args.format == "geojson":
            from briefing.export.geojson import GeoJSON

            parts = geo = GeoJSON(index, scope)
        else:
            parts, geo = stream(index, scope, args.format, **options), None  # as they come
        if to_stdout:
            sys.stdout.writelines(parts)
            _left_out(geo)
            return 0
        try:
            written = write_atomic(args.output, parts, overwrite=args.force)
        except ExportTargetError as exc:
            raise CliError(str(exc)) from exc
    print(f"wrote {written}", file=sys.stderr)
    if map_path is not None and map_path.exists():
        print(f"wrote {map_path} (the map, linked from the brief)", file=sys.stderr)
    _left_out(geo)
    return 0


def map_beside(output: str) -> Path:
    """The brief's map file: ``brief.md`` -> ``brief.map.svg``, in the same folder."""
    path = Path(output)
    stem = path.stem if path.suffix.lower() in (".md", ".markdown") else path.name
    return path.with_name(f"{stem}.map.svg")


def _left_out(geo) -> None:
    if geo is not None:
        print(
            f"briefing export: {geo.written} events mapped; {geo.left_out} left out"
            " (no place with coordinates)",
            file=sys.stderr,
        )
