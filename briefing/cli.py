"""The command line: ``briefing [PATH…]`` opens the app; subcommands print what the app shows."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from briefing import __version__
from briefing.index.filters import FilterError

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
HIT_COLUMNS = ["kind", "score", "name", "type", "country", "articles", "id"]
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
    "remove",
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


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def path_or_url(text: str) -> Path | str:
    """A command-line path, or a web address kept as text (``Path`` would fold its ``//``
    and the address would be looked for as a file); only http and https are addresses."""
    if _URL.match(text):
        if not text.lower().startswith(("http://", "https://")):
            raise argparse.ArgumentTypeError(f"{text!r}: not a file and not an http(s) address")
        return text
    return Path(text)


def add_filter_options(p: argparse.ArgumentParser, *, names: bool = False) -> None:
    """The filter flags (mapped onto one ``briefing.index.filters.Filter`` by
    ``filter_of``) and ``--filter`` for the filter language of the app's filter bar."""
    if names:
        p.add_argument(
            "--actor", metavar="NAME", help="an actor (fuzzy name or id), as actor or target"
        )
        p.add_argument(
            "--place", metavar="NAME", help="a place (fuzzy name or id), with places inside it"
        )
    p.add_argument("--type", metavar="T", help="PLOVER type, e.g. ASSAULT")
    p.add_argument("--mode", metavar="M", help="mode, e.g. aerial, explosives, firearms")
    p.add_argument("--source", metavar="NAME", help="articles from this source")
    p.add_argument(
        "--since", metavar="DATE", help="yyyy[-mm[-dd]], today, yesterday, 7d, 2w, 3m, 1y"
    )
    p.add_argument(
        "--until", metavar="DATE", help="yyyy[-mm[-dd]], today, yesterday, 7d, 2w, 3m, 1y"
    )
    p.add_argument(
        "--modality", help="asserted (default), negated, future, hypothetical, alleged or all"
    )
    p.add_argument(
        "--filter",
        metavar="EXPR",
        help="the app's filter, e.g. 'place:Aleppo actor:\"Islamic State\" since:2017-01'; flags given too win",
    )


def filter_of(args: argparse.Namespace, index, *, keys=None):
    """The flags and ``--filter`` of a command as one resolved filter (``Resolved``); says
    on stderr what a fuzzy name was taken to mean. Raises FilterError (exit 2)."""
    from briefing.index.filters import KEYS, from_options, parse, resolve

    flags = {k: v for k in (keys or KEYS) if (v := getattr(args, k, None)) is not None}
    flt = parse(getattr(args, "filter", None) or "").merged(from_options(**flags))
    resolved = resolve(index, flt)
    for key in ("since", "until"):  # a relative or partial date: say which day it is
        said = flags.get(key)
        if said and said.strip() != getattr(flt, key):
            resolved.notes.append(f"{key}: {getattr(flt, key)}")
    for note in resolved.notes:
        print(f"briefing {args.command}: {note}", file=sys.stderr)
    return resolved


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
        "paths",
        nargs="*",
        type=path_or_url,
        help="files or folders to index in the background (a web page: briefing add URL)",
    )
    _common(p, formats=False)

    p = sub.add_parser(
        "index", help="index files, folders and .jsonl collections (and web pages, as add does)"
    )
    p.add_argument("paths", nargs="+", type=path_or_url, metavar="PATH|URL")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes for extraction (default: one per core)",
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
    add_filter_options(p)
    p.add_argument("--limit", type=int)
    _common(p)

    p = sub.add_parser("search", help="fuzzy lookup of actors, places, articles and events")
    p.add_argument("query", help="prefix @ for actors, # for places, ? for full text")
    p.add_argument("--kind", choices=("actor", "place", "article", "event", "text"))
    p.add_argument("--limit", type=int, default=20)
    _common(p)

    p = sub.add_parser(
        "remove",
        help="take articles out of the index: by id, by the file or folder they came from,"
        " or the bundled seeds",
    )
    p.add_argument("targets", nargs="*", metavar="ID|PATH", help="article ids, files or folders")
    p.add_argument(
        "--seeds", action="store_true", help="the five bundled seed articles (not re-added)"
    )
    _common(p, formats=False)

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
    except FilterError as exc:
        print(f"briefing {args.command}: {exc}", file=sys.stderr)
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


def run_index(index, paths: list[Path], jobs: int | None = None, quiet: bool = False):
    from briefing.index.indexer import index_paths
    from briefing.output import ProgressBar

    bar = ProgressBar("indexing")
    try:
        summary = index_paths(index.con, paths, jobs=jobs, progress=None if quiet else bar)
    finally:
        bar.close()
    if not quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return summary


def _index_urls(args, urls: list[str]) -> int:
    """Fetch and index web pages as ``briefing add URL`` does; the number that failed."""
    try:
        from briefing.feeds import state
        from briefing.feeds.update import add_page
    except ImportError:
        for url in urls:
            print(
                f"briefing: {url}: a web address, not a file: use briefing add URL", file=sys.stderr
            )
        return len(urls)
    failed = 0
    with open_index(args) as index:
        for url in urls:
            print(f"{url}: a web page: fetching it (as briefing add URL does)", file=sys.stderr)
            try:
                article, new, lines = add_page(index.con, index.path, url)
            except state.FeedError as exc:
                print(f"briefing: {url}: {exc}", file=sys.stderr)
                failed += 1
                continue
            for line in lines:
                print(line, file=sys.stderr)
            print(f"{'added' if new else 'stored already as'} {article}", file=sys.stderr)
    return failed


def ensure_seeds(index) -> None:
    """First run: index the bundled seed articles so that there is something to read
    (not into an index an upgrade emptied: the analyst's own articles go back there)."""
    from briefing.index.remove import seeds_removed
    from briefing.index.store import emptied_note

    if index.count_articles() == 0 and emptied_note(index.con) is None:
        if seeds_removed(index.con):
            return
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
            ("exports", paths.export_dir()),
            ("seeds", paths.bundled("seeds")),
            ("styles", paths.bundled("styles")),
        ):
            print(f"{label:<13}{value}")
        return 0
    if cmd == "eval":
        return _eval(args)
    if cmd == "index":
        urls = [p for p in args.paths if isinstance(p, str)]
        files = [p for p in args.paths if not isinstance(p, str)]
        failed = _index_urls(args, urls) if urls else 0
        if not files:
            return 1 if failed else 0
        with open_index(args) as index:
            summary = run_index(index, files, jobs=args.jobs)
        ok = summary.indexed or summary.unchanged or not summary.skipped
        return 0 if ok and not failed else 1
    if cmd == "app":
        return _app(args)
    if cmd == "remove":
        return _remove(args)

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
            rows = index.events(limit=args.limit, **filter_of(args, index).query())
            write_rows(rows, EVENT_COLUMNS, args.format)
        elif cmd == "search":
            from briefing.index.search import search

            kinds = (args.kind,) if args.kind else None
            write_rows(
                search(index, args.query, kinds=kinds, limit=args.limit), HIT_COLUMNS, args.format
            )
    return 0


def _remove(args) -> int:
    """``briefing remove ID|PATH…|--seeds``: an existing file or folder is a path, anything
    else an article id; nothing is removed if one of them matches nothing."""
    from briefing.index.remove import RemoveError, remove

    if not args.targets and not args.seeds:
        raise CliError("remove what? give article ids, files or folders, or --seeds")
    paths = [Path(t) for t in args.targets if Path(t).exists()]
    ids = [t for t in args.targets if not Path(t).exists()]
    with open_index(args) as index:
        try:
            removed = remove(index.con, ids=ids, paths=paths, seeds=args.seeds)
        except RemoveError as exc:
            raise CliError(str(exc)) from exc
    for line in removed.lines():
        print(line, file=sys.stderr)
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
    if urls := [p for p in args.paths if isinstance(p, str)]:
        print(
            f"briefing: {urls[0]} is a web address: fetch and index it with "
            f"'briefing add {urls[0]}' (or 'briefing index URL'), then open the app",
            file=sys.stderr,
        )
        return 2
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
