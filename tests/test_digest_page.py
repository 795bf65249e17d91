"""The digest pages as a browser shows them: headless Chromium on a crawled mirror's digest.

Chromium renders each page (the DOM it dumps is what is checked) and takes a phone-sized
screenshot; the README shows the same command.
"""

from __future__ import annotations

import struct
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from aggregator.cli import main
from aggregator.store import Store
from tests.conftest import crawl
from tests.tools import require

pytestmark = pytest.mark.crawl
PAGES = {"all": None, "en": "en", "fr": "fr"}
# Without the background-networking flags Chromium tries to reach Google's services.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def digest(mirror: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, digest folder) of a crawl of the mirror."""
    root = tmp_path_factory.mktemp("page")
    crawl(root / "news.db", mirror)
    assert main(["digest", "--db", str(root / "news.db"), "--out", str(root / "digest")]) == 0
    return root / "news.db", root / "digest"


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    binary = require("chromium")
    run = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.mark.parametrize("name", PAGES)
def test_every_story_appears_once_newest_first_with_stored_links(
    digest: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    db, folder = digest
    page = folder / f"{name}.html"
    dom = lxml_html.fromstring(chromium("--dump-dom", page.as_uri(), profile=tmp_path).stdout)
    lang = PAGES[name]
    with Store(db, create=False) as store:
        stories = {s["story_id"] for s in store.stories(lang=lang)}
        stored = {i["canonical_url"] for i in store.items()}

    cards = dom.xpath("//main/article")
    ids = [card.get("id").removeprefix("story-") for card in cards]
    assert len(ids) == len(set(ids)) and set(ids) == stories
    # The same stories as the page's feed, in the same order (newest first).
    rss = etree.parse(str(folder / f"{name}.xml")).getroot()
    assert [c.xpath("string(h2/a/@href)") for c in cards] == rss.xpath("channel/item/link/text()")
    times = [datetime.fromisoformat(c.xpath("string(.//time/@datetime)")) for c in cards]
    assert times == sorted(times, reverse=True)
    if lang:  # the title shown is the version in the page's language
        assert {c.get("lang") for c in cards} == {lang}
    assert dom.get("lang") == (lang or "en")

    own_files = {p.name for p in folder.iterdir()}
    for href in dom.xpath("//a/@href"):
        assert href in stored or href in own_files, href
    for card in cards:  # every version of the story, each language, is linked once
        links = card.xpath(".//a/@href")
        assert len(links) == len(set(links)) and set(links) <= stored
    assert not dom.xpath("//script")
    assert dom.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]


def test_a_phone_sized_screenshot(digest: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = digest
    shot = tmp_path / "digest.png"
    page = (folder / "fr.html").as_uri()
    chromium(f"--screenshot={shot}", "--window-size=412,915", page, profile=tmp_path / "p")
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (412, 915)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
