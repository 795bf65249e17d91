"""What `aggregator search` prints: rows from `Store.search` as a table, JSON or CSV.

The query itself is built by the store (`aggregator.store.fts_query`), the only module that
speaks SQL, and the command line checks the arguments; this module only lays the rows out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

COLUMNS = ("published_at", "lang", "source", "title", "canonical_url", "story_id")


def format_rows(rows: Sequence[dict[str, Any]], style: str = "table") -> str:
    """The rows as `table` (two lines per item, for a terminal), `json` or `csv`."""
    if style == "json":
        return json.dumps([{c: r.get(c) for c in (*COLUMNS, "summary")} for r in rows],
                          ensure_ascii=False, indent=1) + "\n"  # fmt: skip
    if style == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    lines = [
        f"{(r['published_at'] or '')[:10]:<10}  {r['lang'] or '??':<2}  {r['source']:<9} "
        f"{r['title'] or ''}\n{'':>25}{r['canonical_url']}"
        for r in rows
    ]
    return "\n".join(lines) + ("\n" if lines else "no match\n")
