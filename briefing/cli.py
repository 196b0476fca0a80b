"""The command line: ``briefing [PATH…]`` opens the app; subcommands print what the app shows."""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
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


# commands that only read the index: given a --db that does not exist, they say so
READING = {"articles", "entities", "events", "search", "related", "profile", "export"}


class CliError(Exception):
    """A failure to report on stderr with exit code 1."""


class UsageError(CliError):
    """A command line that cannot be run as written: reported on stderr, exit code 2."""


# What ``briefing COMMAND --help`` shows under the options: one or two real invocations.
EXAMPLES = {
    "feeds add": 'briefing feeds add https://example.org/rss --name "Levant Wire" --tag wires',
    "feeds list": "briefing feeds list --format jsonl",
    "feeds remove": 'briefing feeds remove "Levant Wire"',
    "feeds import": "briefing feeds import desk.opml",
    "feeds export": "briefing feeds export -o desk.opml",
    "app": "briefing app ~/news           # index ~/news in the background and read",
    "index": "briefing index ~/news export.jsonl\n"
    "  briefing index https://example.org/story   # a web page: fetched as `briefing add` does",
    "articles": "briefing articles --since 2018-01 --limit 20\n"
    "  briefing articles --format jsonl | jq .title",
    "entities": "briefing entities --kind place --limit 30",
    "events": 'briefing events --actor "kataib hezbolah" --type ASSAULT --since 2021-01-01',
    "search": "briefing search halab          # Aleppo, the city and the governorate\n"
    '  briefing search "@nusra" --format jsonl',
    "paths": "briefing paths",
    "eval": "briefing eval tests/data/dev_gold.jsonl --show 20",
    "related": "briefing related place:geonames:170063 --limit 5",
    "profile": 'briefing profile "Kataib Hezbollah" --by month',
    "export": 'briefing export --actor "Kataib Hezbollah" --since 2018 -o brief.md',
    "feeds": 'briefing feeds add https://example.org/rss --name "Levant Wire"\n'
    "  briefing feeds import desk.opml",
    "update": "briefing update --every 15m",
    "add": "briefing add https://example.org/story",
    "remove": "briefing remove --seeds          # the five bundled articles\n"
    "  briefing remove ~/news/old-report.txt",
}
EXIT_CODES = "exit status: 0 ok, 1 failure, 2 usage error (a bad command, option or value)"


def _common(p: argparse.ArgumentParser, formats: bool = True) -> None:
    p.add_argument(
        "--db", type=Path, metavar="FILE", help="index file (default: in the user data directory)"
    )
    _quiet(p)
    if formats:
        p.add_argument(
            "--format", choices=("table", "jsonl", "csv"), default="table", help="output format"
        )


def _quiet(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # SUPPRESS in subcommands, so that `briefing -q index` is not undone by the
    # subcommand's own default
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="print nothing on stderr but errors (no progress, no summary)",
    )


def _since_until(p: argparse.ArgumentParser, what: str) -> None:
    forms = "yyyy[-mm[-dd]], today, yesterday, 7d, 2w, 3m, 1y"
    p.add_argument("--since", metavar="DATE", help=f"{what} on or after: {forms}")
    p.add_argument("--until", metavar="DATE", help=f"{what} on or before: {forms}")


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line of stderr, a suggestion for a mistyped
    choice, and the help to read: ``briefing feeds: invalid choice: 'imprt' (did you mean
    'import'?); see 'briefing feeds --help'``. Exit status 2, as argparse's own."""

    def error(self, message: str):  # type: ignore[override]
        found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if found:
            choices = re.findall(r"'([^']*)'", found[2])
            suggestion = _did_you_mean(found[1], choices) or f" (one of {', '.join(choices)})"
            message = f"{message[: found.start()]}invalid choice: {found[1]!r}{suggestion}"
        message = _one_line(Exception(message.removeprefix("argument ")))
        self.exit(2, f"{self.prog}: {message}; see '{self.prog} --help'\n")


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def path_or_url(text: str) -> Path | str:
    """A command-line path, or a web address kept as text (``Path`` would fold its ``//``
    and the address would be looked for as a file); only http and https are addresses."""
    if _URL.match(text):
        if not text.lower().startswith(("http://", "https://")):
            raise argparse.ArgumentTypeError(f"{text!r}: not a file and not an http(s) address")
        return text
    return Path(text)


class WebPage(str):
    """A web address to fetch as a page (``briefing add URL``), not a collection."""


def index_input(text: str) -> Path | str:
    """What ``briefing index`` takes: a path; an http(s) page (a ``WebPage``); or the URL
    of a collection that fsspec reads (``s3://bucket/news/*.jsonl``, an http(s) address
    of a .jsonl or .parquet file). Another scheme is a usage error."""
    if not _URL.match(text):
        return Path(text)
    scheme = text.split("://", 1)[0].lower()
    collection = text.split("?", 1)[0].lower().endswith((".jsonl", ".parquet"))
    if scheme in ("http", "https") and not collection:
        return WebPage(text)
    try:
        from fsspec.registry import known_implementations
    except ImportError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: a collection's URL needs fsspec: pip install 'briefing[scale]'"
        ) from None
    if scheme not in known_implementations:
        raise argparse.ArgumentTypeError(
            f"{text!r}: not a file, an http(s) page or a URL fsspec reads"
        )
    return text


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
    parser = _Parser(
        prog="briefing",
        description="A keyboard-driven terminal reader for conflict news. "
        "With no command, opens the app (indexing the bundled seeds on first run); "
        "with paths, indexes them and opens the app (in a terminal).",
        epilog="examples:\n  briefing ~/news\n  briefing search halab\n"
        "  briefing COMMAND --help\n\n" + EXIT_CODES + "; NO_COLOR is honoured",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    _quiet(parser, default=False)
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
        "index",
        help="index files, folders, .jsonl and .parquet collections (or their URLs), web pages",
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=index_input,
        metavar="PATH|URL",
        help="a file, a folder, a web page (http/https, fetched as add does) or a collection's"
        " URL fsspec reads (s3://bucket/news/*.jsonl)",
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
    _since_until(p, "published")
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
    _quiet(p)

    for register in _extensions():
        register(sub, _common)
    for name, command in sub.choices.items():
        _with_examples(command, EXAMPLES.get(name))
    return parser


def _with_examples(p: argparse.ArgumentParser, example: str | None) -> None:
    """Examples and exit codes under a subcommand's options (and its actions')."""
    if example and not p.epilog:
        p.epilog = f"example:\n  {example}\n\n{EXIT_CODES}"
        p.formatter_class = argparse.RawDescriptionHelpFormatter
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                parent = p.prog.split()[-1]
                _with_examples(child, EXAMPLES.get(f"{parent} {name}"))


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
    parser = build_parser()
    commands = _commands(parser)
    if argv[:1] == ["help"]:  # `briefing help [COMMAND]`, as git and gh take it
        argv = [*argv[1:2], "--help"] if argv[1:2] and argv[1] in commands else ["--help"]
    lead = _leading_options(argv)
    if argv[:1] in (["-h"], ["--help"], ["--version"]):
        pass
    elif len(argv) > lead and argv[lead] in commands:
        argv = [argv[lead], *argv[:lead], *argv[lead + 1 :]]  # `briefing --db F articles`
    else:
        argv.insert(0, "app")  # `briefing`, `briefing PATH…`, `briefing --db FILE`
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            _unknown_options(parser, args, unknown)
    except SystemExit as exc:  # argparse: --help, --version, or a usage error (exit 2)
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    stderr = sys.stderr
    if getattr(args, "quiet", False):
        sys.stderr = _ErrorsOnly(stderr)
    try:
        return int(args.handler(args) or 0) if hasattr(args, "handler") else _dispatch(args)
    except UsageError as exc:
        print(f"briefing{' eval' if isinstance(exc, _Usage) else ''}: {exc}", file=sys.stderr)
        return 2
    except CliError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    except FilterError as exc:
        print(f"briefing {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 0
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as exc:
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(f"briefing: {_one_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, the traceback on demand
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(
            f"briefing: internal error: {type(exc).__name__}: {_one_line(exc)}"
            " (BRIEFING_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        return 1
    finally:
        sys.stderr = stderr


def _unknown_options(parser: argparse.ArgumentParser, args, unknown: list[str]) -> None:
    """A usage error for words the command does not take, with the option meant when one
    is close: ``briefing articles: unrecognized option '--sinse' (did you mean '--since'?)``."""
    import difflib

    sub, chosen = parser, getattr(args, "command", None)
    while chosen is not None:  # down to the (sub)command given: `briefing feeds add`
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if not nested or chosen not in nested[0].choices:
            break
        sub = nested[0].choices[chosen]
        deeper = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        chosen = getattr(args, deeper[0].dest, None) if deeper else None
    word = unknown[0]
    if word.startswith("-"):
        options = [o for a in sub._actions for o in a.option_strings if o.startswith("--")]
        close = difflib.get_close_matches(word.split("=")[0], options, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        sub.error(f"unrecognized option {word!r}{hint}")
    sub.error(f"unrecognized arguments: {' '.join(unknown)}")


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set(COMMANDS)


def _leading_options(argv: list[str]) -> int:
    """How many words of argv are options every command takes (``--db FILE``, ``-q``)
    given before the command."""
    i = 0
    while i < len(argv):
        if argv[i] in ("-q", "--quiet"):
            i += 1
        elif argv[i] == "--db" and i + 1 < len(argv):
            i += 2
        elif argv[i].startswith("--db="):
            i += 1
        else:
            break
    return i


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _quiet_broken_pipe() -> None:
    """`briefing articles | head`: the reader left; say nothing, as cat does."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _ErrorsOnly:
    """stderr under ``--quiet``: lines that report an error (``briefing: …``) pass,
    progress and summaries do not; never a terminal, so no progress bar is drawn."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.line = ""

    def write(self, text: str) -> int:
        self.line += text
        *lines, self.line = self.line.split("\n")
        for line in lines:
            if line.startswith(("briefing: ", "briefing eval: ")):
                self.stream.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False


def _did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word.lower(), sorted(set(choices) - {"app"}), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_paths(paths: list[Path | str], command: str) -> None:
    """Every word given as a path names a file or folder (or is a web page's URL, kept as
    text by ``path_or_url``): a word that is none of these is a mistyped command or path,
    and nothing is started."""
    words = [str(p) for p in paths]
    for path, word in zip(paths, words, strict=True):
        if isinstance(path, str) or path.expanduser().exists():
            continue
        if command == "app" and word == words[0] and not any(c in word for c in "/\\."):
            import shlex

            hint = _did_you_mean(word, _commands(build_parser())) or (
                f" (to look a name up: briefing search {shlex.quote(' '.join(words))})"
            )
            raise UsageError(
                f"{word!r} is neither a command nor a file or folder{hint}; see 'briefing --help'"
            )
        raise UsageError(f"no such file or folder: {word}")


def open_index(args, *, readonly: bool = False):
    from briefing.index.queries import Index
    from briefing.index.store import IndexError_, emptied_note

    db = getattr(args, "db", None)
    if db is not None and getattr(args, "command", None) in READING and not Path(db).exists():
        # a mistyped --db would otherwise be a new, empty index and an empty answer
        raise CliError(f"no index at {db} (make one with `briefing --db {db} index PATH`)")
    try:
        index = Index(db, readonly=readonly)
    except IndexError_ as exc:
        raise CliError(str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        raise CliError(f"cannot open the index {db or ''}: {exc}".replace("  ", " ")) from exc
    if note := emptied_note(index.con):
        print(f"briefing: {note}", file=sys.stderr)
    return index


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
        if args.jobs is not None and (args.workers or args.scheduler):
            raise CliError("--jobs is for worker processes here; with Dask, use --workers")
        if args.workers and args.scheduler:
            raise CliError("--workers starts a local cluster; --scheduler uses another: not both")
        pages = [p for p in args.paths if isinstance(p, WebPage)]
        collections = [p for p in args.paths if not isinstance(p, WebPage)]
        failed = _index_urls(args, pages) if pages else 0
        if not collections:
            return 1 if failed else 0
        with open_index(args) as index:
            summary = run_index(index, collections, jobs=args.jobs, scale=args)
        if not (summary.indexed or summary.unchanged or not summary.skipped):
            first = summary.skipped[0]
            more = f" (and {len(summary.skipped) - 1} more)" if len(summary.skipped) > 1 else ""
            raise CliError(f"nothing indexed: {first}{more}")
        return 1 if failed else 0
    if cmd == "app":
        return _app(args)
    if cmd == "remove":
        return _remove(args)

    with open_index(args) as index:
        if cmd == "articles":
            from briefing.index.filters import from_options

            dates = from_options(since=args.since, until=args.until)  # as events take them
            since, until = dates.since, dates.until
            rows = index.articles(limit=None if since or until else args.limit)
            if since or until:  # days: --until 2018 is 2018-12-31, --since 7d a week ago
                rows = [
                    r for r in rows
                    if r["date"] and (not since or r["date"][:10] >= since)
                    and (not until or r["date"][:10] <= until)
                ][: args.limit or None]  # fmt: skip
            write_rows(rows, ARTICLE_COLUMNS, args.format)
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


class _Usage(UsageError):
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


def _terminal() -> bool:
    """Whether the app can run here: it draws on stdout and reads keys from stdin."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _app(args) -> int:
    if urls := [p for p in args.paths if isinstance(p, str)]:
        print(
            f"briefing: {urls[0]} is a web address: fetch and index it with "
            f"'briefing add {urls[0]}' (or 'briefing index URL'), then open the app",
            file=sys.stderr,
        )
        return 2
    _check_paths(args.paths, "app")
    if not _terminal():
        raise UsageError(
            "the app needs a terminal (stdin and stdout are not one); in a script use a"
            " command: `briefing index PATH`, `briefing articles`, `briefing search NAME`"
            " (`briefing --help` lists them)"
        )
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
