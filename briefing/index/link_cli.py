"""Subcommands ``briefing related ID`` and ``briefing profile NAME``."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub, common) -> None:
    p = sub.add_parser(
        "related", help="articles, events or entities related to an article, event or entity"
    )
    p.add_argument(
        "id", metavar="ID", help="an article id, event id, entity id or actor/place name"
    )
    p.add_argument("--kind", choices=("article", "event", "entity"), help="what ID names")
    p.add_argument("--limit", type=int, default=10)
    common(p)
    p.set_defaults(handler=run_related)

    p = sub.add_parser(
        "profile",
        help="an actor's or place's events over time, counterparts, places and articles",
        description="Table format prints the profile in sections; jsonl prints one JSON "
        "object; csv prints the timeline.",
    )
    p.add_argument("name", metavar="NAME", help="actor or place: id or (fuzzy) name")
    p.add_argument(
        "--by", choices=("month", "day"), help="timeline period (default: fits the span)"
    )
    common(p)
    p.set_defaults(handler=run_profile)


def _entity(index, name: str, command: str = "profile") -> dict:
    """The actor or place ``name`` means (an id, or a name close enough: filters.MIN_SCORE);
    says on stderr what a fuzzy name was taken to mean. FilterError (exit 2) if nothing."""
    from briefing.index.filters import FilterError, find_entity

    found = find_entity(index, name)
    if found is None:
        raise FilterError(
            f"no actor or place matches {name!r} (try `briefing search {name}` for names and ids)"
        )
    if found["id"] != name and found["name"].casefold() != name.casefold():
        print(f"briefing {command}: {found['kind']}: {found['name']}", file=sys.stderr)
    return found


def run_related(args: argparse.Namespace) -> int:
    from briefing.cli import RELATED_COLUMNS, CliError, open_index
    from briefing.index.related import kind_of_id, related
    from briefing.output import write_rows

    with open_index(args, readonly=True) as index:
        entry, kind = args.id, args.kind or kind_of_id(index, args.id)
        if kind is None or (kind == "entity" and index.entity(entry) is None):
            from briefing.index.filters import FilterError, find_entity

            found = find_entity(index, args.id)
            if found is None:  # (not the closest of all names, however far: issue 26)
                raise FilterError(
                    f"no article, event or entity has the id {args.id!r} and no actor or place"
                    " is called that; `briefing search` finds ids"
                )
            if found["id"] != args.id:
                print(f"briefing related: {found['kind']}: {found['name']}", file=sys.stderr)
            entry, kind = found["id"], "entity"
        elif kind != "entity" and kind_of_id(index, entry) != kind:
            raise CliError(f"no {kind} with id {entry!r}")
        write_rows(related(index, entry, kind, args.limit), RELATED_COLUMNS, args.format)
    return 0


def run_profile(args: argparse.Namespace) -> int:
    from briefing.cli import open_index
    from briefing.index.profile import profile
    from briefing.output import write_rows

    with open_index(args, readonly=True) as index:
        found = profile(index, _entity(index, args.name)["id"], by=args.by)
    assert found is not None
    if args.format == "jsonl":
        sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
        return 0
    timeline_columns = ["period", "as_actor", "as_target", "at"]
    if args.format == "csv":
        write_rows(found["timeline"], timeline_columns, "csv")
        return 0
    e, n = found["entity"], found["events"]
    facts = ", ".join(str(v) for v in (e["kind"], e.get("type"), e.get("country")) if v)
    print(f"{e['name']}  ({facts})  {e['id']}")
    print(
        f"events: {n['as_actor']} as actor, {n['as_target']} as target, {n['at']} located here;"
        f" named in {len(found['articles'])} articles"
    )
    sections = [
        (
            f"timeline (per {found['by']})",
            [{**t, "period": t["period"] or "undated"} for t in found["timeline"]],
            timeline_columns,
        ),
        (
            "counterparts",
            found["counterparts"],
            ["name", "events", "as_actor", "as_target", "kind", "id"],
        ),
        ("places", found["places"], ["name", "events", "id"]),
        ("actors", found["actors"], ["name", "events", "id"]),
        ("articles", found["articles"], ["date", "mentions", "source", "title", "id"]),
    ]
    for title, rows, columns in sections:
        print(f"\n{title}")
        if not write_rows(rows, columns, "table"):
            print("  (none)")
    return 0
