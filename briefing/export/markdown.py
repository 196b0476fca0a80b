"""The markdown briefing: front matter, bottom line up front, key figures, timeline,
key actors and places, gaps, and every report as a footnote with its evidence sentence.

``render_markdown(index, scope)`` reads the index (a fixed number of queries, whatever the
number of events); ``compose(events, articles, …)`` is the pure part, which tests feed
with events made by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import yaml

from briefing import __version__
from briefing.export.escape import cell, code, inline
from briefing.export.scope import Scope
from briefing.export.timeline import Article, Entry, Event, entries

if TYPE_CHECKING:
    from briefing.index.queries import Index

KEY_ACTORS = 5
KEY_PLACES = 5
SECTION_ROWS = 10
TIMELINE_HEADER = ("Date", "Place", "Actors → targets", "Event", "Killed / wounded", "Sources")


def render_markdown(
    index: Index,
    scope: Scope,
    *,
    title: str | None = None,
    today: date | str | None = None,
) -> str:
    """The briefing for ``scope`` as markdown text (UTF-8, ends with a newline).

    ``today`` is the as-of date written in the brief (default: today); with the same index,
    scope and ``today`` the output is byte-for-byte the same.
    """
    events, articles, clusters = gather(index, scope)
    return compose(
        events,
        articles,
        scope=scope,
        title=title,
        as_of=_iso(today),
        index_hash=index.state_hash(),
        clusters=clusters,
    )


def gather(index: Index, scope: Scope) -> tuple[list[Event], dict[str, Article], dict[str, str]]:
    """Events in scope, their articles by id, and their same-event clusters."""
    from briefing.export.clusters import cluster_keys
    from briefing.export.scope import scope_events

    events = scope_events(index, scope)
    wanted = sorted({e["article_id"] for e in events})
    if len(wanted) > 900:  # stay under SQLite's variable limit: read all, keep what is wanted
        keep = set(wanted)
        rows = [a for a in index.articles() if a["id"] in keep]
    else:
        rows = index.articles(ids=wanted) if wanted else []
    articles = {a["id"]: a for a in rows}
    return events, articles, cluster_keys(index, (e["event_id"] for e in events))


def compose(
    events: list[Event],
    articles: Mapping[str, Article],
    *,
    scope: Scope | None = None,
    title: str | None = None,
    as_of: str | None = None,
    index_hash: str = "",
    clusters: Mapping[str, str] | None = None,
) -> str:
    """The briefing as markdown, from event and article dicts shaped as in DESIGN.md."""
    scope = scope or Scope()
    timeline = entries(events, articles, clusters)
    brief = _Brief(timeline, articles, scope, as_of or _iso(None))
    title = " ".join((title or "").split()) or f"Briefing: {scope.label()}"
    parts = [
        _front_matter(brief, title, index_hash),
        f"# {inline(title)}",
        brief.covers(),
        "## Bottom line up front",
        brief.bluf(),
        "## Key figures",
        brief.key_figures(),
        "## Timeline",
        brief.timeline(),
        *brief.sections("Key actors", brief.key_actors(), "actors"),
        *brief.sections("Key places", brief.key_places(), "places"),
        "## Gaps and caveats",
        brief.gaps(),
        "## Sources",
        brief.footnotes(),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _iso(day: date | str | None) -> str:
    if day is None:
        return date.today().isoformat()
    return day.isoformat() if isinstance(day, date) else str(day)


def _front_matter(brief: _Brief, title: str, index_hash: str) -> str:
    start, end = brief.period()
    meta = {
        "title": title,
        "period": {"from": start, "to": end},
        "as_of": brief.as_of,
        "scope": brief.scope.describe(),
        "events": len(brief.timeline_entries),
        "reports": brief.report_count,
        "articles": len(brief.article_ids),
        "generator": f"briefing {__version__}",
        "index": index_hash,
    }
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{body}---"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _span(lo_hi: tuple[int, int] | None) -> str:
    if lo_hi is None:
        return "?"
    lo, hi = lo_hi
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _kind(event: Event) -> str:
    """What the event is, in words: ``air strikes``, ``talks``; falls back on the PLOVER type."""
    try:
        from briefing.index.link import kind_of_event

        return kind_of_event(event.get("type") or "", event.get("mode"))
    except (ImportError, KeyError, AttributeError):
        mode = event.get("mode")
        return (event.get("type") or "event").lower() + (f" ({mode})" if mode else "")


class _Brief:
    """The numbers and sections of one briefing, computed once from its timeline."""

    def __init__(
        self, timeline: list[Entry], articles: Mapping[str, Article], scope: Scope, as_of: str
    ):
        self.timeline_entries = timeline
        self.articles = articles
        self.scope = scope
        self.as_of = as_of
        self.report_count = sum(len(e.reports) for e in timeline)
        self.article_ids = list(dict.fromkeys(a for e in timeline for a in e.articles()))
        self.names: dict[str, str] = {}  # display name of each actor and place key counted
        # One footnote per report, numbered in timeline order.
        self.notes: dict[str, int] = {}
        for entry in timeline:
            for report in entry.reports:
                self.notes.setdefault(report["event_id"], len(self.notes) + 1)

    # numbers ---------------------------------------------------------------------------

    def period(self) -> tuple[str | None, str | None]:
        days = [e.day for e in self.timeline_entries if e.day]
        return (
            self.scope.since or min(days, default=None),
            self.scope.until or max(days, default=None),
        )

    def total(self, field_name: str) -> tuple[int, int, int]:
        """Sum of the lowest and of the highest count per event, and how many events count."""
        tolls = [t for e in self.timeline_entries if (t := e.toll(field_name))]
        return sum(t[0] for t in tolls), sum(t[1] for t in tolls), len(tolls)

    def counts(self, role: str) -> Counter[str]:
        """Events per actor (``actors``), per actor or target (``both``) or per place."""
        c: Counter[str] = Counter()
        for entry in self.timeline_entries:
            if role == "places":
                found = [entry.place()] if entry.place() else []
            elif role == "both":
                found = list(dict(entry.names("actors") + entry.names("targets")).items())
            else:
                found = entry.names(role)
            for key, name in found:
                self.names.setdefault(key, name)
                c[key] += 1
        return c

    def top(self, counter: Counter[str], n: int) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], self.names[kv[0]].casefold()))[:n]

    def outlets(self) -> list[str]:
        return sorted(
            {(self.articles.get(a) or {}).get("source") or "" for a in self.article_ids} - {""}
        )

    # sections --------------------------------------------------------------------------

    def covers(self) -> str:
        start, end = self.period()
        when = f"from {start or 'undated'} to {end or 'undated'}" if start or end else "undated"
        return (
            f"Covers {when} · as of {self.as_of} · scope: {inline(self.scope.label())} · "
            f"{_plural(len(self.timeline_entries), 'event')} from "
            f"{_plural(len(self.article_ids), 'article')}"
        )

    def bluf(self) -> str:
        n = len(self.timeline_entries)
        what = "events" if self.scope.all_modalities else "asserted events"
        if not n:
            return f"No {what} in scope."
        start, end = self.period()
        kinds = Counter(_kind(e.first) for e in self.timeline_entries)
        kinds_text = ", ".join(f"{k} {inline(name)}" for name, k in _ranked(kinds)[:4])
        if start and end:
            when = f"From {start} to {end}, "
        elif start or end:
            when = f"Since {start}, " if start else f"Until {end}, "
        else:
            when = "Undated: "
        lines = [f"{when}{self._sources()} report {_plural(n, 'event')} ({kinds_text})."]
        tolls = []
        for field_name, verb in (("killed", "killed"), ("wounded", "wounded")):
            low, _, given = self.total(field_name)
            if given:
                tolls.append(f"at least {low:,} {verb} ({given} of {n} events give a toll)")
        toll_text = "; ".join(tolls) if tolls else "no report in scope gives a toll"
        lines.append(toll_text[0].upper() + toll_text[1:] + ".")
        actors = self.top(self.counts("actors"), 3)
        if actors:
            lines.append(
                "Most active: "
                + ", ".join(f"{inline(self.names[a])} ({c})" for a, c in actors)
                + "."
            )
        places = self.top(self.counts("places"), 3)
        if places:
            lines.append(
                "Places hit most: "
                + ", ".join(f"{inline(self.names[p])} ({c})" for p, c in places)
                + "."
            )
        return " ".join(lines)

    def key_figures(self) -> str:
        n = len(self.timeline_entries)
        start, end = self.period()
        single = sum(1 for e in self.timeline_entries if len(e.articles()) == 1)
        rows = [
            ("Events", f"{n} ({_plural(self.report_count, 'report')})"),
            ("Period", f"{start or 'undated'} to {end or 'undated'}"),
        ]
        for field_name, label in (("killed", "Killed"), ("wounded", "Wounded")):
            lo, hi, k = self.total(field_name)
            value = f"at least {lo:,}" + (f" (reports range {lo:,}–{hi:,})" if hi != lo else "")
            rows.append((label, f"{value}, from {k} of {n} events" if k else "not reported"))
        rows.append(
            (
                "Sources",
                f"{self._sources()}; {single} of {n} events rest on a single article",
            )
        )
        bullets = "\n".join(f"- **{label}:** {value}" for label, value in rows)
        return f"As of {self.as_of}, from the reports in scope:\n\n{bullets}"

    def timeline(self) -> str:
        if not self.timeline_entries:
            return "No events in scope."
        lines = [
            "| " + " | ".join(TIMELINE_HEADER) + " |",
            "|" + "---|" * len(TIMELINE_HEADER),
        ]
        for entry in self.timeline_entries:
            cells = [
                cell(entry.day or "undated"),
                cell(entry.place()[1] if entry.place() else ""),
                self._who(entry),
                self._what(entry),
                f"{_span(entry.toll('killed'))} / {_span(entry.toll('wounded'))}",
                self._refs(entry),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def key_actors(self) -> list[tuple[str, str, int]]:
        """The most involved actors, the scope's own actor first."""
        return self._key(self.counts("both"), KEY_ACTORS, self.scope.actor)

    def key_places(self) -> list[tuple[str, str, int]]:
        """The places with most events, the scope's own place first."""
        return self._key(self.counts("places"), KEY_PLACES, self.scope.place)

    def _key(self, counter: Counter[str], n: int, first: dict | None) -> list[tuple[str, str, int]]:
        ranked = self.top(counter, len(counter))
        if first and first.get("id") in counter:
            ranked.sort(key=lambda kc: kc[0] != first["id"])  # stable: the rest keep their rank
        return [(k, self.names[k], c) for k, c in ranked[:n]]

    def sections(self, heading: str, keys: list[tuple[str, str, int]], role: str) -> list[str]:
        if not keys:
            return []
        out = [f"## {heading}"]
        for key, name, _count in keys:
            mine = [e for e in self.timeline_entries if self._involves(e, key, role)]
            out.append(f"### {inline(name)}")
            out.append(self._summary(mine, key, role))
            items = [self._item(e) for e in mine[:SECTION_ROWS]]
            if len(mine) > SECTION_ROWS:
                items.append(f"- … and {len(mine) - SECTION_ROWS} more in the timeline.")
            out.append("\n".join(items))
        return out

    def gaps(self) -> str:
        n = len(self.timeline_entries)
        if not n:
            return "- Nothing in scope: widen the scope or index more articles."
        undated = sum(1 for e in self.timeline_entries if not any(r.get("date") for r in e.reports))
        placeless = sum(1 for e in self.timeline_entries if e.place() is None)
        single = sum(1 for e in self.timeline_entries if len(e.articles()) == 1)
        spread = sum(1 for e in self.timeline_entries if (t := e.toll("killed")) and t[0] != t[1])
        lines = [f"{single} of {n} events rest on a single article."]
        if undated:
            lines.append(
                f"{undated} of {n} events give no date of their own; they are placed at "
                "their article's date, if it has one."
            )
        if placeless:
            lines.append(f"{placeless} of {n} events name no place.")
        if spread:
            lines.append(
                f"{spread} of {n} events have reports that disagree on the toll (shown as a range)."
            )
        lines.append(
            "Events are extracted automatically: check each against its evidence sentence "
            "in the notes below."
        )
        return "\n".join(f"- {line}" for line in lines)

    def footnotes(self) -> str:
        if not self.notes:
            return "No sources."
        lines = [
            "Each note gives the article, its outlet and date, and the sentence the event "
            "was read from."
        ]
        for entry in self.timeline_entries:
            for report in entry.reports:
                n = self.notes[report["event_id"]]
                lines.append(f"[^{n}]: {self._source(report)}")
        return "\n\n".join(lines)

    # pieces ----------------------------------------------------------------------------

    def _who(self, entry: Entry) -> str:
        actors = ", ".join(inline(name) for _, name in entry.names("actors")) or "?"
        targets = ", ".join(inline(name) for _, name in entry.names("targets"))
        return f"{actors} → {targets}" if targets else actors

    def _what(self, entry: Entry) -> str:
        first = entry.first
        text = inline(_kind(first))
        if trigger := inline(first.get("trigger")):
            text += f": “{trigger}”"
        modality = first.get("modality") or "asserted"
        if modality != "asserted":
            text = f"{modality}: {text}"
        return text

    def _refs(self, entry: Entry) -> str:
        return " ".join(f"[^{self.notes[r['event_id']]}]" for r in entry.reports)

    def _item(self, entry: Entry) -> str:
        place = entry.place()
        toll = entry.toll("killed")
        parts = [
            entry.day or "undated",
            inline(place[1]) if place else "no place",
            self._who(entry),
            self._what(entry),
        ]
        if toll:
            parts.append(f"{_span(toll)} killed")
        return "- " + " · ".join(parts) + " " + self._refs(entry)

    def _involves(self, entry: Entry, key: str, role: str) -> bool:
        if role == "places":
            place = entry.place()
            return place is not None and place[0] == key
        return any(k == key for k, _ in entry.names("actors") + entry.names("targets"))

    def _summary(self, mine: list[Entry], key: str, role: str) -> str:
        days = [e.day for e in mine if e.day]
        when = f"between {min(days)} and {max(days)}" if days else "(undated)"
        killed = sum(t[0] for e in mine if (t := e.toll("killed")))
        if role == "places":
            head = f"{_plural(len(mine), 'event')} here {when}"
        else:
            as_actor = sum(1 for e in mine if any(k == key for k, _ in e.names("actors")))
            head = (
                f"{_plural(len(mine), 'event')} {when}: {as_actor} as actor, "
                f"{len(mine) - as_actor} as target"
            )
        return f"{head}; at least {killed:,} killed."

    def _sources(self) -> str:
        articles, outlets = len(self.article_ids), len(self.outlets())
        named = f"from {_plural(outlets, 'outlet')}" if outlets else "(outlets not given)"
        return f"{_plural(articles, 'article')} {named}"

    def _source(self, report: Event) -> str:
        article = self.articles.get(report.get("article_id", "")) or {}
        title = inline(article.get("title")) or "Untitled"
        outlet = inline(article.get("source")) or "unknown outlet"
        published = article.get("date") or "undated"
        sentence = inline(report.get("sentence")) or "(no sentence)"
        where = f"article {code(report.get('article_id'))}"
        if article.get("url"):
            where += f", {code(article['url'])}"
        return f"{title}. {outlet}, {published}. Evidence: “{sentence}” ({where})"


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
