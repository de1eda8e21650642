"""Check the whole hash chain of the funding ledger and name the first broken transaction."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capacityhub.funding.chain import first_break
from capacityhub.funding.verification import ledger_verify


class Command(BaseCommand):
    help = "Verify the funding ledger's hash chain (from the database or a public JSON export)."

    def add_arguments(self, parser):
        parser.add_argument("--export", help="check this public JSON export instead")

    def handle(self, *args, export=None, **options):
        if export:
            document = json.loads(Path(export).read_text(encoding="utf-8"))
            records = document.get("transactions", [])
            found = first_break(records, checkpoints=document.get("checkpoints", []))
            counted = len(records)
        else:
            counted, found = ledger_verify()
        if found is not None:
            raise CommandError(
                f"Broken at transaction #{found.sequence}: {found.reason} "
                f"({counted} transactions read)."
            )
        self.stdout.write(f"The chain of {counted} transactions is whole.")
