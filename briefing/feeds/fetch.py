"""Polite HTTP fetching: conditional GET, a per-host limit and delay, timeouts, a redirect
limit, a size cap on the decoded body (a gzip bomb stops at the cap), retries with backoff.

One ``Fetcher`` serves a whole update; ``fetch`` never raises for what a server does: a
``Fetched`` says what happened (``error`` set when nothing usable came back).
"""

from __future__ import annotations

import asyncio
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from briefing import __version__

USER_AGENT = f"briefing/{__version__} (feed reader; +https://github.com/briefing-reader)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


@dataclass(slots=True)
class Policy:
    """How politely and how patiently to fetch (tests make the numbers small)."""

    timeout: float = 15.0  # seconds for connecting and between reads
    deadline: float = 60.0  # seconds for one whole request, however it trickles
    max_bytes: int = 10 * 1024 * 1024  # decoded body
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry, doubling each time
    per_host: int = 2  # requests at once to one host
    host_delay: float = 0.1  # seconds between the starts of two requests to one host
    total: int = 16  # requests at once in all
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str = ""  # after redirects
    status: int = 0  # HTTP status (0: none came)
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why nothing usable came back
    attempts: int = 0
    transient: bool = False  # a network error or timeout: worth another try
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class TooLarge(Exception):
    pass


class _Decoder:
    """Content-Encoding decoded by hand, each step bounded: ``zlib`` with ``max_length``,
    so that a few kilobytes that inflate to gigabytes never inflate past the cap."""

    def __init__(self, encoding: str, cap: int):
        self.cap = cap
        self.size = 0
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.z = None
        elif encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.z = zlib.decompressobj()
        else:
            raise ValueError(f"unsupported content encoding {encoding!r}")

    def feed(self, data: bytes) -> bytes:
        if self.z is None:
            out = data
        else:
            out = self.z.decompress(data, self.cap - self.size + 1)
            # whatever is left unconsumed would inflate past the cap
            if self.z.unconsumed_tail:
                raise TooLarge
        self.size += len(out)
        if self.size > self.cap:
            raise TooLarge
        return out


class Fetcher:
    """``async with Fetcher(policy) as f: await f.fetch(url, etag=…)``."""

    def __init__(
        self, policy: Policy | None = None, transport: httpx.AsyncBaseTransport | None = None
    ):
        self.policy = policy or Policy()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._all: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Fetcher:
        p = self.policy
        self._client = httpx.AsyncClient(
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(p.timeout),
            follow_redirects=False,  # followed here, counted, each hop polite
            limits=httpx.Limits(max_connections=p.total, max_keepalive_connections=p.total),
            transport=self._transport,
            trust_env=False,
        )
        self._all = asyncio.Semaphore(p.total)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._client is not None
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Fetched:
        """GET ``url``: conditional when ``etag`` or ``last_modified`` are given,
        retried with backoff on network errors, 429 and 5xx."""
        p = self.policy
        result = Fetched(url)
        for attempt in range(p.retries + 1):
            result = await self._once(url, etag, last_modified, accept)
            result.attempts = attempt + 1
            retry = result.status in RETRY_STATUSES or result.transient
            if not retry or attempt == p.retries:
                break
            await asyncio.sleep(p.backoff * 2**attempt)
        return result

    async def _once(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> Fetched:
        p = self.policy
        result = Fetched(url, final_url=url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        try:
            async with asyncio.timeout(p.deadline):
                for _hop in range(p.max_redirects + 1):
                    if urlsplit(current).scheme not in ("http", "https"):
                        result.error = f"not an http(s) URL: {current}"
                        return result
                    async with self._slot(current):
                        done = await self._get(current, headers, result)
                    if done is None:
                        return result
                    nxt = urljoin(current, done)
                    if nxt in seen:
                        result.error = f"redirect loop at {nxt}"
                        return result
                    seen.add(nxt)
                    current = result.final_url = nxt
                result.error = f"more than {p.max_redirects} redirects"
        except TimeoutError:
            result.error, result.transient = f"timed out after {p.deadline:g}s", True
        except httpx.TimeoutException:
            result.error, result.transient = f"timed out (no answer within {p.timeout:g}s)", True
        except (httpx.HTTPError, OSError) as exc:
            result.error = f"network error: {type(exc).__name__} {exc}".strip()
            result.transient = True
        return result

    async def _get(self, url: str, headers: dict[str, str], result: Fetched) -> str | None:
        """One request: fills ``result``; returns the Location to follow, if redirected."""
        assert self._client is not None
        p = self.policy
        result.body, result.error = b"", None
        async with self._client.stream("GET", url, headers=headers) as response:
            result.status = response.status_code
            result.headers = dict(response.headers)
            if response.is_redirect and "location" in response.headers:
                return response.headers["location"]
            result.content_type = response.headers.get("content-type", "")
            result.etag = response.headers.get("etag")
            result.last_modified = response.headers.get("last-modified")
            if response.status_code == 304:
                return None
            if response.status_code >= 400:
                result.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                return None
            declared = response.headers.get("content-length", "")
            encoding = response.headers.get("content-encoding", "")
            if declared.isdigit() and not encoding and int(declared) > p.max_bytes:
                result.error = f"not fetched: larger than {_mb(p.max_bytes)} ({_mb(int(declared))})"
                return None
            try:
                decoder = _Decoder(encoding, p.max_bytes)
            except ValueError as exc:
                result.error = f"not readable: {exc}"
                return None
            parts: list[bytes] = []
            try:
                async for raw in response.aiter_raw(CHUNK):
                    parts.append(decoder.feed(raw))
            except TooLarge:
                result.error = f"not kept: larger than {_mb(p.max_bytes)} once decoded"
                return None
            except zlib.error as exc:
                result.error = f"not readable: broken {encoding} data ({exc})"
                return None
            result.body = b"".join(parts)
        return None

    def _slot(self, url: str) -> _HostSlot:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.policy.per_host)
        assert self._all is not None
        return _HostSlot(self, host)


class _HostSlot:
    """Hold one of the host's slots and one of all, starting no sooner than the host's
    delay after the last request to it started."""

    def __init__(self, fetcher: Fetcher, host: str):
        self.f, self.host = fetcher, host

    async def __aenter__(self) -> None:
        f = self.f
        assert f._all is not None
        await f._hosts[self.host].acquire()
        await f._all.acquire()
        now = time.monotonic()
        start = max(now, f._next_start.get(self.host, 0.0))
        f._next_start[self.host] = start + f.policy.host_delay
        if start > now:
            await asyncio.sleep(start - now)

    async def __aexit__(self, *exc: object) -> None:
        assert self.f._all is not None
        self.f._all.release()
        self.f._hosts[self.host].release()


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
