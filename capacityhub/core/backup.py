"""Consistent online backups of the SQLite database (the server may keep running).

SQLite's backup API copies pages under a read transaction, so the copy is a single consistent
snapshot even while writers are active (WAL mode lets them proceed). PostgreSQL deployments
use pg_dump instead (see README).
"""

import sqlite3
from pathlib import Path


def sqlite_backup(source: str | Path, target: str | Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(str(source), timeout=30) as src, sqlite3.connect(str(partial)) as dst:
        src.backup(dst, pages=1024)
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"backup failed its integrity check: {check}")
    partial.replace(target)  # atomic: a reader never sees a half-written backup
    return target


def sqlite_restore(backup: str | Path, target: str | Path) -> Path:
    """Copy a backup over the live file's path. Stop the server first."""
    target = Path(target)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    return sqlite_backup(backup, target)
