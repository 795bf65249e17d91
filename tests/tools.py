"""Programs some tests drive (a feed reader, a browser, a validator), installed by `.ci/run`.

A missing program fails its tests, so CI cannot pass without them; on a developer machine
without one, list it in AGGREGATOR_MISSING_TOOLS (comma-separated, e.g. `newsboat,chromium`)
and its tests are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil

import pytest

MISSING_TOOLS_ENV = "AGGREGATOR_MISSING_TOOLS"
DEBIAN_PACKAGES = {"newsboat": "newsboat", "chromium": "chromium", "ruby": "ruby"}


def require(tool: str) -> str:
    """The path of `tool`; fails the test when it is missing, unless declared missing."""
    path = shutil.which(tool)
    if path:
        return path
    declared = {t.strip() for t in os.environ.get(MISSING_TOOLS_ENV, "").split(",")}
    if tool in declared:
        pytest.skip(f"{tool} is not installed on this machine ({MISSING_TOOLS_ENV})")
    pytest.fail(
        f"{tool} is not installed: `bash .ci/run` installs it (apt-get install "
        f"{DEBIAN_PACKAGES.get(tool, tool)}); on a machine without it, set "
        f"{MISSING_TOOLS_ENV}={tool} to skip its tests"
    )
