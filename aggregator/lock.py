"""One writer per database: a second crawl of the same file exits at once and touches nothing.

The lock is an advisory `flock` on `<database>.lock`, so the kernel releases it when the
process that held it dies (kill -9 included): a stale lock is never left behind, and a run
that finds the lock free knows that any run still marked `running` is dead. The file holds
the holder's PID and start time, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aggregator.dateshapes import utc_now
from aggregator.errors import DatabaseLocked

_HELD: dict[Path, int] = {}  # lock file -> how many times this process holds it


def lock_path(db_path: str | Path) -> Path:
    db = Path(db_path)
    return db.with_name(f"{db.name}.lock")


@contextmanager
def database_lock(db_path: str | Path) -> Iterator[None]:
    """Hold the database's write lock (re-entrant within a process); DatabaseLocked if busy."""
    path = lock_path(db_path).resolve()
    if path in _HELD:
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise DatabaseLocked(
                f"{db_path} is being written by another run ({holder}); nothing was changed"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {utc_now()}\n")
        handle.flush()
        _HELD[path] = 1
        try:
            yield
        finally:
            del _HELD[path]
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
