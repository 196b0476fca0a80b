"""Fetching from a real server on 127.0.0.1: politeness and every hostile answer."""

from __future__ import annotations

import asyncio
import gzip

from briefing.feeds.fetch import USER_AGENT, Fetcher, Policy
from tests.feeds.server import BOMB_BODY, Route


def fetch(policy: Policy, url: str, **kw):
    async def go():
        async with Fetcher(policy) as f:
            return await f.fetch(url, **kw)

    return asyncio.run(go())


def test_conditional_get_returns_304_with_the_etag(server, policy):
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    first = fetch(policy, server.url("/feed"))
    assert first.status == 200 and first.body == b"<rss/>" and first.etag == '"v1"'
    again = fetch(policy, server.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b"" and again.error is None
    assert server.requests[-1]["if-none-match"] == '"v1"'
    assert server.requests[0]["user-agent"] == USER_AGENT


def test_gzip_body_is_decoded(server, policy):
    server.routes["/feed"] = Route(b"<rss>" + b"a" * 5000 + b"</rss>", gzip=True)
    got = fetch(policy, server.url("/feed"))
    assert got.error is None and got.body.startswith(b"<rss>") and len(got.body) == 5011


def test_gzip_bomb_stops_at_the_cap_on_decoded_size(server, policy):
    assert len(BOMB_BODY) < policy.max_bytes  # small on the wire, 64 MB decoded
    server.routes["/bomb"] = Route(BOMB_BODY, gzip=True)
    got = fetch(policy, server.url("/bomb"))
    assert got.body == b"" and "larger than 1.0 MB once decoded" in got.error


def test_broken_gzip_is_an_error(server, policy):
    server.routes["/bad"] = Route(b"\x1f\x8b" + b"not gzip at all", gzip=True)
    got = fetch(policy, server.url("/bad"))
    assert got.body == b"" and "broken gzip" in got.error


def test_a_50_mb_body_is_abandoned_over_the_cap(server, policy):
    server.routes["/huge"] = Route(stream=50 * 1024 * 1024)
    got = fetch(policy, server.url("/huge"))
    assert got.body == b"" and "larger than 1.0 MB" in got.error
    server.routes["/declared"] = Route(b"x" * (2 * 1024 * 1024))
    assert (
        "not fetched: larger than 1.0 MB (2.0 MB)" in fetch(policy, server.url("/declared")).error
    )


def test_redirects_followed_loops_and_chains_stopped(server, policy):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(b"<rss/>")
    got = fetch(policy, server.url("/old"))
    assert got.status == 200 and got.final_url == server.url("/new")
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    assert "redirect loop" in fetch(policy, server.url("/a")).error
    for i in range(8):
        server.routes[f"/hop{i}"] = Route(status=302, headers={"Location": f"/hop{i + 1}"})
    assert fetch(policy, server.url("/hop0")).error == "more than 5 redirects"


def test_timeout_is_reported(server, policy):
    server.routes["/stall"] = Route(stall=True)
    got = fetch(policy, server.url("/stall"))
    assert got.status == 0 and "timed out" in got.error


def test_server_errors_retried_with_backoff_client_errors_not(server, policy):
    policy.retries = 2
    server.routes["/500"] = Route(status=500)
    got = fetch(policy, server.url("/500"))
    assert got.error == "HTTP 500 Internal Server Error" and server.hits["/500"] == 3
    got = fetch(policy, server.url("/404"))
    assert got.error == "HTTP 404 Not Found" and server.hits["/404"] == 1


def test_retry_succeeds_after_a_transient_error(server, policy):
    policy.retries = 1
    answers = iter([Route(status=503), Route(b"<rss/>")])
    server.routes["/flaky"] = lambda handler: next(answers)
    got = fetch(policy, server.url("/flaky"))
    assert got.status == 200 and got.body == b"<rss/>" and got.attempts == 2


def test_per_host_limit_holds(server, policy):
    import threading

    policy.per_host = 2
    inside, peak, lock = [0], [0], threading.Lock()
    release = threading.Event()

    def slow(handler):
        with lock:
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
        release.wait(0.2)
        with lock:
            inside[0] -= 1
        return Route(b"<rss/>")

    for i in range(6):
        server.routes[f"/f{i}"] = slow

    async def go():
        async with Fetcher(policy) as f:
            return await asyncio.gather(*(f.fetch(server.url(f"/f{i}")) for i in range(6)))

    results = asyncio.run(go())
    assert all(r.status == 200 for r in results) and peak[0] == 2


def test_only_http_urls(policy):
    assert "not an http(s) URL" in fetch(policy, "file:///etc/passwd").error


def test_unsupported_encoding_is_an_error(server, policy):
    server.routes["/br"] = Route(gzip.compress(b"x"), headers={"Content-Encoding": "br"})
    assert "unsupported content encoding" in fetch(policy, server.url("/br")).error
