"""What the app reads and writes, over the one query API (no Textual here).

``Library`` holds the app's connection (used on the UI thread; every read is a few
milliseconds) and lends worker threads connections of their own, since an SQLite
connection is not to be shared by threads that may run at the same time. A worker gives
its connection back when done, so the app keeps as many as ever ran at once (a handful),
not one per keystroke. Linking, profiles, marks and export are other parts of the
project: they are reached through this module only, so the screens never depend on their
internals.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefing.index.queries import Index


def _optional(module: str, name: str):
    """``module.name`` if that part of the project is installed, else None."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


class Library:
    """The index as the app sees it."""

    def __init__(self, db: Path):
        self.db = Path(db)
        self.index = Index(self.db)
        self._lock = threading.Lock()
        self._idle: list[Index] = []  # worker connections not in use now
        self.opened = 0  # worker connections opened so far
        self.closed = False
        # the last few counts of the map and the overview, by what they were asked and
        # the state of the events (_counted)
        self._counts: dict[tuple[Any, ...], Any] = {}

    def close(self) -> None:
        """Close every connection (one still lent out is closed when it is given back)."""
        with self._lock:
            self.closed = True
            idle, self._idle = self._idle, []
        for index in [self.index, *idle]:
            index.close()

    @contextmanager
    def reading(self) -> Iterator[Index]:
        """A connection for this thread: the app's own on the UI thread; in a worker, an
        idle one (or a new one), given back when the ``with`` block ends."""
        if threading.current_thread() is threading.main_thread():
            yield self.index
            return
        with self._lock:
            index = self._idle.pop() if self._idle else None
            if index is None:
                self.opened += 1
        if index is None:
            index = Index(self.db)
        try:
            yield index
        finally:
            with self._lock:
                keep = not self.closed
                if keep:
                    self._idle.append(index)
            if not keep:
                index.close()

    # reading --------------------------------------------------------------------------

    def articles(self) -> list[dict[str, Any]]:
        """Every article without its text (safe in a worker)."""
        with self.reading() as index:
            return index.articles()

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self.index.article(article_id)

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        return self.index.mentions(article_id)

    def events(self, article_id: str) -> list[dict[str, Any]]:
        """Every event of an article, in text order, whatever its modality."""
        events = self.index.events(article=article_id, modality=None)
        return sorted(events, key=lambda e: e.get("start") or 0)

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self.index.event(event_id)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        return self.index.entity(entity_id)

    def search(self, query: str, limit: int = 40) -> list[dict[str, Any]]:
        """Lookup hits; safe to call from a worker thread."""
        from briefing.index.search import search

        with self.reading() as index:
            return search(index, query, limit=limit)

    # linking --------------------------------------------------------------------------

    @property
    def has_links(self) -> bool:
        return _optional("briefing.index.related", "related") is not None

    def related(self, kind: str, id: str, limit: int = 30) -> list[dict[str, Any]] | None:
        """Entries related to an article or event, with why (``shared``); None without linking."""
        related = _optional("briefing.index.related", "related")
        if related is None:
            return None
        with self.reading() as index:
            return list(related(index, id, kind=kind, limit=limit))

    def profile(self, entity_id: str) -> dict[str, Any] | None:
        """An actor's or place's profile (``briefing.index.profile``) with its events listed
        under ``event_list`` (every modality, oldest first)."""
        from briefing.index.profile import profile

        found = profile(self.index, entity_id)
        if found is not None:
            found["event_list"] = self.index.events(entity=entity_id, modality=None)
        return found

    # marks ----------------------------------------------------------------------------

    def toggle_mark(self, kind: str, id: str) -> bool:
        from briefing import marks

        return marks.toggle(self.index, kind, id)

    def marks(self) -> list[dict[str, Any]]:
        """Marked entries with a display name, oldest first."""
        from briefing import marks

        out = []
        for kind, id in marks.marked(self.index):
            out.append({"kind": kind, "id": id, "name": self.name_of(kind, id)})
        return out

    # export ---------------------------------------------------------------------------

    def brief(self, **scope: Any) -> str:
        """The markdown briefing for a scope (``build_scope`` arguments); safe in a worker.
        Raises ValueError (ScopeError) for names or dates that do not resolve."""
        from briefing.export.markdown import render_markdown
        from briefing.export.scope import build_scope

        with self.reading() as index:
            return render_markdown(index, build_scope(index, **scope))

    def export(self, fmt: str = "md", **scope: Any) -> str:
        """The export in ``fmt`` (``briefing.export.formats``) for a scope; safe in a worker.
        Raises ValueError (ScopeError) for names or dates that do not resolve."""
        from briefing.export import render
        from briefing.export.scope import build_scope

        with self.reading() as index:
            return render(index, build_scope(index, **scope), fmt)

    def write_brief(self, target: Path, text: str, *, overwrite: bool = False) -> Path:
        """Write atomically; OSError (ExportTargetError) if it exists and not ``overwrite``."""
        from briefing import paths
        from briefing.export.atomic import write_atomic

        if target.parent == paths.export_dir():  # the default folder is made when first used
            target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(target, text, overwrite=overwrite)

    def name_of(self, kind: str, id: str) -> str:
        if kind == "article":
            rows = self.index.articles(ids=[id])
            return rows[0]["title"] if rows else id
        if kind == "event":
            ev = self.index.event(id)
            if not ev:
                return id
            who = ", ".join(p["name"] for p in ev.get("actors", [])) or "?"
            whom = ", ".join(p["name"] for p in ev.get("targets", []))
            return f"{ev['type']} {who}" + (f" → {whom}" if whom else "")
        entity = self.index.entity(id)
        return entity["name"] if entity else id

    # feeds (briefing/feeds) -----------------------------------------------------------

    def feeds(self) -> list[dict[str, Any]]:
        """Each feed followed, with its unread articles and last status."""
        from briefing.feeds.state import feed_rows

        with self.reading() as index:
            return feed_rows(index.con)

    def mark_read(self, article_id: str) -> None:
        from briefing.feeds.state import mark_read

        with self.reading() as index:
            mark_read(index.con, article_id)

    # map and overview (briefing.index.filters, briefing.index.overview) -------------------

    def resolve_filter(self, flt: Any) -> Any:
        """The filter checked against the index (``Resolved``); raises FilterError."""
        from briefing.index.filters import resolve

        with self.reading() as index:
            return resolve(index, flt)

    def map_places(self, query: dict[str, Any]) -> tuple[list[Any], int, int]:
        """(places with events and coordinates, events in the filter, events mapped);
        safe in a worker."""
        from briefing.index import overview

        return self._counted("map", query, overview.mapped)

    def _counted(self, what: str, query: dict[str, Any], count: Any, **options: Any) -> Any:
        """``count(index, query)``, or what it gave last time if the events have not
        changed since (going back and forth between the map, the overview and the list
        redraws them without asking SQLite again: ~1 s for the overview at 100k events).
        The events' state is their number and their last rowid: indexing adds events with
        new rowids (never reused), removing an article removes its events."""
        with self.reading() as index:
            state = tuple(index.con.execute("SELECT count(*), max(rowid) FROM events").fetchone())
            key = (what, tuple(sorted(query.items())), state)
            with self._lock:
                if key in self._counts:
                    return self._counts[key]
            found = count(index, query, **options)
            with self._lock:
                self._counts[key] = found
                while len(self._counts) > 8:
                    del self._counts[next(iter(self._counts))]
            return found

    def articles_in(self, query: dict[str, Any]) -> set[str]:
        """The ids of the articles with events in the filter; safe in a worker."""
        from briefing.index import overview

        with self.reading() as index:
            return overview.article_ids(index, query)

    def events_at(
        self, place_ids: list[str], query: dict[str, Any], limit: int = 200
    ) -> list[dict[str, Any]]:
        from briefing.index import overview

        with self.reading() as index:
            return overview.events_at(index, place_ids, query, limit)

    def overview(
        self, query: dict[str, Any], on_head: Callable[[dict[str, Any]], object] | None = None
    ) -> dict[str, Any]:
        """Everything the overview screen shows (``briefing.index.overview.summary``);
        ``on_head`` gets the weeks and tolls first when they are counted anew."""
        from briefing.index import overview

        return self._counted("overview", query, overview.summary, on_head=on_head)
