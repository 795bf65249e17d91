"""Scrapyd: the project deployed as an egg to a real scrapyd on 127.0.0.1 and run there.

Scrapyd runs on an interpreter that sees Scrapy and the libraries but not this project, as
on a server that was never given a checkout: `aggregator` can come only from the egg, so a
package, a data file or the `scrapy` entry point missing from it fails the job.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from aggregator.settings import LOCAL_CRAWL_SETTINGS
from aggregator.store import Store
from tests.conftest import project_copy, python_without_the_project, stop

pytestmark = pytest.mark.scrapyd

PROJECT = "aggregator"
SOURCE = "uclg"  # a source with a spider module of its own (spiders/uclg.py)
JOB_TIMEOUT_S = 120


@dataclass(frozen=True)
class Scrapyd:
    url: str
    workdir: Path  # Scrapyd's working directory: jobs run in it
    logs_dir: Path
    log: Path  # Scrapyd's own log (its launcher's lines)

    def get(self, endpoint: str, **params: str) -> dict:
        return self._answer(urlopen(f"{self.url}/{endpoint}?{urlencode(params)}", timeout=10))

    def post(self, endpoint: str, **params: str | list[str]) -> dict:
        form = urlencode(params, doseq=True).encode()
        return self._answer(urlopen(f"{self.url}/{endpoint}", data=form, timeout=10))

    @staticmethod
    def _answer(response: HTTPResponse) -> dict:
        with response:
            answer = json.load(response)
        assert answer["status"] == "ok", answer
        return answer

    def job_log(self, spider: str, job: str) -> str:
        return (self.logs_dir / PROJECT / spider / f"{job}.log").read_text(encoding="utf-8")

    def wait_finished(self, job: str) -> None:
        deadline = time.monotonic() + JOB_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.get("status.json", job=job)["currstate"] == "finished":
                return
            time.sleep(0.3)
        pytest.fail(f"job {job} not finished after {JOB_TIMEOUT_S} s:\n{self.log.read_text()}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    """A scrapyd on a free port of 127.0.0.1, its own config and folders, the project deployed."""
    root = tmp_path_factory.mktemp("scrapyd")
    home = root / "home"  # no ~/.scrapyd.conf or ~/.scrapy.cfg of the machine's user
    workdir, logs_dir = root / "workdir", root / "logs"
    for folder in (home, workdir):
        folder.mkdir()
    port = free_port()
    (workdir / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {root / 'eggs'}\nlogs_dir = {logs_dir}\ndbs_dir = {root / 'dbs'}\n"
        "items_dir =\njobs_dir =\npoll_interval = 0.2\nmax_proc = 2\n",
        encoding="utf-8",
    )
    python = python_without_the_project(root / "server-python")
    env = {**os.environ, "HOME": str(home), "PYTHONWARNINGS": "ignore"}
    log = root / "scrapyd.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [python, "-m", "scrapyd", "--pidfile", str(root / "scrapyd.pid")],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Scrapyd(f"http://127.0.0.1:{port}", workdir, logs_dir, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"scrapyd exited:\n{log.read_text()}"
            try:
                server.get("daemonstatus.json")
                break
            except OSError:
                assert time.monotonic() < deadline, f"scrapyd did not answer:\n{log.read_text()}"
                time.sleep(0.2)
        project = project_copy(root / "project")
        with (project / "scrapy.cfg").open("a", encoding="utf-8") as cfg:
            cfg.write(f"\n[deploy:test]\nurl = {server.url}/\n")
        deployed = subprocess.run(
            [sys.executable, "-m", "scrapyd_client.deploy", "test", "--version", "1"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert deployed.returncode == 0, f"deploy failed:\n{deployed.stdout}\n{deployed.stderr}"
        yield server
    finally:
        stop(process, timeout=10)


def files_in(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def test_the_egg_names_every_source_as_a_spider(scrapyd: Scrapyd) -> None:
    from aggregator.config import load_sources

    spiders = scrapyd.get("listspiders.json", project=PROJECT)["spiders"]
    assert sorted(spiders) == sorted(load_sources())


def test_a_scheduled_job_crawls_the_mirror_into_the_named_database(
    scrapyd: Scrapyd, mirror: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "aggregator.db"
    settings = {
        "AGGREGATOR_DB": str(db),
        "AGGREGATOR_BASE_URLS": f"{SOURCE}={mirror[SOURCE]}",
        **LOCAL_CRAWL_SETTINGS,
    }
    before = files_in(scrapyd.workdir)
    job = scrapyd.post(
        "schedule.json",
        project=PROJECT,
        spider=SOURCE,
        setting=[f"{key}={value}" for key, value in settings.items()],
    )["jobid"]
    scrapyd.wait_finished(job)
    log = scrapyd.job_log(SOURCE, job)
    assert "Spider closed (finished)" in log, log[-5000:]
    with Store(db) as store:
        assert store.count_items(SOURCE) > 0, log[-5000:]
        assert store.count_items() == store.count_items(SOURCE)
    assert "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware" in log  # channel cache on
    assert files_in(scrapyd.workdir) == before


@pytest.mark.parametrize(
    ("db_settings", "error"),
    [
        ([], "AGGREGATOR_DB is not set"),
        (["AGGREGATOR_DB=aggregator.db"], "AGGREGATOR_DB must be an absolute path"),
    ],
    ids=["no-database", "relative"],
)
def test_a_job_without_an_absolute_database_fails_and_writes_nothing(
    scrapyd: Scrapyd, mirror: dict[str, str], db_settings: list[str], error: str
) -> None:
    before = files_in(scrapyd.workdir)
    job = scrapyd.post(
        "schedule.json",
        project=PROJECT,
        spider=SOURCE,
        setting=[f"AGGREGATOR_BASE_URLS={SOURCE}={mirror[SOURCE]}", *db_settings],
    )["jobid"]
    scrapyd.wait_finished(job)
    assert error in scrapyd.job_log(SOURCE, job)
    launcher_log = scrapyd.log.read_text(encoding="utf-8")
    assert f"Process died: exitstatus=1 project='{PROJECT}' spider='{SOURCE}' job='{job}'" in (
        launcher_log
    ), launcher_log[-5000:]
    assert files_in(scrapyd.workdir) == before


def test_the_channel_cache_needs_no_scrapy_cfg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job runs where no scrapy.cfg is; Scrapy's default cache folder would turn the cache off."""
    from scrapy.settings import Settings

    from aggregator.conditional import ChannelCacheStorage

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "aggregator.settings")
    settings = Settings()
    settings.setmodule("aggregator.settings")
    settings.set("AGGREGATOR_DB", str(tmp_path / "db" / "aggregator.db"))
    settings.freeze()
    assert ChannelCacheStorage(settings).cachedir == str(tmp_path / "db" / "aggregator.httpcache")
    assert not any(tmp_path.iterdir())
