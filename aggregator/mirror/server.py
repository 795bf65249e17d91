"""Serve rendered sites on 127.0.0.1, one threaded HTTP server per source."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from aggregator.mirror.content import load_content
from aggregator.mirror.render import HTML, Rendered, render_site
from aggregator.mirror.sites import DEFAULT_PORTS, SCHEMES

NOT_FOUND = b"<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>404</h1></body></html>"  # noqa: E501


def resolve(routes: Rendered, raw_path: str, slashes: bool) -> tuple[int, str, bytes, str | None]:
    """(status, content type, body, redirect location) for a request path with its query.

    Unknown query parameters (utm_*, fbclid) are ignored; only Drupal's `page` selects a
    listing page. A WordPress path without its trailing slash redirects to the slashed one.
    """
    parts = urlsplit(raw_path)
    path = parts.path or "/"
    page = parse_qs(parts.query).get("page", [None])[0]
    if page is not None:
        key = f"{path}?page={page}"
        if key in routes:
            return 200, *routes[key], None
        if page != "0" and any(k.startswith(f"{path}?page=") for k in routes):
            return 404, HTML, NOT_FOUND, None
    if path in routes:
        return 200, *routes[path], None
    if slashes and not path.endswith("/") and f"{path}/" in routes:
        query = f"?{parts.query}" if parts.query else ""
        return 301, HTML, b"", f"{path}/{query}"
    return 404, HTML, NOT_FOUND, None


def make_handler(
    routes: Rendered, base_url: str, slashes: bool, log_requests: bool
) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one site's rendered routes."""

    class MirrorHandler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "Apache"

        def _answer(self, with_body: bool) -> None:
            status, ctype, body, location = resolve(routes, self.path, slashes)
            self.send_response(status)
            if location is not None:
                self.send_header("Location", base_url + location)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
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
) -> Iterator[dict[str, str]]:
    """Serve the mirrored sites and yield {source_key: base_url}; stop them on exit.

    `ports` names the sources to serve and their ports (0 = any free port); without it
    all four sources are served on their default ports (cemr 8101 … ogp 8104).
    """
    ports = dict(DEFAULT_PORTS if ports is None else ports)
    unknown = set(ports) - set(SCHEMES)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(sorted(unknown))}")
    sites = load_content(content_dir, sources=list(ports))
    with ExitStack() as stack:
        servers: dict[str, ThreadingHTTPServer] = {}
        for key, port in ports.items():
            server = MirrorServer((host, port), BaseHTTPRequestHandler)
            server.log_errors = log_requests
            stack.callback(server.server_close)
            servers[key] = server
        base_urls = {key: f"http://{host}:{s.server_address[1]}" for key, s in servers.items()}
        for key, server in servers.items():
            routes = render_site(sites[key], rendition, base_urls[key], sites=sites,
                                 base_urls=base_urls)  # fmt: skip
            server.RequestHandlerClass = make_handler(
                routes, base_urls[key], SCHEMES[key].wordpress, log_requests
            )
            thread = threading.Thread(
                target=server.serve_forever, name=f"mirror-{key}", daemon=True
            )
            thread.start()
            stack.callback(server.shutdown)
        yield base_urls
