"""python manage.py opendata_import FILE.json|FILE.csv — resource metadata, by uid.

All or nothing: a file with any wrong row is refused whole, naming the row. Importing the
same file again changes nothing. (The taxonomy has its own command, taxonomy_import.)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capacityhub.knowledge.opendata import OpenDataError
from capacityhub.knowledge.opendata_io import parse, resources_import


class Command(BaseCommand):
    help = "Create or update resources from a resource dump (JSON or CSV), by uid."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            result = resources_import(parse(file, text))
        except OpenDataError as error:
            raise CommandError(f"{file} refused, nothing imported: {error}") from error
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged."
        )
