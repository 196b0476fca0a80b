"""``briefing update``: fetch every feed at once (politely: ``fetch.Policy``), keep what is
new, once per story, and index it through the indexer.

New entries are appended to JSONL files beside the index (``state.feeds_dir``), one file
a feed a month, and the indexer reads those like any collection: incremental, so that
only what changed is read again and only new articles are extracted. Fetching runs in a
thread of its own while this one indexes: each feed's new items are appended and handed
to the indexer (``indexer.Arrivals``) as soon as that feed is in, so that extraction
works while the other feeds are still being fetched; a story that several feeds bring
in one update is stored with the one that came in first (its outlet is the article's),
the others kept as its sources. A feed that fails keeps its articles and its validators
(ETag, Last-Modified); its status says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from briefing.feeds import dedupe, state
from briefing.feeds.fetch import Fetched, Fetcher, Policy
from briefing.feeds.page import NoText, read_page
from briefing.feeds.parse import Entry, NotAFeed, ParsedFeed, parse_feed, preload
from briefing.feeds.state import ERROR, NOT_MODIFIED, OK, Feed
from briefing.index import store
from briefing.index.indexer import Arrivals, index_paths

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGES_FILE = "pages.jsonl"
PARALLEL_FEEDS = 8  # feeds in an update from which they are parsed in worker processes

# (done, total, what): feeds fetched, then articles indexed
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class Item:
    """An entry (or a page) ready to store: its text is the fullest that could be had."""

    guid: str
    url: str | None
    canonical: str | None
    title: str | None
    text: str
    date: str | None
    outlet: str | None
    full_text: str  # "feed", "page", or why only the summary is kept
    signature: bytes | None = None  # of the full text (dedupe.signature), made in a worker


@dataclass(slots=True)
class FeedResult:
    feed: Feed
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    feeds: list[Feed] = field(default_factory=list)
    new: int = 0  # articles stored
    merged: int = 0  # entries that were a story stored already (another source kept)
    index_lines: list[str] = field(default_factory=list)
    index_timings: dict[str, float] = field(default_factory=dict)  # the indexer's stages
    seconds: float = 0.0

    @property
    def failed(self) -> list[Feed]:
        return [f for f in self.feeds if f.status == ERROR]

    def lines(self) -> list[str]:
        out = []
        for f in self.feeds:
            out.append(f"{f.label}: {f.status}" + (f" ({f.detail})" if f.detail else ""))
        out.append(
            f"{len(self.feeds)} feeds, {len(self.failed)} failed: {self.new} new articles,"
            f" {self.merged} already stored from another source, in {self.seconds:.2f}s"
        )
        return out + self.index_lines


def update(
    con: sqlite3.Connection,
    db: Path,
    *,
    feeds: list[Feed] | None = None,
    policy: Policy | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Fetch ``feeds`` (default: every feed followed), store and index what is new: each
    feed's new items are indexed as they come, while the other feeds are fetched."""
    t0 = time.perf_counter()
    feeds = state.list_feeds(con) if feeds is None else feeds
    preload()  # before the fetching thread parses feeds in threads of its own
    known = {f.id: state.known_guids(con, f.id) for f in feeds}
    stored_urls = {
        r[0] for r in con.execute("SELECT canonical FROM stories WHERE canonical IS NOT NULL")
    }
    storer = _Storer(db, lambda: _read_stories(db))
    arrivals = Arrivals(record=storer.record, opened=storer.open)
    storer.arrivals = arrivals
    fetching = threading.Thread(
        target=storer.fetch_all,
        args=(feeds, known, stored_urls, policy or Policy(), progress),
        name="briefing-fetch",
        daemon=True,
    )
    fetching.start()
    report = Report()
    try:
        storer.first.wait()  # the first new items, or every feed done with nothing new
        if storer.appended:
            state.feeds_dir(db).mkdir(parents=True, exist_ok=True)
            summary = _index(con, db, _jobs(jobs, len(feeds)), progress, arrivals)
            report.index_lines, report.index_timings = summary.lines(), summary.timings
    except BaseException:  # (ctrl+c too) the feeds still out are not waited for
        storer.cancel()
        raise
    finally:
        storer.open()  # (if the indexer never did: the lines held back are appended)
        fetching.join()
        report.index_timings["fetch"] = storer.seconds
        report.index_timings["fetching thread CPU"] = storer.cpu
        with store.transaction(con):  # what the indexer's batches did not write yet
            storer.record(con)
    if storer.error is not None:
        raise storer.error
    if not storer.appended and _stale(con, db):  # a run stopped before it indexed
        summary = _index(con, db, _jobs(jobs, len(feeds)), progress)
        report.index_lines, report.index_timings = summary.lines(), summary.timings
    order = {f.id: n for n, f in enumerate(feeds)}
    report.feeds = sorted((r.feed for r in storer.results), key=lambda f: order.get(f.id, 0))
    report.new, report.merged = storer.new, storer.merged
    report.seconds = time.perf_counter() - t0
    return report


def _jobs(jobs: int | None, feeds: int) -> int:
    """Extraction workers: as asked, else one a core when more than one feed may bring
    new items (the first arrive before their number is known)."""
    return jobs or ((os.cpu_count() or 1) if feeds > 1 else 1)


def _stale(con: sqlite3.Connection, db: Path) -> bool:
    """Whether the feeds' files hold lines the index has not read (a run that stopped
    after appending them and before indexing them), or articles it has not linked."""
    from briefing.index.indexer import UNSETTLED

    folder = state.feeds_dir(db)
    if not folder.is_dir():
        return False
    if store.get_meta(con, UNSETTLED) is not None:
        return True
    known = {r[0]: (r[1], r[2]) for r in con.execute("SELECT path, size, mtime_ns FROM files")}
    for entry in os.scandir(folder):
        if entry.name.endswith(".jsonl") and entry.is_file():
            st = entry.stat()
            if known.get(os.path.abspath(entry.path)) != (st.st_size, st.st_mtime_ns):
                return True
    return False


def add_page(
    con: sqlite3.Connection,
    db: Path,
    url: str,
    *,
    policy: Policy | None = None,
    jobs: int | None = 1,
) -> tuple[str, bool, list[str]]:
    """Fetch and index one web page; returns (article id, whether it was new, index lines).
    Raises ``state.FeedError`` when the page cannot be had."""
    url = state.check_url(url)
    stored = con.execute(
        "SELECT article FROM stories WHERE canonical = ?", (dedupe.canonical_url(url),)
    ).fetchone()
    if stored:  # not fetched again
        return stored[0], False, []

    async def get() -> Fetched:
        async with Fetcher(policy) as fetcher:
            return await fetcher.fetch(url, accept=PAGE_ACCEPT)

    got = asyncio.run(get())
    if got.error or got.status != 200:
        raise state.FeedError(f"cannot fetch {url}: {got.error or f'HTTP {got.status}'}")
    try:
        page = read_page(got.body, got.content_type, got.final_url)
    except NoText as exc:
        raise state.FeedError(f"{url}: {exc}") from exc
    item = Item(
        guid=url, url=got.final_url, canonical=dedupe.canonical_url(page.canonical or got.final_url),
        title=page.title, text=page.text, date=page.date, outlet=page.sitename or _host(got.final_url),
        full_text="page",
    )  # fmt: skip
    (item.signature,) = dedupe.signatures([item.text])
    pages = Feed(id=state.PAGES, url="")
    rows = con.execute(STORIES).fetchall()
    storer = _Storer(db, lambda: rows)
    storer.open()
    storer.take(FeedResult(pages, [item]))
    with store.transaction(con):
        storer.record(con)
    lines = _index(con, db, jobs, None).lines() if storer.appended else []
    (article,) = [r[0] for r in con.execute(
        "SELECT article FROM feed_items WHERE feed = ? AND guid = ?", (state.PAGES, url)
    )]  # fmt: skip
    return article, bool(storer.new), lines


# fetching --------------------------------------------------------------------------------


async def _fetch_all(
    feeds: list[Feed],
    known: dict[int, set[str]],
    stored_urls: set[str],
    policy: Policy,
    progress: Progress | None,
    take: Callable[[FeedResult, bool], None],
) -> None:
    """Fetch every feed, handing each one's result to ``take`` as soon as it is in (its
    items in full may come first, with False: the rest and the status are to come)."""
    if progress:
        progress(0, len(feeds), "fetching")
    pool = _pool(len(feeds))
    try:
        await _fetch_each(feeds, known, stored_urls, policy, progress, pool, take)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _pool(feeds: int) -> Executor | None:
    """Worker processes to parse feeds and read pages in (feedparser takes ~25 ms a feed of
    50 items: 2.5 s of one core for 100 feeds), when there are enough feeds to be worth it."""
    cores = os.cpu_count() or 1
    if feeds < PARALLEL_FEEDS or cores < 2:
        return None
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    return ProcessPoolExecutor(min(cores, 4), mp_context=ctx)


async def _cpu(pool: Executor | None, fn, *args):
    if pool is None:
        return await asyncio.to_thread(fn, *args)
    return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)


async def _fetch_each(
    feeds: list[Feed],
    known: dict[int, set[str]],
    stored_urls: set[str],
    policy: Policy,
    progress: Progress | None,
    pool: Executor | None,
    take: Callable[[FeedResult, bool], None],
) -> None:
    done = 0
    async with Fetcher(policy) as fetcher:

        async def one(feed: Feed) -> None:
            nonlocal done
            try:
                result = await _fetch_feed(fetcher, pool, feed, known[feed.id], stored_urls, take)
            except Exception as exc:  # one bad feed never stops the others
                feed.status, feed.detail = ERROR, f"unexpected {type(exc).__name__}: {exc}"[:300]
                feed.checked = state.now()
                result = FeedResult(feed)
            finally:
                done += 1
                if progress:
                    progress(done, len(feeds), "fetching")
            take(result, True)  # (outside the guard: a failure to store stops the update)

        await asyncio.gather(*(one(f) for f in feeds))


async def _fetch_feed(
    fetcher: Fetcher,
    pool: Executor | None,
    feed: Feed,
    known: set[str],
    stored_urls: set[str],
    take: Callable[[FeedResult, bool], None],
) -> FeedResult:
    """The feed's result (its new items, status and notes); items that are ready before
    the rest may be handed to ``take`` first (with False: more will come)."""
    result = FeedResult(feed)
    got = await fetcher.fetch(
        feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
    )
    feed.checked, feed.http_status, feed.new_items = state.now(), got.status or None, 0
    if got.not_modified:
        feed.status, feed.detail = NOT_MODIFIED, None
        return result
    if got.error:
        feed.status, feed.detail = ERROR, got.error
        return result
    try:
        parsed, signed = await _cpu(pool, _parse, got.body, got.content_type, got.final_url, known)
    except NotAFeed as exc:
        feed.status, feed.detail = ERROR, str(exc)
        return result
    feed.title = parsed.title or feed.title
    feed.site_url = feed.site_url or parsed.site_url
    # validators kept only with a feed that parsed: a broken one is asked for in full again
    feed.etag, feed.last_modified = got.etag, got.last_modified
    if parsed.duplicates:
        result.notes.append(f"{parsed.duplicates} duplicate guids ignored")
    if parsed.warning and not parsed.entries:
        result.notes.append(f"XML: {parsed.warning}")
    fresh = [e for e in parsed.entries if e.guid not in known]
    teasers = [e for e in fresh if e.teaser_only]
    # the entries in full first, handed on before the teasers' pages are fetched (which
    # wait their turn at the host behind other feeds: up to seconds)
    full = [await _item(fetcher, pool, feed, e, stored_urls) for e in fresh if not e.teaser_only]
    early = [i for i in full if i is not None]
    for item in early:  # the feed's full texts were signed with the parsing
        item.signature = signed.get(item.guid)
    handed = 0
    if early and teasers:
        take(FeedResult(feed, early), False)
        early, handed = [], len(early)
    items = await asyncio.gather(*(_item(fetcher, pool, feed, e, stored_urls) for e in teasers))
    result.items = early + [i for i in items if i is not None]
    pages = [i for i in result.items if i.full_text == "page"]
    if pages:
        for item, sig in zip(
            pages, await _cpu(pool, dedupe.signatures, [i.text for i in pages]), strict=True
        ):
            item.signature = sig
    if handed + len(result.items) < len(fresh):
        skipped = len(fresh) - handed - len(result.items)
        result.notes.append(f"{skipped} entries without text skipped")
    summaries = sum(1 for i in result.items if i.full_text not in ("feed", "page"))
    if summaries:
        result.notes.append(f"{summaries} kept as summaries (page not fetched)")
    feed.status = OK
    feed.detail = "; ".join(result.notes) or None
    return result


def _parse(
    body: bytes, content_type: str, url: str, known: set[str]
) -> tuple[ParsedFeed, dict[str, bytes | None]]:
    """In a worker process: the feed's entries, and the signatures of the full texts of
    those not met before (one trip to the worker: a second one for the signatures waited
    behind every other feed's parsing, so no feed was in before nearly all were parsed)."""
    parsed = parse_feed(body, content_type, url)
    full = [e for e in parsed.entries if e.guid not in known and not e.teaser_only]
    signed = dict(
        zip((e.guid for e in full), dedupe.signatures([e.content for e in full]), strict=True)
    )
    return parsed, signed


async def _item(
    fetcher: Fetcher, pool: Executor | None, feed: Feed, entry: Entry, stored_urls: set[str]
) -> Item | None:
    canonical = dedupe.canonical_url(entry.url)
    text, full_text = entry.content, "feed"
    title, date, outlet = entry.title, entry.published, feed.label
    if entry.teaser_only:
        text = entry.content or entry.summary
        if not entry.url:
            full_text = "no link to the full article"
        elif canonical in stored_urls:
            full_text = "stored already from another source"
        else:
            got = await fetcher.fetch(entry.url, accept=PAGE_ACCEPT)
            if got.error or got.status != 200:
                full_text = got.error or f"HTTP {got.status}"
            else:
                try:
                    page = await asyncio.to_thread(
                        read_page, got.body, got.content_type, got.final_url
                    )
                except NoText as exc:
                    full_text = str(exc)
                else:
                    if len(page.text) > len(text):
                        text, full_text = page.text, "page"
                    else:
                        full_text = "the page holds no more than the feed"
                    canonical = dedupe.canonical_url(page.canonical or got.final_url) or canonical
                    title, date = title or page.title, date or page.date
        if full_text not in ("feed", "page") and full_text != "stored already from another source":
            text = f"{text}\n\n[Summary only: the full article could not be fetched ({full_text}).]"
    if not text.strip() or text.startswith("\n\n[Summary only"):
        if not title:
            return None
        text = title + text
    return Item(entry.guid, entry.url, canonical, title, text, date, outlet, full_text)


# storing ---------------------------------------------------------------------------------


STORIES = "SELECT article, canonical, signature FROM stories"


def _read_stories(db: Path) -> list[tuple]:
    """The stories stored, read in the fetching thread on a connection of its own (the
    indexer's is the other thread's), only once a feed brings something: ~20 ms of an
    update that finds nothing new otherwise. Nothing this run stores is written before."""
    con = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(STORIES).fetchall()
    finally:
        con.close()


class _Storer:
    """Each feed's result as it comes (in the fetching thread): what is new, once per
    story, appended to the feed's JSONL file first (nothing is lost if the run stops
    after) and handed to the indexer; the rows saying which entries were met and which
    stories stored, and each feed's status, are kept for ``record`` (the indexer's
    thread, in its transactions). Until the indexer has looked at the files (``open``),
    results are held back, so that no line is both in a file it reads and handed to it."""

    def __init__(self, db: Path, stories: Callable[[], Iterable[tuple]]):
        self.db = db
        self.folder = Path(os.path.abspath(state.feeds_dir(db)))
        self.month = time.strftime("%Y-%m", time.gmtime())
        self.seen = state.now()
        self._known = stories  # read when the first item comes (none: not at all)
        self._stories: dedupe.Stories | None = None
        self._next_line: dict[Path, int] = {}
        self._lock = threading.Lock()
        self._opened = False  # whether the indexer has looked at the files (see ``open``)
        self._fetched = False  # whether every feed is in
        self._held: list[tuple] = []  # results taken before
        self._counts: dict[int, list[int]] = {}
        self._items: list[tuple] = []
        self._story_rows: list[tuple] = []
        self._statuses: list[Feed] = []
        self.results: list[FeedResult] = []
        self.arrivals: Arrivals | None = None
        self.first = threading.Event()  # set at the first append, or when all is fetched
        self.appended = 0
        self.new = self.merged = 0
        self.error: BaseException | None = None
        self._running: tuple[asyncio.AbstractEventLoop, asyncio.Task | None] | None = None
        self._cancelled = False
        self.seconds = 0.0  # fetching, from the first request to the last feed in
        self.cpu = 0.0  # of the fetching thread (not its workers')

    def fetch_all(self, feeds, known, stored_urls, policy, progress) -> None:
        """The fetching thread: every feed, each taken as it comes; then no more."""
        t0, cpu = time.perf_counter(), time.thread_time()

        async def fetch() -> None:
            self._running = (asyncio.get_running_loop(), asyncio.current_task())
            await _fetch_all(feeds, known, stored_urls, policy, progress, self.take)

        try:
            if not self._cancelled:
                asyncio.run(fetch())
        except BaseException as exc:  # raised by update, after what came is written
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - t0
            self.cpu = time.thread_time() - cpu
            with self._lock:
                self._fetched = True
                self._close()
            self.first.set()

    def cancel(self) -> None:
        """Stop fetching (from the indexer's thread: the update failed or was interrupted);
        what is in by then is kept."""
        self._cancelled = True
        if self._running is not None:
            loop, task = self._running
            with contextlib.suppress(RuntimeError):  # (the loop has closed: nothing to stop)
                loop.call_soon_threadsafe(task.cancel)

    def _close(self) -> None:
        """No more arrivals, once every feed is in and what was held back is handed."""
        if self._fetched and self._opened and self.arrivals is not None:
            self.arrivals.close()
            self.arrivals = None

    def take(self, result: FeedResult, final: bool = True) -> None:
        """A feed's items as they come; ``final``: the last of them, with its status."""
        feed = result.feed
        items_rows, story_rows, lines = [], [], []
        new = 0
        counts = self._counts.setdefault(feed.id, [0, 0])  # new, merged: this feed's
        if result.items and self._stories is None:
            self._stories = dedupe.Stories(self._known())
        for item in result.items:
            sig = dedupe.from_blob(item.signature) if item.signature else None
            assert self._stories is not None
            article = self._stories.find(item.canonical, sig)
            if article is None:
                article = _article_id(item, feed)
                self._stories.add(article, item.canonical, sig)
                story_rows.append((article, item.canonical, item.signature, item.full_text))
                record = {
                    "id": article, "title": item.title, "text": item.text, "date": item.date,
                    "source": item.outlet, "url": item.url,
                }  # fmt: skip
                lines.append(json.dumps(record, ensure_ascii=False))
                new += 1
            else:
                self.merged += 1
                counts[1] += 1
            items_rows.append(
                (feed.id, item.guid, article, item.url, item.outlet, item.date, self.seen)
            )
        self.new += new
        counts[0] += new
        new, merged = counts
        if final and (new or merged):
            feed.new_items = new
            feed.updated = self.seen if new else feed.updated
            summary = f"{new} new" + (
                f", {merged} stored already from another source" if merged else ""
            )
            feed.detail = "; ".join([summary, *result.notes])
        elif final and feed.status == OK:
            feed.detail = "; ".join(["nothing new", *result.notes])
        name = PAGES_FILE if feed.id == state.PAGES else f"feed-{feed.id}-{self.month}.jsonl"
        status = feed if final and feed.id != state.PAGES else None
        with self._lock:
            if final:
                self.results.append(result)
            self._held.append((self.folder / name, lines, items_rows, story_rows, status))
            if self._opened:
                self._write_held()
        if lines:
            self.appended += len(lines)
            self.first.set()

    def open(self) -> None:
        """The indexer has looked at the files: append what was held back, and from now
        on as it comes."""
        with self._lock:
            if not self._opened:
                self._opened = True
                self._write_held()
                self._close()

    def _write_held(self) -> None:
        while self._held:  # (one that fails to be written is not tried again)
            path, lines, items_rows, story_rows, status = self._held.pop(0)
            if lines:
                first = self._append(path, lines)
                if self.arrivals is not None:
                    self.arrivals.put(str(path), first, [(x + "\n").encode() for x in lines])
            # the rows only once their lines are in the file
            self._items += items_rows
            self._story_rows += story_rows
            if status is not None:
                self._statuses.append(status)

    def _append(self, path: Path, lines: list[str]) -> int:
        """Append ``lines`` to a JSONL file; the number of the first (from 1)."""
        first = self._next_line.get(path)
        if first is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            first = 1
            if path.exists() and path.stat().st_size:
                with path.open("rb") as fh:
                    first += sum(c.count(b"\n") for c in iter(lambda: fh.read(1 << 20), b""))
                first += not _ends_with_newline(path)  # a stopped run's last line stands alone
        _append(path, lines)
        self._next_line[path] = first + len(lines)
        return first

    def record(self, con: sqlite3.Connection) -> None:
        """Write the rows of what was taken since the last call (inside a transaction)."""
        with self._lock:
            items, stories, statuses = self._items, self._story_rows, self._statuses
            self._items, self._story_rows, self._statuses = [], [], []
        con.executemany(
            "INSERT OR IGNORE INTO stories(article, canonical, signature, full_text)"
            " VALUES (?,?,?,?)",
            stories,
        )
        con.executemany(
            "INSERT OR IGNORE INTO feed_items(feed, guid, article, url, outlet, published, seen)"
            " VALUES (?,?,?,?,?,?,?)",
            items,
        )
        for feed in statuses:
            state.record_status(con, feed)


def _append(path: Path, lines: list[str]) -> None:
    with path.open("ab") as fh:
        if fh.tell() and not _ends_with_newline(path):
            fh.write(b"\n")  # a run stopped mid-line: that line stands alone
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        fh.flush()


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, 2)
        return fh.read(1) == b"\n"


def _article_id(item: Item, feed: Feed) -> str:
    key = item.canonical or f"{feed.url}\0{item.guid}"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    host = re.sub(r"[^a-z0-9.-]+", "-", _host(item.url or feed.url) or "feed")[:40]
    return f"{host}-{digest}"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _index(
    con: sqlite3.Connection,
    db: Path,
    jobs: int | None,
    progress: Progress | None,
    arriving: Arrivals | None = None,
):
    return index_paths(
        con,
        [state.feeds_dir(db)],
        jobs=jobs,
        progress=(lambda done, total: progress(done, total, "indexing")) if progress else None,
        arriving=arriving,
    )
