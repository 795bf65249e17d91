"""A new source by configuration only: a TOML entry, no spider module, no selectors."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from aggregator.store import Store
from tests.conftest import run_cli

SITE = Path(__file__).parent / "fixtures" / "fifth_source"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture site with BASE replaced by the server's own URL."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return None
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        data = path.read_bytes().replace(b"BASE", base.encode())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fifth_site() -> Iterator[str]:
    handler = partial(SiteHandler, directory=str(SITE / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.crawl
def test_a_source_added_by_configuration_is_crawled(fifth_site: str, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_cli(
        [
            "crawl",
            "--local",
            "--db",
            str(db),
            "--sources-file",
            str(SITE / "sources.toml"),
            "--base-url",
            f"alda={fifth_site}",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with Store(db) as store:
        items = {row["canonical_url"].rsplit("/", 1)[1]: row for row in store.items()}
    assert set(items) == {
        "local-democracy-week-2026.html",
        "semaine-democratie-locale-2026.html",
        "youth-councils-balkans.html",
    }
    got = {k: (r["lang"], r["published_at"][:10]) for k, r in items.items()}
    assert got == {
        "local-democracy-week-2026.html": ("en", "2026-10-12"),
        "semaine-democratie-locale-2026.html": ("fr", "2026-10-15"),
        "youth-councils-balkans.html": ("en", "2025-03-04"),
    }
    assert items["semaine-democratie-locale-2026.html"]["title"].startswith("La Semaine européenne")
    assert "alda " in result.stdout and "finished" in result.stdout
