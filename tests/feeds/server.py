"""A real HTTP server on 127.0.0.1 for the feeds' tests: routes set per test, requests
counted, ETags honoured, and the hostile answers a feed reader meets."""

from __future__ import annotations

import gzip
import threading
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    stall: bool = False  # never answers (until the server stops)
    stream: int = 0  # send this many bytes of filler, no Content-Length


# A gzip bomb: 64 MB of zeros in ~64 KB.
BOMB = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
BOMB_BODY = BOMB.compress(b"\0" * (64 * 1024 * 1024)) + BOMB.flush()


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[BaseHTTPRequestHandler], Route]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[dict[str, str]] = []
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path
                server.hits[path] += 1
                server.requests.append(
                    {"path": path, **{k.lower(): v for k, v in self.headers.items()}}
                )
                route = server.routes.get(path)
                if callable(route):
                    route = route(self)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.stall:
                    server.stop.wait(10)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                body = route.body
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                    body = body if body.startswith(b"\x1f\x8b") else gzip.compress(body)
                try:
                    if route.stream:
                        self.end_headers()
                        chunk = b"x" * 65536
                        for _ in range(route.stream // len(chunk)):
                            self.wfile.write(chunk)
                        return
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
