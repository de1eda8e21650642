from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from capacityhub.core.backup import sqlite_backup, sqlite_restore


class Command(BaseCommand):
    help = "Back up the SQLite database while the server runs, or restore a backup (--restore)."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="backup file (default: backups/<time>.sqlite3)"
        )
        parser.add_argument("--restore", metavar="BACKUP", help="restore this backup file")

    def handle(self, *args, target=None, restore=None, **options):
        if connection.vendor != "sqlite":
            raise CommandError("This command backs up SQLite; for PostgreSQL use pg_dump.")
        live = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        if restore:
            sqlite_restore(restore, live)
            self.stdout.write(f"Restored {restore} into {live}.")
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = sqlite_backup(live, target or Path("backups") / f"capacityhub-{stamp}.sqlite3")
        self.stdout.write(str(path))
