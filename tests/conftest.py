"""Shared fixtures: the mirror on free ports of 127.0.0.1, and crawls of it in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass
class RenditionCrawl:
    """A rendition crawled on its day 1 (a snapshot kept), then on its day 2 into the same file."""

    rendition: str
    mirror: Any  # the ServedMirror, still serving day 2
    day1_db: Path
    day2_db: Path
    day1_manifest: list
    day2_manifest: list
    day1_requests: list
    day2_requests: list
    day1_run: subprocess.CompletedProcess[str]
    day2_run: subprocess.CompletedProcess[str]


def snapshot(db: Path, copy: Path) -> Path:
    """A consistent copy of a database (WAL included), for comparing it with a later state."""
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def placements(db: Path) -> dict[str, tuple[str, str]]:
    """Each item's story and relation, to compare two groupings."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select canonical_url, story_id, relation from story_members")
        return {url: (story, relation) for url, story, relation in rows}


def stop(process: subprocess.Popen, timeout: float) -> None:
    """Stop a server the tests started: asked first, killed if it does not go."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def rendition_crawls(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], RenditionCrawl]]:
    """Each rendition served on its own free ports and crawled twice (day 1, day 2), on demand,
    once per test session: the crawl tests of every module read the same runs."""
    from aggregator.mirror import load_manifest, serve_mirror

    done: dict[str, RenditionCrawl] = {}
    with ExitStack() as servers:

        def get(rendition: str) -> RenditionCrawl:
            if rendition not in done:
                mirror = servers.enter_context(
                    serve_mirror(rendition, ports={key: 0 for key in SOURCES})
                )
                folder = tmp_path_factory.mktemp(rendition)
                db = folder / "aggregator.db"
                first = crawl(db, mirror)
                day1_requests = list(mirror.requests())
                day1_manifest = load_manifest(mirror)
                day1_db = snapshot(db, folder / "day1.db")
                mirror.log.clear()
                mirror.switch(day=2)
                second = crawl(db, mirror)
                done[rendition] = RenditionCrawl(
                    rendition, mirror, day1_db, db, day1_manifest, load_manifest(mirror),
                    day1_requests, list(mirror.requests()), first, second,
                )  # fmt: skip
            return done[rendition]

        yield get


def python_without_the_project(where: Path) -> Path:
    """A Python that imports this environment's libraries but not the project.

    Its site-packages names ours in a .pth file; the .pth files inside ours (the editable
    install's import hook among them) are then not run.
    """
    venv.EnvBuilder(with_pip=False, symlinks=True).create(where)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(purelib, "libraries.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    probe = "import importlib.util, scrapy; print(importlib.util.find_spec('aggregator'))"
    found = subprocess.run(
        [python, "-c", probe], cwd=where, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found == "None", f"the project is importable without the egg, from {found}"
    return python


def project_copy(where: Path) -> Path:
    """The files git would check out (tracked or new, not ignored): what a deploy packs."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = where / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    return where
