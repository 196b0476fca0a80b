"""The command line: ``briefing [PATH…]`` opens the app; subcommands print what the app shows."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing import __version__

ARTICLE_COLUMNS = ["id", "date", "source", "events", "words", "title"]
ENTITY_COLUMNS = [
    "id",
    "name",
    "kind",
    "type",
    "country",
    "sector",
    "admin1",
    "mentions",
    "articles",
    "origin",
]
EVENT_COLUMNS = [
    "date",
    "type",
    "mode",
    "actors",
    "targets",
    "locations",
    "killed",
    "wounded",
    "modality",
    "article_id",
]
HIT_COLUMNS = ["kind", "score", "name", "id"]
RELATED_COLUMNS = ["kind", "score", "name", "shared", "id"]
COMMANDS = {
    "index",
    "articles",
    "entities",
    "events",
    "search",
    "related",
    "profile",
    "export",
    "eval",
    "paths",
    "app",
    "feeds",
    "update",
    "add",
}


class CliError(Exception):
    """A failure to report on stderr with exit code 1."""


def _common(p: argparse.ArgumentParser, formats: bool = True) -> None:
    p.add_argument(
        "--db", type=Path, metavar="FILE", help="index file (default: in the user data directory)"
    )
    if formats:
        p.add_argument(
            "--format", choices=("table", "jsonl", "csv"), default="table", help="output format"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A keyboard-driven terminal reader for conflict news. "
        "With no command, opens the app (indexing the bundled seeds on first run); "
        "with paths, indexes them and opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("app", help="open the terminal app (the default)")
    p.add_argument(
        "paths", nargs="*", type=Path, help="files or folders to index in the background"
    )
    _common(p, formats=False)

    p = sub.add_parser(
        "index", help="index files, folders, .jsonl and .parquet collections (or their URLs)"
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=_input_path,
        metavar="PATH",
        help="a file, a folder, or a URL fsspec reads (s3://bucket/news/*.jsonl)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes for extraction (default: one per core)",
    )
    scale = p.add_argument_group(
        "scaling out on Dask (needs the scale extra: pip install 'briefing[scale]')"
    )
    scale.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="extract on a local Dask cluster of N worker processes",
    )
    scale.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)",
    )
    scale.add_argument(
        "--shards",
        metavar="DIR",
        help="where partitions write their Parquet shards: a folder or URL every worker "
        "and this machine reach (default: the cache folder with --workers; with "
        "--scheduler, shards come back through the scheduler)",
    )
    scale.add_argument(
        "--partition",
        type=_positive,
        default=None,
        metavar="N",
        help="articles a partition holds (default: 1000)",
    )
    _common(p, formats=False)

    p = sub.add_parser("articles", help="list indexed articles")
    p.add_argument("--limit", type=int)
    _common(p)

    p = sub.add_parser("entities", help="list actors and places")
    p.add_argument("--kind", choices=("actor", "place"))
    p.add_argument("--article", metavar="ID")
    p.add_argument("--limit", type=int)
    _common(p)

    p = sub.add_parser("events", help="list extracted events")
    p.add_argument("--article", metavar="ID")
    p.add_argument("--actor", metavar="NAME", help="an actor (fuzzy name or id) as actor or target")
    p.add_argument("--place", metavar="NAME", help="a place (fuzzy name or id)")
    p.add_argument("--type", metavar="T", help="PLOVER type, e.g. ASSAULT")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument(
        "--modality",
        default="asserted",
        help="asserted (default), negated, future, hypothetical, alleged or all",
    )
    p.add_argument("--limit", type=int)
    _common(p)

    p = sub.add_parser("search", help="fuzzy lookup of actors, places, articles and events")
    p.add_argument("query", help="prefix @ for actors, # for places, ? for full text")
    p.add_argument("--kind", choices=("actor", "place", "article", "event", "text"))
    p.add_argument("--limit", type=int, default=20)
    _common(p)

    p = sub.add_parser("paths", help="where the index, config and cache live")
    _common(p, formats=False)

    p = sub.add_parser(
        "eval",
        help="score the extraction against gold: briefing's own records, FA-KES articles"
        " or UCDP GED events (the shape is detected)",
    )
    p.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    p.add_argument(
        "--articles",
        type=Path,
        metavar="COLLECTION.jsonl",
        help="FA-KES gold: the collection that holds the gold articles' texts",
    )
    p.add_argument("--show", type=int, default=0, metavar="N", help="list the first N misses")
    p.add_argument(
        "--goals",
        metavar="JSON",
        help="figure -> minimum, e.g. '{\"governorate\": 0.9}'; exit 1 when one falls short",
    )
    p.add_argument(
        "--jobs", type=int, default=None, help="extraction processes (default: one per core)"
    )
    p.add_argument("--format", choices=("table", "jsonl"), default="table")

    for register in _extensions():
        register(sub, _common)
    return parser


def _extensions():
    """Subcommands that live with their feature (related, profile, export)."""
    out = []
    for module in ("briefing.index.link_cli", "briefing.export.cli", "briefing.feeds.cli"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ImportError:
            continue
        out.append(mod.register)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv.insert(0, "app")  # `briefing PATH…`
    elif not argv or argv[0] in ("--db",):
        argv.insert(0, "app")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0) if hasattr(args, "handler") else _dispatch(args)
    except CliError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    except _Usage as exc:
        print(f"briefing eval: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130


def open_index(args, *, readonly: bool = False):
    from briefing.index.queries import Index
    from briefing.index.store import IndexError_, emptied_note

    try:
        index = Index(args.db, readonly=readonly)
    except IndexError_ as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot open the index: {exc}") from exc
    if note := emptied_note(index.con):
        print(f"briefing: {note}", file=sys.stderr)
    return index


def _input_path(text: str) -> Path | str:
    """A path, or a URL (``scheme://...``) kept as it is written."""
    return text if "://" in text else Path(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def run_index(
    index, paths: list[Path | str], jobs: int | None = None, quiet: bool = False, scale=None
):
    from briefing.index.indexer import index_paths
    from briefing.output import ProgressBar

    bar = ProgressBar("indexing")
    try:
        if scale is not None and (scale.workers or scale.scheduler):
            summary = _run_index_scaled(index, paths, bar, scale)
        else:
            summary = index_paths(index.con, paths, jobs=jobs, progress=None if quiet else bar)
    finally:
        bar.close()
    if not quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return summary


def _run_index_scaled(index, paths: list[Path | str], bar, args):
    """Extraction on Dask (briefing.index.scale); writing, linking and counting here."""
    from contextlib import nullcontext

    from briefing import paths as places
    from briefing.index.indexer import index_paths

    try:
        from briefing.index import scale
    except ImportError as exc:
        raise CliError(f"{exc.name} not installed: pip install 'briefing[scale]'") from exc
    if why := scale.available():
        raise CliError(why)
    try:
        with scale.cluster(args.workers, args.scheduler) as running:
            if running.dashboard:
                print(f"briefing: Dask dashboard at {running.dashboard}", file=sys.stderr)
            else:
                print(
                    "briefing: no Dask dashboard (it needs bokeh on the scheduler)", file=sys.stderr
                )
            where = (
                scale.shard_folder(args.shards, places.cache_dir() / "shards")
                if args.shards or running.local
                else nullcontext(None)
            )
            with where as shards:
                extraction = scale.DaskExtraction(
                    running.client,
                    shards=shards,
                    size=args.partition or scale.PARTITION,
                    extracted=bar.extracted,
                )
                return index_paths(index.con, paths, progress=bar, extraction=extraction)
    except scale.ScaleError as exc:
        raise CliError(str(exc)) from exc


def ensure_seeds(index) -> None:
    """First run: index the bundled seed articles so that there is something to read
    (not into an index an upgrade emptied: the analyst's own articles go back there)."""
    from briefing.index.store import emptied_note

    if index.count_articles() == 0 and emptied_note(index.con) is None:
        from briefing import paths

        run_index(index, [paths.bundled("seeds")], jobs=1, quiet=True)


def _dispatch(args) -> int:
    from briefing.output import write_rows

    cmd = args.command
    if cmd == "paths":
        from briefing import paths

        db = args.db or paths.default_db()
        for label, value in (
            ("index", db),
            ("config", paths.config_file()),
            ("dictionaries", paths.config_dir() / "dictionaries"),
            ("cache", paths.cache_dir()),
            ("seeds", paths.bundled("seeds")),
            ("styles", paths.bundled("styles")),
        ):
            print(f"{label:<13}{value}")
        return 0
    if cmd == "eval":
        return _eval(args)
    if cmd == "index":
        if args.jobs is not None and (args.workers or args.scheduler):
            raise CliError("--jobs is for worker processes here; with Dask, use --workers")
        if args.workers and args.scheduler:
            raise CliError("--workers starts a local cluster; --scheduler uses another: not both")
        with open_index(args) as index:
            summary = run_index(index, args.paths, jobs=args.jobs, scale=args)
        return 0 if (summary.indexed or summary.unchanged or not summary.skipped) else 1
    if cmd == "app":
        return _app(args)

    with open_index(args) as index:
        if cmd == "articles":
            write_rows(index.articles(limit=args.limit), ARTICLE_COLUMNS, args.format)
        elif cmd == "entities":
            write_rows(
                index.entities(kind=args.kind, article=args.article, limit=args.limit),
                ENTITY_COLUMNS,
                args.format,
            )
        elif cmd == "events":
            actor = _resolve(index, args.actor, "actor")
            place = _resolve(index, args.place, "place")
            rows = index.events(
                article=args.article, actor=actor, place=place, type=args.type, since=args.since,
                until=args.until, modality=None if args.modality == "all" else args.modality, limit=args.limit,
            )  # fmt: skip
            write_rows(rows, EVENT_COLUMNS, args.format)
        elif cmd == "search":
            from briefing.index.search import search

            kinds = (args.kind,) if args.kind else None
            write_rows(
                search(index, args.query, kinds=kinds, limit=args.limit), HIT_COLUMNS, args.format
            )
    return 0


def _resolve(index, name: str | None, kind: str) -> str | None:
    if not name:
        return None
    found = index.find_entity(name, kind)
    if not found:
        raise CliError(f"no {kind} matches {name!r}")
    return found["id"]


def _eval(args) -> int:
    from briefing.extract import goldsets

    goals = _goals(args.goals)
    if not args.gold.is_file():
        raise CliError(f"no such file: {args.gold}")
    try:
        shape, records = goldsets.read_gold(args.gold)
        if shape in ("fakes", "ucdp"):
            report = _eval_public(args, shape, records)
            figures = report.figures
            print(_format_gold(report, args.format))
            misses = [" ".join(map(str, m)) for m in report.misses]
        else:
            from briefing.extract.evaluate import evaluate, format_report

            if args.articles:
                raise _Usage("--articles is for FA-KES gold; these records carry their text")
            old = evaluate(args.gold)
            figures = _report_figures(old.to_dict())
            print(format_report(old, args.format))
            misses = [json.dumps(f, ensure_ascii=False, default=str) for f in old.failures]
    except goldsets.GoldError as exc:
        raise CliError(str(exc)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"{args.gold}: cannot score: {exc}") from exc
    for m in misses[: max(args.show, 0)]:
        print("MISS", m[:400], file=sys.stderr)
    if goals is None:
        return 0
    short = {k: v for k, v in goals.items() if (figures.get(k) or 0) < v}
    figs = " ".join(f"{k}={figures.get(k)}" for k in goals)
    print(("FALLS SHORT: " if short else "OK: ") + figs, file=sys.stderr)
    return 1 if short else 0


class _Usage(Exception):
    """A usage error of ``briefing eval`` (exit 2)."""


def _goals(text: str | None) -> dict[str, float] | None:
    if text is None:
        return None
    try:
        goals = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Usage(f"--goals: not JSON ({exc.msg})") from exc
    if not isinstance(goals, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in goals.values()
    ):
        raise _Usage('--goals: a JSON object of figure -> minimum, e.g. {"governorate": 0.9}')
    return goals


def _report_figures(d: dict) -> dict[str, float]:
    """The figures of a report of briefing's own gold that ``--goals`` can name."""
    out = {k: v for k, v in d.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    out |= {k: v["score"] for k, v in d.get("fields", {}).items()}
    return out


def _eval_public(args, shape: str, records: list[dict]):
    from briefing.extract import goldsets

    if shape == "fakes":
        if args.articles is None:
            raise _Usage(
                "FA-KES gold holds no texts: name their collection with --articles COLLECTION.jsonl"
            )
        articles = goldsets.fakes_articles(records, args.articles)
        return goldsets.score_fakes(records, goldsets.extract_events(articles, jobs=args.jobs))
    if args.articles:
        raise _Usage("--articles is for FA-KES gold; UCDP headlines are the articles")
    articles, art_of = goldsets.ucdp_articles(records)
    events = goldsets.extract_events(articles, jobs=args.jobs)
    return goldsets.score_ucdp(records, events, art_of)


def _format_gold(report, fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(report.to_dict(), ensure_ascii=False)
    lines = [f"{report.shape} gold", "", f"{'figure':<18} {'score':>6} {'of':>6}"]
    for name, value in report.figures.items():
        shown = "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else value)
        of = report.counts.get(name, "")
        lines.append(f"{name:<18} {shown!s:>6} {of!s:>6}")
    return "\n".join(lines)


def _app(args) -> int:
    with open_index(args) as index:
        ensure_seeds(index)
        db = index.path
    try:
        from briefing.tui.app import run
    except ImportError:
        # The app is not built yet: print what it would open.
        with open_index(args) as index:
            if args.paths:
                run_index(index, args.paths)
            from briefing.output import write_rows

            write_rows(index.articles(), ARTICLE_COLUMNS, "table")
        return 0
    return run(db=db, paths=args.paths)
