"""Events in scope put in order and grouped into timeline entries (shared by every format).

An *entry* is one real-world event: one report, or several reports that linking put in the
same cluster. Everything here is pure and linear in the number of events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.index.queries import Index

Event = dict[str, Any]
Article = dict[str, Any]


def day_of(event: Event, articles: Mapping[str, Article]) -> str | None:
    """The event's own date, else its article's publication date."""
    if event.get("date"):
        return event["date"]
    article = articles.get(event.get("article_id", ""))
    return article.get("date") if article else None


def in_order(events: list[Event], articles: Mapping[str, Article]) -> list[Event]:
    """Timeline order: by day (undated last), then article, then position in the article."""
    return sorted(
        events,
        key=lambda e: (
            day_of(e, articles) or "~",
            e.get("article_id") or "",
            e.get("start") or 0,
            e.get("event_id") or "",
        ),
    )


@dataclass(slots=True)
class Entry:
    """One timeline row: the reports of one event, earliest first."""

    key: str
    reports: list[Event] = field(default_factory=list)
    day: str | None = None
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def first(self) -> Event:
        return self.reports[0]

    def toll(self, field_name: str) -> tuple[int, int] | None:
        """``(lowest, highest)`` count reported for ``killed`` or ``wounded``, or None."""
        values = [r[field_name] for r in self.reports if isinstance(r.get(field_name), int)]
        return (min(values), max(values)) if values else None

    def names(self, role: str) -> list[tuple[str, str]]:
        """``(key, name)`` of the actors or targets over all reports, first seen first."""
        if role in self._memo:
            return self._memo[role]
        seen: dict[str, str] = {}
        for report in self.reports:
            for p in report.get(role) or ():
                name = p.get("name") or p.get("text") or ""
                if name:
                    seen.setdefault(p.get("id") or name, name)
        found = self._memo[role] = list(seen.items())
        return found

    def place(self) -> tuple[str, str] | None:
        """``(key, name)`` of the primary place, from the first report that has one."""
        if "place" not in self._memo:
            self._memo["place"] = next(
                (
                    (loc.get("id") or name, name)
                    for report in self.reports
                    for loc in report.get("locations") or ()
                    if (name := loc.get("name") or loc.get("text"))
                ),
                None,
            )
        return self._memo["place"]

    def articles(self) -> list[str]:
        return list(dict.fromkeys(r["article_id"] for r in self.reports))


def entries(
    events: list[Event], articles: Mapping[str, Article], clusters: Mapping[str, str] | None = None
) -> list[Entry]:
    """Group events into entries by cluster (unclustered events stand alone), in timeline order."""
    clusters = clusters or {}
    out: dict[str, Entry] = {}
    for event in in_order(events, articles):
        key = clusters.get(event["event_id"], event["event_id"])
        entry = out.get(key)
        if entry is None:
            entry = out[key] = Entry(key=key, day=day_of(event, articles))
        entry.reports.append(event)
    return list(out.values())


ARTICLES_KEPT = 5000  # article rows an export keeps for the rows to come


def read_articles(index: Index, ids: set[str], articles: dict[str, Article]) -> None:
    """Put the articles ``ids`` names in ``articles``, read from the index if missing there
    (emptied first when it would hold more than ARTICLES_KEPT: an export reads the
    timeline a part at a time, and timeline order mixes articles)."""
    wanted = sorted(ids - articles.keys())
    if len(articles) + len(wanted) > ARTICLES_KEPT:
        articles.clear()
        wanted = sorted(ids)
    for i in range(0, len(wanted), 500):  # (under SQLite's limit of variables)
        articles.update((a["id"], a) for a in index.articles(ids=wanted[i : i + 500]))
