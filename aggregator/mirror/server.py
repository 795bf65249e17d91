"""Serve rendered sites on 127.0.0.1, one threaded HTTP server per source.

Every 200 carries an `ETag` (a hash of the bytes) and a `Last-Modified` date taken from the
content, so both survive a restart; conditional requests get 304. Each server writes what it
was asked into a `RequestLog` the tests read. `ServedMirror.switch()` serves another
rendition or day on the same ports (a site that changes between two crawls).
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.robotparser import RobotFileParser

from aggregator.mirror.content import load_content
from aggregator.mirror.render import HTML, Rendered, Resource, SiteRenderer, route_key
from aggregator.mirror.sites import DEFAULT_PORTS, SITES

NOT_FOUND = Resource(HTML, b"<!DOCTYPE html><html><head><title>Page not found</title></head>"
                     b"<body><h1>404</h1></body></html>")  # fmt: skip
TRACKING_RE = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
# Query parameters that choose what a page shows: an unknown value is a 404, not the page.
SELECTING = frozenset({"p", "page", "page_number", "post_type", "type", "country"})


def resolve(routes: Rendered, raw_path: str, slash_redirects: bool) -> tuple[int, Resource]:
    """(status, resource) for a request path with its query; a 301's resource has a location.

    Tracking parameters (utm_*, fbclid) are ignored, and so are other unknown ones; a
    selecting parameter (page, p, type...) must name something served. On WordPress the
    other trailing-slash spelling of a served path redirects to it, as `redirect_canonical`
    does.
    """
    parts = urlsplit(raw_path)
    path = parts.path or "/"
    params = [(k, v) for k, v in parse_qsl(parts.query, True) if not TRACKING_RE.match(k)]
    key = route_key(f"{path}?{urlencode(params)}" if params else path)
    if key in routes:
        return routes[key].status, routes[key]
    selecting = [(k, v) for k, v in params if k in SELECTING]
    if selecting and selecting != [("page", "0")]:
        return 404, NOT_FOUND
    if path in routes:
        return routes[path].status, routes[path]
    if slash_redirects and path != "/":
        other = path[:-1] if path.endswith("/") else f"{path}/"
        if other in routes:
            query = f"?{parts.query}" if parts.query else ""
            return 301, Resource(HTML, location=f"{other}{query}")
    return 404, NOT_FOUND


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20] + '"'


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


def is_not_modified(headers: Message, etag: str, modified_at: datetime | None) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since against the date."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = headers.get("If-Modified-Since")
    if since is None or modified_at is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return modified_at.replace(microsecond=0) <= when


@dataclass(frozen=True)
class LoggedRequest:
    """One request a mirror server answered."""

    source: str
    method: str
    path: str  # with its query
    status: int
    conditional: bool  # it carried If-None-Match or If-Modified-Since
    disallowed: bool  # robots.txt forbids this path (a polite crawler never asks)


class RequestLog:
    """What the mirror's servers were asked, in order; safe to read while they serve."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self, source: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [e for e in self._entries if source is None or e.source == source]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


@dataclass(frozen=True)
class SiteState:
    """What one server currently serves."""

    routes: Rendered
    slash_redirects: bool
    robots: RobotFileParser


class ServedMirror(dict[str, str]):
    """{source: base URL} of a running mirror, with what it serves and what it was asked.

    It is a plain mapping for callers that only need base URLs (`base_urls["cemr"]`).
    """

    def __init__(
        self,
        base_urls: Mapping[str, str],
        rendition: str,
        day: int,
        content_dir: Path | None,
    ) -> None:
        super().__init__(base_urls)
        self.rendition = rendition
        self.day = day
        self.content_dir = content_dir
        self.log = RequestLog()
        self.states: dict[str, SiteState] = {}

    def switch(self, rendition: str | None = None, day: int | None = None) -> None:
        """Serve another rendition or day on the same ports (the log is kept)."""
        rendition = self.rendition if rendition is None else rendition
        day = self.day if day is None else day
        self.states.update(render_states(dict(self), rendition, day, self.content_dir))
        self.rendition, self.day = rendition, day

    def requests(self, source: str | None = None) -> list[LoggedRequest]:
        return self.log.entries(source)


def render_states(
    base_urls: Mapping[str, str], rendition: str, day: int, content_dir: Path | None
) -> dict[str, SiteState]:
    """Render every source for one rendition and day."""
    sites = load_content(content_dir, sources=list(base_urls))
    states = {}
    for key in base_urls:
        renderer = SiteRenderer(sites[key], rendition, base_urls[key], sites=sites,
                                base_urls=base_urls, day=day)  # fmt: skip
        routes = renderer.render()
        robots = RobotFileParser()
        robots.parse(routes["/robots.txt"].body.decode("utf-8").splitlines())
        states[key] = SiteState(routes, renderer.layout.slash_redirects, robots)
    return states


def make_handler(
    key: str, mirror: ServedMirror, log_requests: bool
) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one source of a served mirror."""
    base_url = mirror[key]

    class MirrorHandler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "Apache"

        def _answer(self, with_body: bool) -> None:
            state = mirror.states[key]
            status, resource = resolve(state.routes, self.path, state.slash_redirects)
            conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
            headers: list[tuple[str, str]] = []
            body = resource.body
            if status == 200:
                etag = etag_of(body)
                headers.append(("ETag", etag))
                if resource.modified_at is not None:
                    headers.append(("Last-Modified", http_date(resource.modified_at)))
                if is_not_modified(self.headers, etag, resource.modified_at):
                    status, body = 304, b""
            if resource.location is not None:
                headers.append(("Location", base_url + resource.location))
            mirror.log.add(LoggedRequest(key, self.command, self.path, status, conditional,
                                         not state.robots.can_fetch("*", self.path)))  # fmt: skip
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Type", resource.content_type)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body and status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if log_requests:
                sys.stderr.write(f"[{base_url}] {format % args}\n")

    return MirrorHandler


class MirrorServer(ThreadingHTTPServer):
    """A threaded server that stays quiet when a client hangs up mid-answer."""

    daemon_threads = True
    log_errors = False

    def handle_error(self, request: object, client_address: object) -> None:
        if self.log_errors:
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve_mirror(
    rendition: str = "main",
    ports: Mapping[str, int] | None = None,
    host: str = "127.0.0.1",
    content_dir: Path | None = None,
    *,
    log_requests: bool = False,
    day: int = 1,
) -> Iterator[ServedMirror]:
    """Serve the mirrored sites and yield a `ServedMirror` ({source: base_url}); stop on exit.

    `ports` names the sources to serve and their ports (0 = any free port); without it
    all four sources are served on their default ports (cemr 8101 … ogp 8104).
    """
    ports = dict(DEFAULT_PORTS if ports is None else ports)
    unknown = set(ports) - set(SITES)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(sorted(unknown))}")
    with ExitStack() as stack:
        servers: dict[str, ThreadingHTTPServer] = {}
        for key, port in ports.items():
            server = MirrorServer((host, port), BaseHTTPRequestHandler)
            server.log_errors = log_requests
            stack.callback(server.server_close)
            servers[key] = server
        base_urls = {key: f"http://{host}:{s.server_address[1]}" for key, s in servers.items()}
        mirror = ServedMirror(base_urls, rendition, day, content_dir)
        mirror.switch()
        for key, server in servers.items():
            server.RequestHandlerClass = make_handler(key, mirror, log_requests)
            thread = threading.Thread(
                target=server.serve_forever, name=f"mirror-{key}", daemon=True
            )
            thread.start()
            stack.callback(server.shutdown)
        yield mirror
