"""Shared fixtures: the mirror on free ports of 127.0.0.1, and crawls of it in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("cemr", "platforma", "uclg", "ogp")
CRAWL_TIMEOUT_S = 240


def run_cli(
    args: Sequence[str], timeout: int = CRAWL_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """The `aggregator` command in a subprocess: Twisted's reactor cannot restart in one process."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "aggregator.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
    )


def crawl(db: Path, base_urls: Mapping[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    """Crawl the given renditions into `db`; a failed crawl fails the test with its log."""
    args = ["crawl", "--local", "--db", str(db)]
    for key, url in base_urls.items():
        args += ["--base-url", f"{key}={url}", "--source", key]
    result = run_cli([*args, *extra])
    assert result.returncode == 0, f"crawl failed:\n{result.stdout}\n{result.stderr[-5000:]}"
    return result


@pytest.fixture(scope="session")
def mirror() -> Iterator[dict[str, str]]:
    """The main rendition of the four sites, each on a free port of 127.0.0.1."""
    from aggregator.mirror import serve_mirror

    with serve_mirror(ports={key: 0 for key in SOURCES}) as base_urls:
        yield base_urls
