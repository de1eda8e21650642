"""Two processes, one database: an offer made in one is matchable in the other within 2 s."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .factories_matching import offer, person

ROOT = Path(settings.BASE_DIR)
WORKER = "capacityhub.exchange.tests.matching_worker"


def _environment(database: Path, shared: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SQLITE_PATH": str(database),
        "TESTING": "1",
        "MATCHING_INDEX_DIR": str(shared),
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database")
@pytest.mark.django_db(transaction=True)
def test_a_new_offer_is_matchable_in_another_process_within_two_seconds(taxonomy, tmp_path):
    amina = person("amina")
    offer(amina, taxonomy["grant-reporting"])
    person("bo")
    database = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as target:
        connection.connection.backup(target)
    environment = _environment(database, tmp_path / "matching")
    reader = subprocess.Popen(
        [sys.executable, "-m", WORKER, "read"], cwd=ROOT, env=environment, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert reader.stdout.readline().strip() == "ready"
        capacity = taxonomy["grant-writing"].pk
        made = subprocess.run(
            [sys.executable, "-m", WORKER, "write", "bo", str(capacity)],
            cwd=ROOT, env=environment, text=True, capture_output=True, check=True, timeout=120,
        )  # fmt: skip
        offer_id = int(made.stdout.split()[-1])

        reader.stdin.write(f"wait {offer_id} {capacity} 2\n")
        reader.stdin.flush()
        answer = reader.stdout.readline().split()
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    assert answer[0] == "found", "not matchable in the other process within 2 s"
