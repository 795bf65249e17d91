"""`aggregator search` takes what people type: words as words, FTS syntax only with --raw."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from aggregator.cli import main
from aggregator.store import Store, fts_query

ITEMS = {
    "https://cemr.eu/europe": ("cemr", "fr", "2026-03-01", "Les villes de l’Europe",
                               "La démocratie locale au cœur de l'Europe des régions."),
    "https://uclg.org/covid": ("uclg", "en", "2020-04-02", "COVID-19: cities respond",
                               "Local and regional governments share their covid-19 response."),
    "https://ogp.org/summit": ("ogp", "en", "2025-10-08", "Summit in Vitoria-Gasteiz",
                               "The OGP Global Summit closed in Vitoria-Gasteiz, Basque Country."),
    "https://ogp.org/budget": ("ogp", "en", "2024-05-05", "Unbalanced budgets",
                               "Why unbalanced budgets do not help open government."),
    "https://platforma.eu/code": ("platforma", "en", "2023-01-01", "Civic tech in C++",
                                  "Volunteers wrote the tool in C++ (not in Python)."),
    "https://cemr.eu/democracy": ("cemr", "en", "2026-02-01", "Local democracy academy",
                                  "An academy on local democracy for young elected members."),
}  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "search.db"
    with Store(path) as store:
        store.upsert_sources(
            {"key": k, "name": k.upper(), "base_url": f"https://{k}.org", "languages": ["en"]}
            for k in ("cemr", "uclg", "ogp", "platforma")
        )
        for url, (source, lang, day, title, body) in ITEMS.items():
            store.upsert_item(
                {"canonical_url": url, "source": source, "lang": lang, "title": title,
                 "body": body, "published_at": f"{day}T00:00:00+00:00"},
                f"{day}T00:00:00+00:00",
            )  # fmt: skip
    yield path


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["search", "--db", str(db), *args])
    except SystemExit as usage_error:  # argparse refused an option
        code = usage_error.code
    out, err = capsys.readouterr()
    return code, out, err


def found(out: str) -> set[str]:
    return {row["canonical_url"] for row in json.loads(out)}


# query as typed -> the items it must find (None: a one-line error, exit 2)
QUERIES = [
    ("l'Europe", {"https://cemr.eu/europe"}),
    ("covid-19", {"https://uclg.org/covid"}),
    ("Vitoria-Gasteiz", {"https://ogp.org/summit"}),
    ('"unbalanced', {"https://ogp.org/budget"}),
    ("AND", {"https://uclg.org/covid"}),
    ("NOT", {"https://ogp.org/budget", "https://platforma.eu/code"}),
    ("(", None),
    ("c++", {"https://platforma.eu/code"}),
    ("", set(ITEMS)),
    ("democratie", {"https://cemr.eu/europe"}),
    ("Démocratie LOCALE", {"https://cemr.eu/europe"}),
    ("local democracy", {"https://cemr.eu/democracy"}),
    ('"local democracy" academy', {"https://cemr.eu/democracy"}),
    ("budgets (not", {"https://ogp.org/budget"}),
    ("nowhere-to-be-found", set()),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q or "empty" for q, _ in QUERIES])
def test_what_people_type_is_searched_as_words(
    db: Path, capsys: pytest.CaptureFixture[str], query: str, expected: set[str] | None
) -> None:
    code, out, err = run(db, capsys, query, "--json")
    if expected is None:
        assert code == 2 and out == ""
        assert err.startswith("aggregator: error:") and err.count("\n") == 1
        return
    assert (code, err) == (0, "")
    assert found(out) == expected


def test_every_query_above_also_runs_as_a_table(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for query, expected in QUERIES:
        code, out, err = run(db, capsys, query)
        assert code == (2 if expected is None else 0), (query, err)
        assert "Traceback" not in err
        for url in expected or ():
            assert url in out


def test_raw_queries_are_fts5_syntax_and_a_bad_one_is_one_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "local NOT democracy", "--raw", "--json")
    assert code == 0 and found(out) == {"https://uclg.org/covid"}
    code, out, _ = run(db, capsys, "budg*", "--raw", "--json")
    assert code == 0 and found(out) == {"https://ogp.org/budget"}
    code, out, err = run(db, capsys, "NOT AND (", "--raw")
    assert code == 2 and out == "" and err.count("\n") == 1 and "cannot search" in err


def test_filters_by_source_language_and_date(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(db, capsys, "", "--json", "--source", "cemr")
    assert found(out) == {"https://cemr.eu/europe", "https://cemr.eu/democracy"}
    _, out, _ = run(db, capsys, "local", "--json", "--source", "cemr", "--source", "uclg")
    assert found(out) == {"https://cemr.eu/democracy", "https://uclg.org/covid"}
    _, out, _ = run(db, capsys, "", "--json", "--lang", "fr")
    assert found(out) == {"https://cemr.eu/europe"}
    _, out, _ = run(db, capsys, "", "--json", "--since", "2026-01-01")
    assert found(out) == {"https://cemr.eu/europe", "https://cemr.eu/democracy"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--since", "last week"], "--since: expects a date as YYYY-MM-DD"),
        (["x", "--source", "nope"], "unknown source(s): nope"),
    ],
)
def test_bad_filters_are_one_line_errors(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(db, capsys, *args)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_csv_has_a_header_and_one_row_per_item(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(db, capsys, "ogp OR summit OR budgets", "--raw", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["canonical_url"] for r in rows} == {
        "https://ogp.org/summit",
        "https://ogp.org/budget",
    }
    assert {r["source"] for r in rows} == {"ogp"}


def test_limit_and_newest_first_for_an_empty_query(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(db, capsys, "", "--json", "--limit", "2")
    assert [r["canonical_url"] for r in json.loads(out)] == [
        "https://cemr.eu/europe",
        "https://cemr.eu/democracy",
    ]


def test_a_missing_database_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.db"
    for command in (["search", "x"], ["digest", "--out", str(tmp_path / "out")]):
        assert main([*command, "--db", str(missing)]) == 2
        err = capsys.readouterr().err
        assert "does not exist" in err and err.count("\n") == 1
    assert not missing.exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("l'Europe", '"l\'Europe"'),
        ('say "hello world" twice', '"say" "hello world" "twice"'),
        ('an "odd quote', '"an" "odd" "quote"'),
        ('"', ""),
        ("( ) - *", ""),
        ('a"b', '"a" "b"'),
    ],
)
def test_fts_query_quotes_every_word(typed: str, query: str) -> None:
    assert fts_query(typed) == query
