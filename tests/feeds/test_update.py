"""``update`` end to end against a loopback server: what is stored, what each feed's
status says, and that nothing stored is lost when a feed goes bad."""

from __future__ import annotations

import json
import re
import time

import pytest

from briefing import paths
from briefing.feeds import state
from briefing.feeds.fetch import Policy
from briefing.feeds.update import add_page, update
from briefing.index.queries import Index
from tests.feeds.feeds import DATA, html_paragraphs, rss, seed_articles, seed_feed, story_page
from tests.feeds.server import BOMB_BODY, Route


@pytest.fixture
def index(isolated_home):
    with Index(paths.default_db()) as idx:
        yield idx


def follow(index, server, *paths_: str) -> None:
    for p in paths_:
        state.add_feed(index.con, server.url(p), name=p.strip("/").split(".")[0])


def run(index, policy):
    return update(index.con, index.path, policy=policy, jobs=1)


def status(index) -> dict[str, tuple[str, str | None]]:
    return {r["name"]: (r["status"], r["detail"]) for r in state.feed_rows(index.con)}


def local(data: bytes, server) -> bytes:
    return data.replace(b"http://example.org", server.url("").encode())


def test_three_formats_stored_with_url_outlet_date_then_nothing_refetched(index, server, policy):
    server.routes["/levant.xml"] = Route(seed_feed(server.url("")), etag='"l1"')
    server.routes["/atom.xml"] = Route(local((DATA / "atom.xml").read_bytes(), server), etag='"a1"')
    server.routes["/rss1.rdf"] = Route(
        local((DATA / "rss1.rdf").read_bytes(), server),
        headers={"Last-Modified": "Thu, 03 Dec 2026 08:00:00 GMT"},
    )
    follow(index, server, "/levant.xml", "/atom.xml", "/rss1.rdf")
    report = run(index, policy)
    assert report.new == 7 and not report.failed, (report.new, report.merged, status(index))
    articles = {a["url"]: a for a in index.articles()}
    story = articles[server.url("/story/0")]
    assert story["source"] == "levant" and story["date"] == "2026-12-01" and story["events"] > 0
    # the teasers' pages do not exist: the summaries are kept, and say so
    rss1 = index.article(articles[server.url("/deir-ezzor-shelling")]["id"])
    assert (
        "al-Mayadin" in rss1["text"]
        and "Summary only" in rss1["text"]
        and "HTTP 404" in rss1["text"]
    )
    assert "alert" not in index.article(articles[server.url("/maarat-market")]["id"])["text"]
    assert status(index)["levant"] == ("ok", "5 new")
    hits = dict(server.hits)

    again = run(index, policy)
    assert again.new == 0 and status(index)["levant"] == ("not modified", None)
    assert status(index)["atom"][0] == "not modified"
    assert server.requests[-1].get("if-modified-since") or any(
        r.get("if-modified-since") for r in server.requests
    )
    # only the three feeds were asked for again, answered 304 (ETag) or not
    assert {p: n - hits.get(p, 0) for p, n in server.hits.items() if n != hits.get(p, 0)} == {
        "/levant.xml": 1,
        "/atom.xml": 1,
        "/rss1.rdf": 1,
    }


def test_a_teaser_gets_the_full_page(index, server, policy):
    server.routes["/teasers.xml"] = Route(seed_feed(server.url(""), full=False, count=2))
    server.routes["/story/0"] = Route(story_page(0), content_type="text/html; charset=utf-8")
    follow(index, server, "/teasers.xml")
    run(index, policy)
    texts = {a["url"]: index.article(a["id"])["text"] for a in index.articles()}
    full = texts[server.url("/story/0")]
    paragraphs = [p for p in seed_articles()[0][1].split("\n") if p.strip()]
    assert paragraphs[3][:60] in full and "Summary only" not in full
    assert "Home | World" not in full  # page furniture cut by trafilatura
    assert "Summary only" in texts[server.url("/story/1")]
    assert "1 kept as summaries" in status(index)["teasers"][1]


HOSTILE = {
    "/malformed.xml": (Route((DATA / "malformed.xml").read_bytes()), "malformed XML"),
    "/page.xml": (
        Route(b"<!DOCTYPE html><html><body>Hello</body></html>", content_type="text/html"),
        "an HTML page",
    ),
    "/gone.xml": (None, "HTTP 404"),
    "/broken.xml": (Route(status=500), "HTTP 500"),
    "/loop.xml": (Route(status=302, headers={"Location": "/loop.xml"}), "redirect loop"),
    "/slow.xml": (Route(stall=True), "timed out"),
    "/huge.xml": (Route(stream=50 * 1024 * 1024), "larger than 1.0 MB"),
    "/bomb.xml": (Route(BOMB_BODY, gzip=True), "larger than 1.0 MB once decoded"),
}


def test_each_bad_feed_gets_its_reason_and_the_good_ones_go_on(index, server, policy):
    for path, (route, _) in HOSTILE.items():
        if route:
            server.routes[path] = route
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=2))
    dup = [
        {
            "title": "Truce in Daraa",
            "guid": "x",
            "description": "A truce was agreed in Daraa on Sunday.",
        }
    ] * 2
    server.routes["/dups.xml"] = Route(rss(dup, "Hauran News"))
    server.routes["/nolinks.xml"] = Route(
        (DATA / "no_links_no_dates.xml").read_bytes(), content_type="text/xml"
    )
    follow(index, server, *HOSTILE, "/levant.xml", "/dups.xml", "/nolinks.xml")
    report = run(index, policy)
    got = status(index)
    for path, (_, reason) in HOSTILE.items():
        name = path.strip("/").split(".")[0]
        assert got[name][0] == "error" and reason in got[name][1], (name, got[name])
    assert got["levant"] == ("ok", "2 new")
    assert got["dups"][0] == "ok" and got["dups"][1].startswith("1 new; 1 duplicate guids ignored")
    assert got["nolinks"][0] == "ok" and got["nolinks"][1].startswith("2 new")
    assert report.new == 5 and len(report.failed) == len(HOSTILE)
    titles = {a["title"] for a in index.articles()}
    assert "Ceasefire talks resume in Astana" in titles


def test_a_feed_gone_bad_loses_nothing_stored(index, server, policy):
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=3), etag='"v1"')
    follow(index, server, "/levant.xml")
    run(index, policy)
    before = {a["id"] for a in index.articles()}
    for bad in (
        Route(status=500),
        Route(b"<html>maintenance</html>", content_type="text/html"),
        Route(BOMB_BODY, gzip=True),
    ):
        server.routes["/levant.xml"] = bad
        run(index, policy)
        assert status(index)["levant"][0] == "error"
        assert {a["id"] for a in index.articles()} == before
    feed = state.get_feed(index.con, "levant")
    assert feed.etag == '"v1"'  # kept for the next conditional GET


def test_one_story_two_feeds_and_a_wire_copy_stored_once_with_every_source(index, server, policy):
    (headline, body), *_ = seed_articles()
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=2))
    # the same links under other guids, through another outlet
    server.routes["/mirror.xml"] = Route(
        seed_feed(server.url(""), count=2, guid_prefix="mirror", title="Mirror")
    )
    # the wire story republished at another address with a line of its own
    copy = {
        "title": headline,
        "link": server.url("/republished/wire-copy"),
        "guid": "w1",
        "content": "<p>(Reuters) -</p>"
        + "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip()),
    }
    server.routes["/outlet.xml"] = Route(rss([copy], "Damascus Daily"))
    follow(index, server, "/levant.xml", "/mirror.xml", "/outlet.xml")
    report = run(index, policy)
    assert report.new == 2 and report.merged == 3 and index.count_articles() == 2
    # the story is stored under the address of whichever feed came in first
    first = next(
        a
        for a in index.articles()
        if a["url"] in (server.url("/story/0"), server.url("/republished/wire-copy"))
    )
    outlets = [s["outlet"] for s in state.sources(index.con, first["id"])]
    assert sorted(outlets) == ["levant", "mirror", "outlet"]
    # the feeds are fetched at once: whichever came in first stored the stories
    merged = [
        re.search(r"(\d+) stored already from another source", d or "")
        for _, d in status(index).values()
    ]
    assert sum(int(m[1]) for m in merged if m) == 3


def test_a_feed_that_changes_its_guids_adds_nothing(index, server, policy):
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=3))
    follow(index, server, "/levant.xml")
    run(index, policy)
    server.routes["/levant.xml"] = Route(seed_feed(server.url(""), count=3, guid_prefix="renamed"))
    report = run(index, policy)
    assert report.new == 0 and report.merged == 3 and index.count_articles() == 3


def test_add_page(index, server, policy):
    server.routes["/story/2"] = Route(story_page(2), content_type="text/html")
    article, new, _ = add_page(index.con, index.path, server.url("/story/2"), policy=policy)
    assert new and index.article(article)["url"] == server.url("/story/2")
    assert add_page(index.con, index.path, server.url("/story/2?utm_source=x"), policy=policy)[
        :2
    ] == (article, False)
    server.routes["/empty"] = Route(b"<html><body></body></html>", content_type="text/html")
    for path, reason in (("/missing", "HTTP 404"), ("/empty", "no article text")):
        with pytest.raises(state.FeedError, match=reason):
            add_page(index.con, index.path, server.url(path), policy=policy)
    assert index.count_articles() == 1


# indexing while fetching -----------------------------------------------------------------


def late(route: Route, seconds: float):
    """A route answered only after ``seconds``: a feed that comes in after the others."""

    def answer(_handler) -> Route:
        time.sleep(seconds)
        return route

    return answer


@pytest.fixture
def patient(policy) -> Policy:
    """Patient enough for a feed that answers after a second."""
    policy.timeout, policy.deadline = 5.0, 10.0
    return policy


def two_outlets(server, delay: float = 0.0) -> None:
    """Five stories in two feeds: three at once, two from a feed that answers late."""
    base = server.url("")
    items = [
        {
            "title": headline,
            "link": f"{base}/story/{i}",
            "guid": f"s{i}",
            "content": html_paragraphs(body),
        }
        for i, (headline, body) in enumerate(seed_articles())
    ]
    server.routes["/quick.xml"] = Route(rss(items[:3], "Quick"), etag='"q"')
    slow = Route(rss(items[3:], "Slow"), etag='"s"')
    server.routes["/slow.xml"] = late(slow, delay) if delay else slow


def stored_once(index) -> None:
    """Each of the five stories is one article, one line of the feeds' files, one entry."""
    assert index.count_articles() == 5
    lines = [
        json.loads(line)["id"]
        for f in sorted(state.feeds_dir(index.path).glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(lines) == sorted(a["id"] for a in index.articles())
    assert index.con.execute("SELECT count(*) FROM feed_items").fetchone()[0] == 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_first_feeds_are_indexed_while_a_late_one_is_fetched(index, server, patient, jobs):
    policy = patient
    two_outlets(server, delay=1.0)
    follow(index, server, "/quick.xml", "/slow.xml")
    seen: list[tuple[str, int, int]] = []
    report = update(
        index.con,
        index.path,
        policy=policy,
        jobs=jobs,
        progress=lambda done, total, stage: seen.append((stage, done, total)),
    )
    assert report.new == 5 and not report.failed
    all_fetched = seen.index(("fetching", 2, 2))
    assert any(stage == "indexing" and done > 0 for stage, done, _ in seen[:all_fetched])
    assert report.index_lines[0].startswith("indexed 5, unchanged 0, removed 0, skipped 0")
    stored_once(index)
    assert {s: d for s, d in status(index).items()} == {
        "quick": ("ok", "3 new"),
        "slow": ("ok", "2 new"),
    }
    # the files as the index knows them: the next update reads nothing again
    again = update(index.con, index.path, policy=policy, jobs=jobs)
    assert again.new == 0 and again.index_lines == []
    stored_once(index)


def test_feeds_in_before_the_indexer_looked_at_the_files_are_read_once(
    index, server, policy, monkeypatch
):
    from briefing.index import indexer

    discover = indexer.discover

    def slow_discover(paths, problems):
        time.sleep(1.0)  # every feed is in (and held back) before the files are listed
        return discover(paths, problems)

    monkeypatch.setattr(indexer, "discover", slow_discover)
    two_outlets(server)
    follow(index, server, "/quick.xml", "/slow.xml")
    report = update(index.con, index.path, policy=policy, jobs=2)
    assert report.new == 5
    assert report.index_lines[0].startswith("indexed 5, unchanged 0, removed 0, skipped 0")
    stored_once(index)


def test_storing_that_fails_mid_update_loses_nothing(index, server, patient, monkeypatch):
    policy = patient
    from briefing.feeds import update as updating

    append = updating._append

    def disk_full_for_slow(path, lines):
        if "feed-2-" in path.name:
            raise OSError(28, "No space left on device")
        append(path, lines)

    monkeypatch.setattr(updating, "_append", disk_full_for_slow)
    two_outlets(server, delay=0.5)
    follow(index, server, "/quick.xml", "/slow.xml")
    with pytest.raises(OSError, match="No space left"):
        update(index.con, index.path, policy=policy, jobs=2)
    # what came before the failure is stored, indexed and recorded
    assert index.count_articles() == 3
    assert status(index)["quick"] == ("ok", "3 new")
    monkeypatch.setattr(updating, "_append", append)
    report = update(index.con, index.path, policy=policy, jobs=2)
    assert report.new == 2 and status(index)["slow"] == ("ok", "2 new")
    assert status(index)["quick"][0] == "not modified"
    stored_once(index)


def test_lines_appended_but_never_indexed_are_indexed_by_the_next_update(
    index, server, policy, monkeypatch
):
    from briefing.feeds import update as updating

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run stopped after the feeds' files were written

    two_outlets(server)
    server.routes["/stalled.xml"] = Route(stall=True)
    follow(index, server, "/quick.xml", "/slow.xml", "/stalled.xml")
    monkeypatch.setattr(updating, "index_paths", killed)
    policy.timeout, policy.deadline = 30.0, 60.0
    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        update(index.con, index.path, policy=policy, jobs=1)
    assert time.perf_counter() - started < 5  # the stalled feed is not waited for
    assert index.count_articles() == 0
    monkeypatch.undo()
    policy.timeout, policy.deadline = 0.5, 1.0
    # the feeds in before the interruption are 304s now, their lines indexed all the same
    report = update(index.con, index.path, policy=policy, jobs=1)
    assert report.index_lines[0].startswith("indexed 5, unchanged 0, removed 0, skipped 0")
    stored_once(index)
    assert status(index)["stalled"][0] == "error"


def test_a_feeds_full_articles_are_indexed_while_its_teasers_pages_are_fetched(
    index, server, patient
):
    base = server.url("")
    articles = seed_articles()
    items = [
        {"title": h, "link": f"{base}/story/{i}", "guid": f"s{i}", "content": html_paragraphs(b)}
        for i, (h, b) in enumerate(articles[:3])
    ]
    items.append({"title": articles[3][0], "link": f"{base}/story/3", "guid": "s3",
                  "description": articles[3][1][:150]})  # fmt: skip
    server.routes["/mixed.xml"] = Route(rss(items, "Mixed"))
    server.routes["/story/3"] = late(Route(story_page(3), content_type="text/html"), 1.0)
    follow(index, server, "/mixed.xml")
    seen: list[tuple[str, int, int]] = []
    report = update(
        index.con,
        index.path,
        policy=patient,
        jobs=1,
        progress=lambda done, total, stage: seen.append((stage, done, total)),
    )
    fetched = seen.index(("fetching", 1, 1))
    assert any(stage == "indexing" and done > 0 for stage, done, _ in seen[:fetched])
    assert report.new == 4 and status(index)["mixed"] == ("ok", "4 new")
    page = next(a for a in index.articles() if a["url"] == server.url("/story/3"))
    assert "Summary only" not in index.article(page["id"])["text"]
    assert index.count_articles() == 4
