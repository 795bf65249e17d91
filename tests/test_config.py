from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.config import (
    ConfigError,
    apply_base_urls,
    load_sources,
    parse_base_url_overrides,
)


def test_the_four_sources_are_configured() -> None:
    sources = load_sources()
    assert set(sources) >= {"cemr", "platforma", "uclg", "ogp"}
    assert all(set(s.languages) == {"en", "fr"} for s in sources.values())


@pytest.mark.parametrize(
    ("key", "url", "expected"),
    [
        ("ogp", "https://www.opengovpartnership.org/news/open-justice-americas/", True),
        ("ogp", "https://opengovpartnership.org/fr/news/open-justice-americas/", True),
        ("ogp", "https://www.opengovpartnership.org/about/", False),
        ("ogp", "https://example.org/news/open-justice-americas/", False),
        ("uclg", "https://www.uclg.org/en/media/news/world-council-2026", True),
        ("uclg", "https://www.uclg.org/en/media/news?page=2", False),
        ("platforma", "https://platforma-dev.eu/fr/2023/07/eu-celac/", True),
        ("platforma", "https://platforma-dev.eu/category/news/page/2/", False),
        ("cemr", "https://ccre-cemr.org/wp-content/uploads/2008/11/cp.pdf", True),
    ],
)
def test_article_urls_are_recognised_by_path(key: str, url: str, expected: bool) -> None:
    assert load_sources()[key].is_article_url(url) is expected


def test_base_url_override_moves_every_configured_path() -> None:
    sources = apply_base_urls(
        load_sources(), parse_base_url_overrides(["ogp=http://127.0.0.1:8104"])
    )
    assert sources["ogp"].url("/fr/feed/") == "http://127.0.0.1:8104/fr/feed/"
    assert sources["ogp"].is_article_url("http://127.0.0.1:8104/news/x/")
    assert sources["cemr"].base_url == "https://ccre-cemr.org"


@pytest.mark.parametrize("pair", ["ogp", "ogp=", "=http://x", "ogp=ftp://x"])
def test_bad_base_url_override_is_a_clear_error(pair: str) -> None:
    with pytest.raises(ConfigError, match="--base-url"):
        parse_base_url_overrides([pair])


def test_override_of_an_unknown_source_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown source"):
        apply_base_urls(load_sources(), {"nope": "http://127.0.0.1:1"})


def test_a_broken_sources_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[x]\nname = "X"\nbase_url = "https://x.org"\ncolour = "red"\n')
    with pytest.raises(ConfigError, match=r"\[x\]"):
        load_sources(bad)
    bad.write_text('[x]\nname = "X"\nbase_url = "https://x.org"\narticle_paths = ["(("]\n')
    with pytest.raises(ConfigError, match="regex"):
        load_sources(bad)
