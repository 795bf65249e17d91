"""The digest's defaults, which the command line shows in its help and `write_digest` uses.

Apart from aggregator/digest.py so that building the command line, which every command
does, does not import the feed and page libraries only the digest needs.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_DIGEST_DIR = Path("data") / "digest"
DEFAULT_LIMIT = 100  # entries per feed
