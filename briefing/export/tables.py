"""Events in scope as a flat table, one row per report, for pandas and spreadsheets.

Columns follow the ACLED codebook where one applies (``event_date``, ``actor1``,
``assoc_actor_1``, ``actor2``, ``admin1``, ``location``, ``geo_precision``,
``fatalities``, ``notes``…), plus our provenance (``article_id``, ``source_url``,
``confidence``) and ``cluster``: reports of one real-world event share it (an event
reported once has its own ``event_id``). JSON is an array of records
(``pandas.read_json(path)``), JSONL one record a line (``pandas.read_json(path, lines=True)``); CSV has a header row (``pandas.read_csv(path)``).

In CSV a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, tab or carriage return) is prefixed with ``'``, as OWASP advises; JSON keeps
the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefing.export.timeline import Article, Event, entries, read_articles

if TYPE_CHECKING:
    from briefing.export.scope import Scope
    from briefing.index.queries import Index

FORMATS = ("json", "jsonl", "csv")
COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "cameo",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injuries",
    "modality",
    "source",
    "source_url",
    "notes",
    "article_id",
    "article_title",
    "confidence",
    "cluster",
]


def render_table(index: Index, scope: Scope, fmt: str) -> str:
    """The events in ``scope`` as ``json`` or ``csv`` text (one row per report)."""
    return "".join(table_chunks(index, scope, fmt))


def table_chunks(index: Index, scope: Scope, fmt: str) -> Iterator[str]:
    """``render_table``'s text a block of rows at a time: the events are read from the
    index in timeline order a block at a time (``Index.timeline``), so that a table of
    a whole collection is written with little memory."""
    from briefing.export.scope import selections

    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}")
    articles: dict[str, Article] = {}  # those of the last parts' rows
    part: list[tuple[Event, str]] = []
    first = True
    for found in index.timeline(selections(scope)):
        part.append(found)
        if len(part) == ROWS_AT_A_TIME:
            yield format_rows(_rows(index, part, articles), fmt, first=first, last=False)
            part.clear()
            first = False
    yield format_rows(_rows(index, part, articles), fmt, first=first, last=True)


def _rows(index: Index, part: list[tuple[Event, str]], articles: dict[str, Article]) -> list:
    """The table rows of a part of the timeline (event, entry key), with their articles
    read into ``articles``."""
    read_articles(index, {ev["article_id"] for ev, _ in part}, articles)
    return [_row(ev, articles.get(ev["article_id"]) or {}, entry) for ev, entry in part]


ROWS_AT_A_TIME = 1000  # rows formatted and written at a time


def event_rows(
    events: list[Event], articles: Mapping[str, Article], clusters: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One flat row per event, in timeline order, with the columns in ``COLUMNS``."""
    rows = []
    for entry in entries(events, articles, clusters):
        for ev in entry.reports:
            rows.append(_row(ev, articles.get(ev.get("article_id", "")) or {}, entry.key))
    return rows


def format_rows(
    rows: list[dict[str, Any]], fmt: str, *, first: bool = True, last: bool = True
) -> str:
    """Rows as ``json`` or ``csv`` text; ``first``/``last``: whether they open or close
    the table (its header, the brackets of the JSON array), for a table written in parts."""
    if fmt == "json":
        # json.dumps(all rows, indent=1) a part at a time: each record one level in
        if first and last and not rows:
            return "[]\n"
        records = ",\n".join(
            " " + json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ") for row in rows
        )
        head = "[\n" if first else (",\n" if rows else "")
        return head + records + ("\n]\n" if last else "")
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if first:
            writer.writerow(COLUMNS)
        writer.writerows([_inert(v) for v in map(row.get, COLUMNS)] for row in rows)
        return out.getvalue()
    raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}")


def _inert(value: Any) -> Any:
    """A CSV cell a spreadsheet will not evaluate."""
    if isinstance(value, str) and value[:1] in _FORMULA:
        return "'" + value
    return value


_FORMULA = frozenset("=+-@\t\r")  # what a cell a spreadsheet evaluates starts with


def _names(people: list[dict[str, Any]]) -> list[str]:
    return [p.get("name") or p.get("text") or "" for p in people]


def _row(ev: Event, article: Article, cluster: str) -> dict[str, Any]:
    actors, targets = _names(ev.get("actors") or []), _names(ev.get("targets") or [])
    loc = (ev.get("locations") or [{}])[0]
    iso3 = loc.get("country")
    return {
        "event_id": ev.get("event_id"),
        "event_date": ev.get("date"),
        "date_precision": ev.get("date_precision"),
        "event_type": ev.get("type"),
        "sub_event_type": ev.get("mode"),
        "cameo": ev.get("cameo"),
        "actor1": actors[0] if actors else None,
        "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": targets[0] if targets else None,
        "assoc_actor_2": "; ".join(targets[1:]) or None,
        "country": _country_name(iso3) if iso3 else None,
        "iso3": iso3,
        "admin1": loc.get("admin1"),
        "location": loc.get("name") or loc.get("text"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"),
        "fatalities": ev.get("killed"),
        "injuries": ev.get("wounded"),
        "modality": ev.get("modality"),
        "source": article.get("source"),
        "source_url": article.get("url"),
        "notes": ev.get("sentence"),
        "article_id": ev.get("article_id"),
        "article_title": article.get("title"),
        "confidence": ev.get("confidence"),
        "cluster": cluster,
    }


@lru_cache(maxsize=512)
def _country_name(iso3: str) -> str:
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError, KeyError):
        found = None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or iso3
