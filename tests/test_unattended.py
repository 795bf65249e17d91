"""Unattended runs: a hostile site, outages, overlapping runs and a killed one.

Each crawl runs the real command in a subprocess, the way cron runs it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aggregator.store import Store
from tests.conftest import REPO, run_cli
from tests.hostile_site import (
    FAULTY,
    GOOD,
    RETRY_LATER,
    crawl_measured,
    serve_hostile,
    sources_file,
)

pytestmark = pytest.mark.crawl

MEMORY_CAP_MB = 400  # the crawl of the hostile site, gzip bomb and 30 MB page included
TIME_CAP_S = 90


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("hostile")
    with serve_hostile() as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        first = crawl_measured(tmp / "h.db", base, sources_file(tmp), 2 * TIME_CAP_S)
        hits_first = dict(server.hits)
        second = crawl_measured(tmp / "h.db", base, sources_file(tmp), 2 * TIME_CAP_S)
        hits_second = {p: n - hits_first.get(p, 0) for p, n in server.hits.items()}
    return {
        "db": tmp / "h.db",
        "base": base,
        "first": first,
        "second": second,
        "hits_first": hits_first,
        "hits_second": hits_second,
    }


def test_a_hostile_site_degrades_the_run_loudly(hostile_crawl: dict) -> None:
    code, stderr, seconds, peak = hostile_crawl["first"]
    assert code == 1, stderr
    assert "hostile degraded:" in stderr and "requests failed" in stderr
    assert seconds < TIME_CAP_S and peak < MEMORY_CAP_MB, (seconds, peak)


def test_every_good_article_is_stored_once(hostile_crawl: dict) -> None:
    with Store(hostile_crawl["db"]) as store:
        stored = {row["url"].rsplit("/", 1)[1]: row for row in store.items()}
    assert set(stored) == {*GOOD, RETRY_LATER}
    assert (
        "\ufffd" not in stored["cp1252"]["body"]
        and "stratégie d’ouverture" in (stored["cp1252"]["body"])
    )
    assert len(stored["control-char"]["body"]) > 400  # not wiped by one &#x1;
    # The reader drops a date after the crawl (the pipeline's flag: tests/test_dates.py).
    future = stored["future"]
    assert (future["published_at"], future["published_raw"], future["published_rule"]) == (
        None,
        None,
        None,
    )


def test_every_faulty_url_is_named_with_its_cause(hostile_crawl: dict) -> None:
    with Store(hostile_crawl["db"]) as store:
        errors = {row["url"].split("/", 3)[3]: row for row in store.db["fetch_errors"].rows}
    for path, cause in FAULTY.items():
        row = errors.get(path.lstrip("/"))
        assert row is not None, f"{path} not recorded: {sorted(errors)}"
        assert cause in f"{row['status']} {row['error']}".lower(), (path, row["error"])
        assert row["lost"]
    # a page that failed once (500, or 503 with Retry-After) and then answered is no error
    assert not {f"a/{slug}" for slug in (*GOOD, RETRY_LATER)} & set(errors)


def test_robots_honeypot_is_never_requested(hostile_crawl: dict) -> None:
    assert hostile_crawl["hits_first"].get("/trap/secret", 0) == 0
    assert hostile_crawl["hits_first"]["/robots.txt"] == 1  # once per run


def test_faulty_urls_are_backed_off_not_fetched_again_every_day(hostile_crawl: dict) -> None:
    again = hostile_crawl["hits_second"]
    assert all(again.get(path, 0) == 0 for path in FAULTY if path.startswith("/a/")), again
    assert all(again.get(f"/a/{slug}", 0) == 0 for slug in GOOD), again


def test_the_errors_command_names_them(hostile_crawl: dict) -> None:
    result = run_cli(["errors", "--db", str(hostile_crawl["db"]), "--last", "2"])
    assert result.returncode == 0
    assert "/a/bomb" in result.stdout and "lost:" in result.stdout


@pytest.mark.parametrize("outage", ["refused", "every page 503"])
def test_an_outage_fails_the_run(tmp_path: Path, outage: str) -> None:
    sources = sources_file(tmp_path)
    args = ["crawl", "--local", "--timeout", "2", "--db", str(tmp_path / "o.db")]
    args += ["--sources-file", str(sources)]
    if outage == "refused":
        result = run_cli([*args, "--base-url", "hostile=http://127.0.0.1:9"])
    else:
        with serve_hostile(all_errors=True) as server:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            result = run_cli([*args, "--base-url", f"hostile={base}"])
    assert result.returncode == 1, result.stdout
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("aggregator:")]
    assert "hostile failed:" in line
    assert ("could not be reached" in line) if outage == "refused" else ("only errors" in line)


def test_a_second_run_exits_at_once_and_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    db, sources = tmp_path / "l.db", sources_file(tmp_path)
    with serve_hostile() as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        site = ["--sources-file", str(sources), "--base-url", f"hostile={base}"]
        args = ["crawl", "--local", "--timeout", "5", "--db", str(db), *site]
        first = subprocess.Popen(
            [sys.executable, "-m", "aggregator.cli", *args],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and server.hits["/a/slow"] == 0:
                time.sleep(0.05)  # the first run is mid-crawl, waiting on the slow page
            started = time.monotonic()
            second = run_cli(args, timeout=30)
            assert second.returncode == 3, second.stderr
            assert "being written by another run" in second.stderr
            assert time.monotonic() - started < 15
            os.kill(first.pid, signal.SIGKILL)
        finally:
            first.wait(timeout=30)
        third = run_cli(args, timeout=120)
        clean_db = tmp_path / "clean.db"
        run_cli(["crawl", "--local", "--timeout", "5", "--db", str(clean_db), *site], timeout=120)
    # The takeover runs: degraded by the hostile site's errors (exit 1), or finished when the
    # killed run had already done most of the work (exit 0); never refused as locked.
    assert third.returncode in (0, 1), third.stderr
    with Store(db) as store:
        statuses = [r["status"] for r in store.db["crawl_runs"].rows_where(order_by="id")]
        stored = {row["canonical_url"] for row in store.items()}
    assert statuses[0] == "interrupted" and statuses[-1] in ("finished", "degraded")
    with Store(clean_db) as store:
        assert stored == {row["canonical_url"] for row in store.items()}  # nothing lost
