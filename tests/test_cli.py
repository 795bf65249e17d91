"""The command line: documented in the README, clear errors, `scrapy list`."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator.cli import build_parser
from aggregator.store import Store
from aggregator.stories import group_stored_items
from tests.conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"aggregator {name}" in README
    for action in subcommands()[name]._actions:
        long = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
        for option in long:
            assert option in README, f"{name} {option} is not documented in README.md"


def test_scrapy_list_shows_the_four_spiders() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cemr", "ogp", "platforma", "uclg"]


EMPTY_SOURCES = "# no source configured\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "--base-url", "ogp"], "--base-url expects KEY=http"),
        (["crawl", "--base-url", "nope=http://127.0.0.1:1"], "unknown source"),
        (["crawl", "--source", "nope"], "unknown source"),
        (["crawl", "--since", "yesterday"], "expects a date as YYYY-MM-DD"),
        (["crawl", "--since", "2026-13-45"], "expects a date as YYYY-MM-DD"),
        (["crawl", "--since", "2999-01-01"], "in the future"),
        (["crawl", "--sources-file", "{tmp}/empty.toml"], "configures no source"),
        (["check", "--sources-file", "{tmp}/empty.toml"], "configures no source"),
        (["crawl", "--sources-file", "{tmp}/missing.toml"], "cannot read sources file"),
        (["crawl", "--local"], "would be the live site"),
        (
            ["crawl", "--local", "--base-url", "ogp=http://127.0.0.1:9"],
            "cemr, platforma, uclg would be the live site",
        ),
        (["check", "--sample", "0"], "at least 1"),
        (["crawl", "--timeout", "soon"], "at least 1"),
        (["search", "x", "--db", "{tmp}/typo.db"], "does not exist"),
        (["digest", "--db", "{tmp}/typo.db"], "does not exist"),
        (["runs", "--db", "{tmp}/typo.db"], "does not exist"),
        (["errors", "--db", "{tmp}/typo.db"], "does not exist"),
        (["stories", "--db", "{tmp}/typo.db"], "does not exist"),
        (["demo", "--rendition", "nope", "--db", "{tmp}/d.db"], "no rendition 'nope'"),
    ],
)
def test_bad_input_is_a_one_line_error_and_changes_nothing(
    args: list[str], message: str, tmp_path: Path
) -> None:
    (tmp_path / "empty.toml").write_text(EMPTY_SOURCES)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli([a.replace("{tmp}", str(tmp_path)) for a in args], timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # argparse adds its usage line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no database created


def test_digest_into_an_unwritable_place_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    out = tmp_path / "file-not-folder"
    out.write_text("x")
    result = run_cli(["digest", "--db", str(db), "--out", str(out)], timeout=60)
    assert result.returncode == 2, result.stderr
    assert "aggregator: error:" in result.stderr and "Traceback" not in result.stderr


def test_mirror_help_is_its_own() -> None:
    result = run_cli(["mirror", "--help"], timeout=60)
    assert result.returncode == 0 and "serve" in result.stdout and "manifest" in result.stdout


def test_a_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"garbage" * 1000)
    result = run_cli(["digest", "--db", str(db), "--out", str(tmp_path)], timeout=60)
    assert result.returncode == 2
    assert "not a usable SQLite database" in result.stderr and "Traceback" not in result.stderr


def test_a_truncated_database_is_refused_by_the_commands(tmp_path: Path) -> None:
    db = tmp_path / "half.db"
    with Store(db) as store:
        for i in range(200):
            store.upsert_item({"canonical_url": f"https://x.org/{i}", "body": "x" * 2000}, "t")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    for args in (["digest", "--out", str(tmp_path)], ["stories"], ["search", "x"]):
        result = run_cli([*args, "--db", str(db)], timeout=60)
        assert result.returncode == 2, args
        assert "aggregator: error:" in result.stderr and "Traceback" not in result.stderr


def test_verify_finds_damage_that_opening_does_not_see(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        for i in range(300):
            store.upsert_item({"canonical_url": f"https://x.org/{i}", "body": "x" * 3000}, "t")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert run_cli(["verify", "--db", str(db)], timeout=60).returncode == 0
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096  # a damaged page, same file size
    db.write_bytes(bytes(data))
    result = run_cli(["verify", "--db", str(db)], timeout=60)
    assert result.returncode == 2, result.stdout
    assert "is damaged" in result.stderr and "Traceback" not in result.stderr


# What a command that only reads must not load: the writer's sqlite-utils (and its numpy),
# grouping's datasketch (and scipy), the crawler's Scrapy, the digest's renderers, the URL
# canonicaliser (and urllib.request), the sources file's reader.
WRITER = {"sqlite_utils", "numpy", "datasketch", "scipy", "scrapy", "twisted"}
RENDERERS = {"feedgen", "jinja2", "lxml", "w3lib", "tomllib"}


@pytest.mark.parametrize(
    ("command", "unused"),
    [
        (["--help"], WRITER | RENDERERS),
        (["search", "democratie locale"], WRITER | RENDERERS),
        (["runs"], WRITER | RENDERERS),
        (["errors"], WRITER | RENDERERS),
        (["verify"], WRITER | RENDERERS),
        (["digest", "--out", "{tmp}/digest"], WRITER | {"tomllib"}),
    ],
)
def test_each_command_imports_only_what_it_uses(
    tmp_path: Path, command: list[str], unused: set[str]
) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        store.upsert_item(
            {"canonical_url": "https://x.org/a", "source": "cemr", "title": "Démocratie locale",
             "lang": "fr", "published_at": "2026-11-20T10:00:00+00:00"},
            "2026-11-20T10:00:00+00:00",
        )  # fmt: skip
        group_stored_items(store, at="2026-11-21T00:00:00+00:00")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    if command != ["--help"]:
        args += ["--db", str(db)]
    code = (
        "import sys\n"
        "from aggregator.cli import main\n"
        "try:\n"
        "    status = main(sys.argv[1:])\n"
        "except SystemExit as exit:\n"  # --help
        "    status = exit.code\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stderr.strip().splitlines()[-1].split())
    assert not loaded & unused, f"aggregator {command[0]} imported {sorted(loaded & unused)}"
