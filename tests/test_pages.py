"""Extraction on saved pages, one test per field, so a regression names the field.

Fixtures: tests/fixtures/pages/<source>/<case>/ holds page.html, url.txt and
expected.json (written from the mirror's content files by save_pages.py). The `generic`
folder holds pages written for these tests in the shapes real sites use (WordPress,
Drupal, hand-made CMSs), read by the base ArticlePage as a source configured with its
base URL only: one per verdict the crawler must get right.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from aggregator.config import Source, load_sources
from aggregator.pages import ArticlePage
from aggregator.pipelines.clean_text import clean_text
from aggregator.pipelines.dates import DatePipeline, parse_date
from aggregator.pipelines.language import detect_language

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.parent for p in PAGES.glob("*/*/expected.json"))
NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
NOISE = [
    "Skip Navigation",
    "Ignorer la navigation",
    "Lire plus",
    "Read More",
    "(+)",
    "Accept",
    "cookies",
    "Optimisez votre visibilité",
    "Subscribe to our newsletter",
]
SPIDERS = SpiderLoader(Settings({"SPIDER_MODULES": ["spiders"]}))


def load_case(folder: Path) -> tuple[ArticlePage, dict]:
    source_key = folder.parent.name
    url = (folder / "url.txt").read_text(encoding="utf-8").strip()
    base_url = url.split("/", 3)[0] + "//" + url.split("/", 3)[2]
    if source_key == "generic":
        source = Source(key="generic", name="generic", base_url=base_url)
        page_class = ArticlePage
    else:
        source = load_sources()[source_key].with_base_url(base_url)
        page_class = SPIDERS.load(source_key).article_page
    html = (folder / "page.html").read_text(encoding="utf-8")
    page = page_class(url, html, source, now=NOW)
    return page, json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def cases_with(field: str) -> list[Path]:
    return [c for c in CASES if field in json.loads((c / "expected.json").read_text())]


def case_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


@pytest.mark.parametrize("folder", CASES, ids=case_id)
def test_is_article(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.is_article() is expected["is_article"]


@pytest.mark.parametrize("folder", cases_with("kind"), ids=case_id)
def test_verdict_kind_and_reason(folder: Path) -> None:
    page, expected = load_case(folder)
    verdict = page.verdict()
    assert (verdict.kind, verdict.reason) == (expected["kind"], expected["reason"])
    assert verdict.is_article is expected["is_article"] is page.is_article()


@pytest.mark.parametrize("folder", cases_with("published_day"), ids=case_id)
def test_site_day_and_local_date(folder: Path) -> None:
    page, expected = load_case(folder)
    item = page.to_article(folder.parent.name, NOW.isoformat(), None)
    item.lang = expected["lang"]
    DatePipeline().process_item(item)
    assert item.published_day == expected["published_day"]
    assert item.published_local == expected["published_local"]
    assert item.published_at[:10] == expected["published_date"]


@pytest.mark.parametrize("folder", cases_with("lang"), ids=case_id)
def test_title(folder: Path) -> None:
    page, expected = load_case(folder)
    assert clean_text(page.title().value) == clean_text(expected["title"])


@pytest.mark.parametrize("folder", cases_with("canonical"), ids=case_id)
def test_canonical(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.canonical() == expected["canonical"]


@pytest.mark.parametrize("folder", cases_with("published_date"), ids=case_id)
def test_published_date(folder: Path) -> None:
    page, expected = load_case(folder)
    found = page.published()
    assert found is not None
    parsed = parse_date(found.value, lang=expected["lang"], now=NOW)
    assert parsed is not None and parsed.value[:10] == expected["published_date"], found


@pytest.mark.parametrize("folder", cases_with("lang"), ids=case_id)
def test_language(folder: Path) -> None:
    page, expected = load_case(folder)
    article = page.to_article(folder.parent.name, NOW.isoformat(), None)
    text = "\n".join((article.title, article.summary, article.body))
    assert detect_language(article.lang_hints, text).lang == expected["lang"]


@pytest.mark.parametrize("folder", cases_with("body_starts"), ids=case_id)
def test_body_is_the_article_text_without_noise(folder: Path) -> None:
    page, expected = load_case(folder)
    body = clean_text(page.body(), paragraphs=True)
    assert expected["body_starts"] in body[:400]
    assert len(body) > 200
    assert not [n for n in NOISE if n in body]


@pytest.mark.parametrize("folder", cases_with("tags"), ids=case_id)
def test_tags(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.tags() == expected["tags"]
