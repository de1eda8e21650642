"""A backup taken while another connection keeps writing restores to identical records."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from capacityhub.core.backup import sqlite_backup, sqlite_restore


def _make_live_db(path):
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE need (id INTEGER PRIMARY KEY, title TEXT)")
        db.executemany("INSERT INTO need (title) VALUES (?)", [(f"need {i}",) for i in range(5000)])


def _rows(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, title FROM need ORDER BY id").fetchall()


def test_a_backup_taken_during_writes_is_consistent_and_restores_identically(tmp_path):
    live, backup, restored = tmp_path / "live.db", tmp_path / "b.db", tmp_path / "r.db"
    _make_live_db(live)
    stop = threading.Event()

    def keep_writing():
        with sqlite3.connect(live, timeout=30) as db:
            while not stop.is_set():
                db.execute("INSERT INTO need (title) VALUES ('during backup')")
                db.commit()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        sqlite_backup(live, backup)
    finally:
        stop.set()
        writer.join()

    snapshot = _rows(backup)
    assert len(snapshot) >= 5000
    assert snapshot[:5000] == [(i + 1, f"need {i}") for i in range(5000)]
    sqlite_restore(backup, restored)
    assert _rows(restored) == snapshot


SCRIPT = """
from django.core.management import call_command
from capacityhub.community.models import User
call_command("migrate", verbosity=0)
User.objects.create_user("amina", password="x-long-password")
call_command("backup_db", "{backup}")
User.objects.create_user("after-backup", password="x-long-password")
call_command("backup_db", restore="{backup}")
print(sorted(User.objects.values_list("username", flat=True)))
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup command")
def test_the_backup_command_writes_a_file_that_restores(tmp_path):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "hub.sqlite3")}
    env.pop("DATABASE_URL", None)
    script = SCRIPT.format(backup=tmp_path / "copy.sqlite3")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.stdout.strip().splitlines()[-1] == "['amina']"
