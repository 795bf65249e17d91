"""The package works outside the checkout: `pip install .` (not editable), then the demo and
the mirror's manifest run from another folder, with the mirror's files as package data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, project_copy, python_without_the_project

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A Python that sees this environment's libraries and a plain install of the project."""
    # Built with this environment's setuptools (the test extra): an isolated build would
    # download one, and the tests reach nothing beyond 127.0.0.1.
    root = tmp_path_factory.mktemp("installed")
    python = python_without_the_project(root / "python")
    target = root / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(project_copy(root / "project"))],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONWARNINGS": "ignore"}
    return python, env


def run(
    installed: tuple[Path, dict[str, str]], cwd: Path, *args: str
) -> subprocess.CompletedProcess:
    python, env = installed
    return subprocess.run(
        [python, "-m", "aggregator.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_installed_package_is_the_one_imported(installed, tmp_path: Path) -> None:
    python, env = installed
    where = subprocess.run(
        [python, "-c", "import aggregator.mirror.data as d, aggregator.spiders as s; "
         "print(d.__file__); print(s.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(str(REPO) not in w and "/site/aggregator/" in w for w in where), where


def test_the_mirror_manifest_runs_from_the_installed_package(installed, tmp_path: Path) -> None:
    result = run(installed, tmp_path, "mirror", "manifest")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) > 100


def test_the_demo_runs_from_the_installed_package(installed, tmp_path: Path) -> None:
    result = run(installed, tmp_path, "demo")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert (tmp_path / "data" / "aggregator.db").is_file()
    assert (tmp_path / "data" / "digest" / "all.xml").is_file()
