"""What a briefing covers: filters that narrow the collection, and marks that add to it.

The rule, in the analyst's words: **filters narrow, marks add.**

- ``actor``, ``place``, ``since``/``until`` and ``articles`` are filters. Each one given
  narrows the set (an event must match all of them; several ``articles`` mean "any of
  these articles"). With no filter the scope is the whole collection.
- ``marked`` adds what the analyst marked in the app: marked events, every event of a
  marked article, every event with a marked actor (as actor or target) or at a marked
  place. Alone, ``--marked`` is exactly the marked entries; with filters it is the
  filtered events plus the marked ones.
- Only asserted events are included unless ``all_modalities``; an event the analyst
  marked one by one is included whatever its modality, since they chose it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.index.queries import Index


class ScopeError(ValueError):
    """A scope the analyst asked for cannot be built (unknown name, bad date)."""


@dataclass(slots=True, frozen=True)
class Scope:
    """A resolved scope: entities are index rows, dates are ISO ``yyyy-mm-dd``."""

    actor: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    since: str | None = None
    until: str | None = None
    articles: tuple[str, ...] = ()
    marked: bool = False
    all_modalities: bool = False
    marks: tuple[tuple[str, str], ...] = field(default=())
    type: str | None = None  # PLOVER type, mode and source (briefing.index.filters)
    mode: str | None = None
    source: str | None = None
    modality: str | None = None  # one modality (negated, alleged ...) instead of asserted

    @property
    def filtered(self) -> bool:
        return bool(
            self.actor or self.place or self.since or self.until or self.articles
            or self.type or self.mode or self.source
        )  # fmt: skip

    def describe(self) -> dict[str, Any]:
        """The scope as plain values, for the front matter (only what was asked)."""
        out: dict[str, Any] = {}
        if self.actor:
            out["actor"] = self.actor["name"]
        if self.place:
            out["place"] = self.place["name"]
        if self.since:
            out["since"] = self.since
        if self.until:
            out["until"] = self.until
        for key in ("type", "mode", "source"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.articles:
            out["articles"] = list(self.articles)
        if self.marked:
            out["marked"] = len(self.marks)
        out["modality"] = self.modality or ("all" if self.all_modalities else "asserted")
        return out

    def label(self) -> str:
        """One line: what the briefing is about, e.g. ``Kataib Hezbollah in Syria``."""
        parts = []
        if self.actor:
            parts.append(self.actor["name"])
        if self.place:
            parts.append(("in " if parts else "") + self.place["name"])
        if self.articles:
            n = len(self.articles)
            parts.append(f"{'from ' if parts else ''}{n} chosen article{'s' * (n != 1)}")
        if self.marked:
            parts.append(("plus " if parts else "") + "marked entries")
        return " ".join(parts) if parts else "whole collection"


def parse_date(text: str | None, *, end: bool = False) -> str | None:
    """An ISO day from the date forms the filters take (``yyyy``, ``yyyy-mm``,
    ``yyyy-mm-dd``, ``today``, ``7d`` ...); a bound's first day, or its last if ``end``."""
    from briefing.index.filters import FilterError, parse_day

    try:
        return parse_day(text, end=end)
    except FilterError as exc:
        raise ScopeError(str(exc)) from None


def build_scope(
    index: Index,
    *,
    actor: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    articles: list[str] | tuple[str, ...] | None = None,
    marked: bool = False,
    all_modalities: bool = False,
    type: str | None = None,
    mode: str | None = None,
    source: str | None = None,
    modality: str | None = None,
) -> Scope:
    """Resolve what the analyst typed into a Scope.

    ``actor`` and ``place`` are fuzzy names or ids (``Index.find_entity``); dates are
    ``yyyy[-mm[-dd]]``. Raises ScopeError for a name that matches nothing, an unknown
    article id, a malformed date, or ``since`` after ``until``.
    """
    found_actor = _entity(index, actor, "actor")
    found_place = _entity(index, place, "place")
    since_day, until_day = parse_date(since), parse_date(until, end=True)
    if since_day and until_day and since_day > until_day:
        raise ScopeError(f"--since {since_day} is after --until {until_day}")
    chosen = tuple(dict.fromkeys(articles or ()))
    if chosen:
        known = {a["id"] for a in index.articles(ids=list(chosen))}
        if missing := [a for a in chosen if a not in known]:
            raise ScopeError(f"no article with id {', '.join(missing)}")
    marks: tuple[tuple[str, str], ...] = ()
    if marked:
        from briefing.marks import marked as all_marks

        marks = tuple(all_marks(index))
    return Scope(
        actor=found_actor,
        place=found_place,
        since=since_day,
        until=until_day,
        articles=chosen,
        marked=marked,
        marks=marks,
        type=type,
        mode=mode,
        source=source,
        modality=None if modality in (None, "all", "asserted") else modality,
        all_modalities=all_modalities or modality == "all",
    )


def _entity(index: Index, name: str | None, kind: str) -> dict[str, Any] | None:
    if not name or not name.strip():
        return None
    found = index.find_entity(name.strip(), kind)
    if not found or found.get("kind") != kind:
        raise ScopeError(f"no {kind} matches {name!r}")
    return found


def selections(scope: Scope) -> list[dict[str, Any]]:
    """The scope as sets of ``Index.events`` filters: an event is in scope if it matches
    any of them (one for the filters, one per mark)."""
    modality = scope.modality or (None if scope.all_modalities else "asserted")
    found: list[dict[str, Any]] = []
    if scope.filtered or not scope.marked:
        common = {
            "actor": scope.actor and scope.actor["id"],
            "place": scope.place and scope.place["id"],
            "since": scope.since,
            "until": scope.until,
            "modality": modality,
            **{k: v for k in ("type", "mode", "source") if (v := getattr(scope, k))},
        }
        if scope.articles:
            found += [{**common, "article": article_id} for article_id in scope.articles]
        else:
            found.append(common)
    if scope.marked:
        event_ids = [i for k, i in scope.marks if k == "event"]
        if event_ids:
            found.append({"ids": event_ids, "modality": None})
        for kind, ident in scope.marks:
            if kind in ("article", "actor", "place"):
                found.append({kind: ident, "modality": modality})
    return found


def scope_events(index: Index, scope: Scope) -> list[dict[str, Any]]:
    """The events in scope, each once (the renderers put them in timeline order).

    One query per filter set and per mark, never per event.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for filters in selections(scope):
        for ev in index.events(**filters):
            by_id.setdefault(ev["event_id"], ev)
    return list(by_id.values())


def gather(
    index: Index, scope: Scope
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, str]]:
    """The events in scope held in memory, their articles by id, and their same-event
    clusters (``compose`` and ``event_rows`` take them; the exports themselves read the
    index a block at a time, see ``Index.timeline``)."""
    from briefing.export.clusters import cluster_keys

    events = scope_events(index, scope)
    wanted = sorted({e["article_id"] for e in events})
    if len(wanted) > 900:  # stay under SQLite's variable limit: read all, keep what is wanted
        keep = set(wanted)
        rows = [a for a in index.articles() if a["id"] in keep]
    else:
        rows = index.articles(ids=wanted) if wanted else []
    articles = {a["id"]: a for a in rows}
    return events, articles, cluster_keys(index, (e["event_id"] for e in events))
