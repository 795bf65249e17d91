"""A small news site that misbehaves, one fault per URL, for the tests of unattended runs.

Good articles sit beside URLs that answer 404, loop their redirects, redirect off the site,
stall past the timeout, drop the connection, send a gzip bomb or a 30 MB page, answer an
empty or a binary body, fail once before answering, or ask to be retried later; a broken
sitemap, a broken feed, a page with a control-character reference, a windows-1252 page
labelled UTF-8, an article dated 2099, and a honeypot link robots.txt forbids. The server
counts the requests each path receives.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GOOD = ("good-1", "good-2", "good-3", "good-4", "control-char", "cp1252", "future", "flaky")
RETRY_LATER = "busy"  # 503 with Retry-After once, then the article
FAULTY = {  # path -> the words its recorded error must contain
    "/a/gone": "404",
    "/a/bomb": "size",
    "/a/huge": "size",
    "/a/loop": "redirect",
    "/a/offsite": "offsite",
    "/a/slow": "took longer",
    "/a/reset": "connection",
    "/a/empty": "empty page",
    "/a/binary": "not a web page",
    "/broken-sitemap.xml": "sitemap",
    "/feed/": "feed",
}
HUGE_BYTES = 30 * 1024 * 1024
BOMB_EXPANDED = 100 * 1024 * 1024
SLOW_SECONDS = 3.0

PARAGRAPH = (
    "Local and regional governments met in {city} to compare how they open their budgets "
    "to residents, {n} municipalities reported on participatory processes and on the data "
    "they now publish every quarter, from procurement to the minutes of council meetings."
)
CITIES = ("Ghent", "Lyon", "Tartu", "Porto", "Bilbao", "Lublin", "Aarhus", "Graz", "Turin")


def _bomb() -> bytes:
    """A gzip body of about 100 KB that expands to 100 MB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(BOMB_EXPANDED // len(chunk))]
    return b"".join(parts) + compressor.flush()


def article_html(slug: str, index: int) -> str:
    date = "2099-01-01" if slug == "future" else f"2026-10-{10 + index:02d}"
    body = "".join(
        f"<p>{PARAGRAPH.format(city=CITIES[(index + k) % len(CITIES)], n=12 + index * 7 + k)}</p>"
        for k in range(4)
    )
    if slug == "control-char":
        body = body.replace("budgets", "bud&#x1;gets", 1)
    if slug == "cp1252":
        body += "<p>Les élus ont présenté leur stratégie d’ouverture à l’été.</p>"
    title = f"Open budgets report {index}: {slug.replace('-', ' ')}"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="/a/{slug}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{date}T09:00:00+00:00">'
        f"</head><body><nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>"
        f"<time datetime='{date}'>{date}</time>{body}</article></main></body></html>"
    )


class HostileHandler(BaseHTTPRequestHandler):
    server: HostileServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        hits = self.server.count(path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            return self._send(
                f"User-agent: *\nDisallow: /trap/\nSitemap: {base}/sitemap.xml\n", "text/plain"
            )
        if path == "/sitemap.xml":
            sitemaps = (
                ("/posts.xml", "/broken-sitemap.xml") if self.server.faults else ("/posts.xml",)
            )
            children = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in sitemaps)
            return self._send(
                '<?xml version="1.0"?><sitemapindex xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>',
                "application/xml",
            )
        if path == "/posts.xml":
            paths = [f"/a/{s}" for s in (*GOOD, RETRY_LATER)]
            if self.server.faults:
                paths += [p for p in FAULTY if p.startswith("/a/")]
            urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
            return self._send(
                '<?xml version="1.0"?><urlset xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
                "application/xml",
            )
        if path == "/broken-sitemap.xml":
            return self._send("<urlset><url><loc>oops", "application/xml")
        if path == "/feed/":
            return self._send("this is not a feed <rss", "application/rss+xml")
        if path == "/":
            feed = '<link rel="alternate" type="application/rss+xml" href="/feed/">'
            return self._send(
                '<!DOCTYPE html><html lang="en"><head><title>Hostile news</title>'
                f"{feed if self.server.faults else ''}</head>"
                "<body><main><h1>News</h1>"
                '<a href="/trap/secret" style="display:none">secret</a>'
                "</main></body></html>",
                "text/html",
            )
        if path.startswith("/a/"):
            return self._article(path[3:], hits)
        return self._send("<h1>Not found</h1>", "text/html", status=404)

    def _article(self, slug: str, hits: int) -> None:
        if slug in GOOD:
            if slug == "flaky" and hits == 1:
                return self._send("<h1>Internal error</h1>", "text/html", status=500)
            html = article_html(slug, GOOD.index(slug))
            if slug == "cp1252":
                return self._send_bytes(html.encode("cp1252"), "text/html; charset=utf-8")
            return self._send(html, "text/html; charset=utf-8")
        if slug == RETRY_LATER:
            if hits == 1:
                return self._send("busy", "text/plain", status=503, headers={"Retry-After": "1"})
            return self._send(article_html(slug, len(GOOD)), "text/html; charset=utf-8")
        if slug == "bomb":
            return self._send_bytes(
                self.server.bomb, "text/html", headers={"Content-Encoding": "gzip"}
            )
        if slug == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(HUGE_BYTES // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the crawler hung up, as it should
            return None
        if slug == "loop":
            return self._redirect("/a/loop-back")
        if slug == "loop-back":
            return self._redirect("/a/loop")
        if slug == "offsite":
            return self._redirect("http://example.invalid/elsewhere")
        if slug == "slow":
            time.sleep(SLOW_SECONDS)
            return self._send(article_html(slug, 0), "text/html")
        if slug == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            self.connection.close()
            return None
        if slug == "empty":
            return self._send_bytes(b"", "text/html")
        if slug == "binary":
            return self._send_bytes(bytes(range(256)) * 64, "application/octet-stream")
        return self._send("<h1>Not found</h1>", "text/html", status=404)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, text: str, content_type: str, **kwargs: object) -> None:
        self._send_bytes(text.encode("utf-8"), content_type, **kwargs)  # type: ignore[arg-type]

    def _send_bytes(
        self,
        body: bytes,
        content_type: str,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with suppress(OSError):
            self.wfile.write(body)


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], all_errors: bool = False, faults: bool = True
    ) -> None:
        handler = AlwaysUnavailable if all_errors else HostileHandler
        super().__init__(address, handler)
        self.faults = faults  # False: the same site without its faulty URLs
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.bomb = b"" if all_errors else _bomb()

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # dropped connections are the point here


class AlwaysUnavailable(BaseHTTPRequestHandler):
    """Every URL, robots.txt included, answers 503: an outage."""

    server: HostileServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.count(self.path)
        self.send_response(503)
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()


@contextmanager
def serve_hostile(all_errors: bool = False, faults: bool = True) -> Iterator[HostileServer]:
    server = HostileServer(("127.0.0.1", 0), all_errors=all_errors, faults=faults)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# -- crawling it ---------------------------------------------------------------------------


def sources_file(tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text('[hostile]\nname = "Hostile"\nbase_url = "https://hostile.example"\n')
    return path


def crawl_measured(
    db: Path, base: str, sources: Path, timeout: float = 180
) -> tuple[int, str, float, float]:
    """Exit status, stderr, seconds and peak memory (MB) of one `aggregator crawl --local
    --timeout 2` of the site at `base`, run as cron would, in a subprocess."""
    script = (
        "import resource, subprocess, sys, json, time\n"
        "start = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([r.returncode, r.stderr, time.monotonic() - start, peak]))\n"
    )
    command = [sys.executable, "-m", "aggregator.cli", "crawl", "--local", "--timeout", "2"]
    command += ["--db", str(db), "--sources-file", str(sources), "--base-url", f"hostile={base}"]
    result = subprocess.run(
        [sys.executable, "-c", script, *command],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=timeout,
    )
    code, stderr, seconds, peak = json.loads(result.stdout)
    return code, stderr, seconds, peak
