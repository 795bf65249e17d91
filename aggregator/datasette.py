"""Datasette as the analysts' front end: metadata generated from the schema code.

Table, view and column descriptions come from `store.SCHEMA` and `store.VIEWS`, the same
source as docs/schema.md, so the two cannot drift. The canned queries are the ones an
analyst asks first. Datasette is an optional extra: `pip install -e '.[analysts]'`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from aggregator.errors import ConfigError
from aggregator.store import SCHEMA, VIEWS

TITLE = "Local government networks – news database"
DESCRIPTION = (
    "Articles of CEMR, PLATFORMA, UCLG and the Open Government Partnership, in English and "
    "French, grouped into stories. Full-text search (accents ignored) on the items table."
)

# name -> (title, description, SQL): the questions an analyst asks first.
CANNED_QUERIES: dict[str, tuple[str, str, str]] = {
    "stories_in_both_languages": (
        "Stories told in both languages",
        "Stories with an English and a French version, newest first.",
        """select story_id, first_published_at, title_en, url_en, title_fr, url_fr, sources,
  item_count
from story_versions
where url_en is not null and url_fr is not null
order by first_published_at desc""",
    ),
    "articles_per_source_and_month": (
        "Articles per source and month",
        "How many articles each source published each month, in English and in French.",
        """select source, substr(published_at, 1, 7) as month, count(*) as articles,
  sum(lang = 'en') as english, sum(lang = 'fr') as french
from items
where published_at is not null
group by source, month
order by month desc, source""",
    ),
    "changed_this_week": (
        "What changed this week",
        "Items stored or changed in the last seven days; earlier versions are in item_versions.",
        """select changed_at,
  case when changed_at = first_seen_at then 'new' else 'changed' end as change,
  source, lang, title, canonical_url,
  (select count(*) from item_versions v where v.canonical_url = items.canonical_url)
    as earlier_versions
from items
where changed_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-7 days')
order by changed_at desc""",
    ),
    "last_runs": (
        "The last runs and their errors",
        "The latest crawl of each source first: status, why it ended, counts and errors.",
        """select started_at, source, status, finish_reason, errors, pages_fetched, items_new,
  items_updated, mode, base_url, finished_at, run_id
from crawl_runs
order by id desc
limit 40""",
    ),
}

# Per table: what Datasette shows first.
_TABLE_OPTIONS: dict[str, dict[str, Any]] = {
    "items": {"label_column": "title", "facets": ["source", "lang"], "sort_desc": "published_at"},
    "stories": {"label_column": "title", "sort_desc": "first_published_at"},
    "crawl_runs": {"facets": ["source", "status"], "sort_desc": "id"},
    "items_with_story": {"facets": ["source", "lang", "relation"]},
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a database file named `database` (its stem, e.g. aggregator)."""
    tables: dict[str, Any] = {}
    for name, table in SCHEMA.items():
        columns = {col: doc for col, (_kind, doc) in table["columns"].items()}
        tables[name] = {"description": table["doc"], "columns": columns}
    for name, view in VIEWS.items():
        tables[name] = {"description": view["doc"], "columns": dict(view["columns"])}
    for name, options in _TABLE_OPTIONS.items():
        tables[name].update(options)
    queries = {
        name: {"title": title, "description": description, "sql": sql}
        for name, (title, description, sql) in CANNED_QUERIES.items()
    }
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"tables": tables, "queries": queries}},
    }


def write_metadata(path: Path, db: Path) -> None:
    """The metadata for `db` as a JSON file Datasette reads with --metadata."""
    path.write_text(json.dumps(metadata(db.stem), ensure_ascii=False, indent=2) + "\n")


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette on the database with the generated metadata, until interrupted."""
    try:
        from datasette.cli import cli
    except ImportError:
        raise ConfigError("Datasette is not installed: pip install -e '.[analysts]'") from None
    with tempfile.TemporaryDirectory(prefix="aggregator-datasette-") as folder:
        path = Path(folder) / "metadata.json"
        write_metadata(path, db)
        args = ["serve", str(db), "--metadata", str(path), "--host", host, "--port", str(port)]
        cli.main(args, prog_name="datasette", standalone_mode=False)
    return 0
