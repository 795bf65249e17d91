"""Sources as data: a short entry is enough, hints never gate, bad entries are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.config import (
    ConfigError,
    apply_base_urls,
    load_sources,
    parse_base_url_overrides,
)


def test_the_four_sources_are_configured_without_url_patterns() -> None:
    sources = load_sources()
    assert set(sources) >= {"cemr", "platforma", "uclg", "ogp"}
    assert all(set(s.languages) == {"en", "fr"} for s in sources.values())
    assert not any(s.prefer_paths for s in sources.values())


def test_a_source_is_its_name_base_url_and_languages(tmp_path: Path) -> None:
    short = tmp_path / "sources.toml"
    short.write_text('[x]\nname = "X"\nbase_url = "https://www.x.org"\nlanguages = ["fr"]\n')
    source = load_sources(short)["x"]
    assert (source.languages, source.feeds, source.sitemaps, source.listings) == (
        ("fr",),
        (),
        (),
        (),
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.opengovpartnership.org/news/open-justice-americas/", True),
        ("http://opengovpartnership.org/fr/stories/anything/", True),
        ("https://www.opengovpartnership.org:443/about/", True),
        ("https://example.org/news/open-justice-americas/", False),
        ("https://www.opengovpartnership.org.evil.com/news/", False),
        ("mailto:info@opengovpartnership.org", False),
    ],
)
def test_on_site_is_the_host_up_to_www_scheme_and_default_port(url: str, expected: bool) -> None:
    assert load_sources()["ogp"].is_on_site(url) is expected


def test_skip_hints_name_paths_never_worth_fetching() -> None:
    ogp = load_sources()["ogp"]
    assert ogp.is_skipped("https://www.opengovpartnership.org/members/albania/")
    assert ogp.is_skipped("https://www.opengovpartnership.org/fr/people/jane/")
    assert not ogp.is_skipped("https://www.opengovpartnership.org/stories/x/")


def test_base_url_override_moves_every_configured_path() -> None:
    overrides = parse_base_url_overrides(["ogp=http://127.0.0.1:8104"])
    sources = apply_base_urls(load_sources(), overrides)
    assert sources["ogp"].url("/fr/feed/") == "http://127.0.0.1:8104/fr/feed/"
    assert sources["ogp"].is_on_site("http://127.0.0.1:8104/news/x/")
    assert not sources["ogp"].is_on_site("http://127.0.0.1:8105/news/x/")
    assert sources["cemr"].base_url == "https://ccre-cemr.org"


@pytest.mark.parametrize("pair", ["ogp", "ogp=", "=http://x", "ogp=ftp://x"])
def test_bad_base_url_override_is_a_clear_error(pair: str) -> None:
    with pytest.raises(ConfigError, match="--base-url"):
        parse_base_url_overrides([pair])


def test_override_of_an_unknown_source_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown source"):
        apply_base_urls(load_sources(), {"nope": "http://127.0.0.1:1"})


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('colour = "red"', r"\[x\]: unknown key\(s\) colour"),
        ('article_paths = ["^/news/"]', r"unknown key\(s\) article_paths"),
        ('skip_paths = ["(("]', "bad skip_paths regex"),
        ("languages = 3", r"\[x\]"),
    ],
)
def test_a_broken_sources_file_names_the_entry(tmp_path: Path, entry: str, message: str) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text(f'[x]\nname = "X"\nbase_url = "https://x.org"\n{entry}\n')
    with pytest.raises(ConfigError, match=message):
        load_sources(bad)


def test_an_empty_sources_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "sources.toml"
    empty.write_text("# nothing here\n")
    with pytest.raises(ConfigError, match="configures no source"):
        load_sources(empty)
