"""A small news site on 127.0.0.1 for the collect tests: the files of fixtures/site (with
``{base}`` replaced by the server's address) and a few routes that misbehave on purpose.
Every request is logged, so a test can check what was asked for, when, and how."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
LAST_MODIFIED = "Mon, 12 May 2025 09:00:00 GMT"
BIG_BYTES = 50 * 1024 * 1024
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain"}


@dataclass(frozen=True, slots=True)
class Request:
    at: float  # time.monotonic()
    path: str
    headers: dict[str, str]

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass
class Site:
    base: str = ""
    log: list[Request] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)  # path -> text served instead of the file
    busy_hits: int = 0

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    def text(self, path: str) -> str | None:
        if path in self.overrides:
            return self.overrides[path]
        file = (SITE / path.lstrip("/")).resolve()
        if path == "/":
            file = SITE / "index.html"
        if SITE not in file.parents or not file.is_file():
            return None
        return file.read_text(encoding="utf-8").replace("{base}", self.base)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.log.append(Request(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
            path = self.path.split("?")[0]
            route = getattr(self, "_route_" + re.sub(r"[/.-]", "_", path.strip("/")), None)
            if route is not None:
                route()
                return
            text = site.text(path)
            if text is None:
                self._send(404, b"not found", "text/plain")
                return
            body = text.encode("utf-8")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag or (
                "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == LAST_MODIFIED
                and path not in site.overrides
            ):
                self._send(304, b"", None, {"ETag": etag})
                return
            kind = TYPES.get(Path(path).suffix, "text/html; charset=utf-8")
            self._send(200, body, kind, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

        def _send(self, status: int, body: bytes, kind: str | None, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _redirect(self, target: str) -> None:
            self._send(302, b"", None, {"Location": target, "Content-Length": "0"})

        def _route_moved_html(self) -> None:
            self.send_response(301)
            self.send_header("Location", "/news/talks-resume.html")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _route_loop_a(self) -> None:
            self._redirect("/loop-b")

        def _route_loop_b(self) -> None:
            self._redirect("/loop-a")

        def _route_news_ceasefire_agreed_amp_html(self) -> None:
            """An AMP copy of an article: the same text in a lighter page, naming the article as
            its canonical address."""
            page = (site.text("/news/ceasefire-agreed.html") or "").replace('<html lang="en">', '<html lang="en" amp>')
            self._send(200, page.replace('<nav><a href="/">Home</a> | <a href="/news/">World</a> | '
                                         '<a href="/subscribe">Subscribe</a></nav>', "").encode("utf-8"),
                       "text/html; charset=utf-8")

        def _route_image_png(self) -> None:
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")

        def _route_busy_html(self) -> None:
            site.busy_hits += 1
            if site.busy_hits == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
                return
            self._send(200, (site.text("/news/prisoners.html") or "").encode("utf-8"), "text/html; charset=utf-8")

        def _route_slow_html(self) -> None:
            """A page that trickles: every byte comes, but the whole takes far longer than a
            client's deadline."""
            body = b"<html><body><p>" + b"x" * 400 + b"</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for start in range(0, len(body), 20):
                    self.wfile.write(body[start:start + 20])
                    self.wfile.flush()
                    time.sleep(0.25)
            except OSError:
                pass  # the client gave up, as it should

        def _route_big_html(self) -> None:
            """50 MB, streamed without a Content-Length (the client must stop counting)."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"y" * (1024 * 1024 - 7) + b"</p>"
            try:
                for _ in range(BIG_BYTES // len(chunk)):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass

    return Handler


class SiteServer:
    """``with SiteServer() as site:`` serves the site until the block ends."""

    def __init__(self) -> None:
        self.site = Site()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.site.base = f"http://{host}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self.site

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
