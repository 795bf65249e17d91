"""Errors the command line turns into a one-line message and its own exit status.

Apart from the modules that raise them, so that naming them (`except ConfigError`) imports
nothing else: `aggregator.config` reads sources with tomllib and checks URLs with w3lib, and
`aggregator.lock` reads the clock through the date shapes, which a search never needs.
"""

from __future__ import annotations


class ConfigError(ValueError):
    """A sources file, a --base-url override or a crawl setting that cannot be used."""


class DatabaseLocked(RuntimeError):
    """Another process is writing the database."""
