"""The feeds followed and what is known of each, in the index (tables of migration 8 in
``briefing.index.store``): subscriptions, last status, entries met, stories stored."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.feeds.opml import Subscription
from briefing.index import store

PAGES = 0  # feed_items.feed of pages added one at a time (`briefing add URL`)
OK, NOT_MODIFIED, ERROR = "ok", "not modified", "error"


class FeedError(ValueError):
    """A feed that cannot be added, found or removed."""


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    name: str | None = None
    tags: list[str] = field(default_factory=list)
    site_url: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked: str | None = None
    updated: str | None = None
    status: str | None = None
    detail: str | None = None
    http_status: int | None = None
    new_items: int = 0

    @property
    def label(self) -> str:
        return self.name or self.title or urlsplit(self.url).hostname or self.url


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def feeds_dir(db: Path) -> Path:
    """Where the articles of feeds and pages are kept as JSONL, beside the index."""
    return db.parent / f"{db.stem}.feeds"


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"not an http(s) URL: {url!r}")
    return url


def add_feed(
    con: sqlite3.Connection, url: str, name: str | None = None, tags: list[str] = ()
) -> Feed:  # type: ignore[assignment]
    url = check_url(url)
    if con.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone():
        raise FeedError(f"already following {url}")
    with store.transaction(con):
        cur = con.execute(
            "INSERT INTO feeds(url, name, tags, added) VALUES (?, ?, ?, ?)",
            (url, name, json.dumps(list(dict.fromkeys(tags))), now()),
        )
    assert cur.lastrowid is not None
    return get_feed(con, str(cur.lastrowid))


def import_feeds(con: sqlite3.Connection, subs: list[Subscription]) -> tuple[int, int]:
    """Follow each subscription not followed yet; returns (added, already followed)."""
    known = {r[0] for r in con.execute("SELECT url FROM feeds")}
    added = 0
    with store.transaction(con):
        for s in subs:
            if s.url in known:
                continue
            con.execute(
                "INSERT INTO feeds(url, name, tags, site_url, added) VALUES (?, ?, ?, ?, ?)",
                (s.url, s.name, json.dumps(s.tags), s.site_url, now()),
            )
            known.add(s.url)
            added += 1
    return added, len(subs) - added


def subscriptions(con: sqlite3.Connection) -> list[Subscription]:
    return [Subscription(f.url, f.name or f.title, f.tags, f.site_url) for f in list_feeds(con)]


def list_feeds(con: sqlite3.Connection, tag: str | None = None) -> list[Feed]:
    feeds = [_feed(r) for r in con.execute("SELECT * FROM feeds ORDER BY id")]
    return [f for f in feeds if tag in f.tags] if tag else feeds


def get_feed(con: sqlite3.Connection, key: str) -> Feed:
    """A feed by its number, URL or name."""
    row = None
    if key.isdigit():
        row = con.execute("SELECT * FROM feeds WHERE id = ?", (int(key),)).fetchone()
    row = (
        row
        or con.execute(
            "SELECT * FROM feeds WHERE url = ? OR name = ? OR title = ? ORDER BY id",
            (key, key, key),
        ).fetchone()
    )
    if row is None:
        raise FeedError(f"no feed {key!r} (see `briefing feeds list`)")
    return _feed(row)


def remove_feed(con: sqlite3.Connection, key: str) -> Feed:
    """Stop following a feed; its articles stay in the index."""
    feed = get_feed(con, key)
    with store.transaction(con):
        con.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
    return feed


def _feed(row: sqlite3.Row) -> Feed:
    values = dict(row)
    values["tags"] = json.loads(values["tags"] or "[]")
    values.pop("added", None)
    return Feed(**values)


def record_status(con: sqlite3.Connection, feed: Feed) -> None:
    con.execute(
        "UPDATE feeds SET title=?, site_url=?, etag=?, last_modified=?, checked=?, updated=?,"
        " status=?, detail=?, http_status=?, new_items=? WHERE id=?",
        (
            feed.title, feed.site_url, feed.etag, feed.last_modified, feed.checked, feed.updated,
            feed.status, feed.detail, feed.http_status, feed.new_items, feed.id,
        ),
    )  # fmt: skip


def known_guids(con: sqlite3.Connection, feed_id: int) -> set[str]:
    return {r[0] for r in con.execute("SELECT guid FROM feed_items WHERE feed = ?", (feed_id,))}


def feed_rows(con: sqlite3.Connection) -> list[dict[str, Any]]:
    """Each feed as the faces list it: with its articles and how many are unread."""
    counts = {
        r[0]: (r[1], r[2])
        for r in con.execute(
            "SELECT fi.feed, count(DISTINCT fi.article),"
            " count(DISTINCT fi.article) FILTER (WHERE ra.article IS NULL)"
            " FROM feed_items fi LEFT JOIN read_articles ra ON ra.article = fi.article"
            " GROUP BY fi.feed"
        )
    }
    out = []
    for f in list_feeds(con):
        articles, unread = counts.get(f.id, (0, 0))
        out.append(
            {
                "id": f.id, "name": f.label, "url": f.url, "tags": f.tags, "articles": articles,
                "unread": unread, "new": f.new_items, "checked": f.checked, "updated": f.updated,
                "status": f.status or "never updated", "detail": f.detail,
            }
        )  # fmt: skip
    return out


def sources(con: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """Every feed entry (or page) stored as this article: the outlets that carried it."""
    return [
        dict(r)
        for r in con.execute(
            "SELECT outlet, url, published, seen FROM feed_items WHERE article = ? ORDER BY seen",
            (article_id,),
        )
    ]


def mark_read(con: sqlite3.Connection, article_id: str) -> None:
    con.execute(
        "INSERT OR IGNORE INTO read_articles(article, read) VALUES (?, ?)", (article_id, now())
    )
