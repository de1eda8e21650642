"""manage.py taxonomy_import FILE [--format json|csv|skos|tab] [--parent CODE] [--if-empty]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capacityhub.taxonomy.importer import import_summary, taxonomy_import_text, taxonomy_is_empty
from capacityhub.taxonomy.interchange import FORMATS, InterchangeError


class Command(BaseCommand):
    help = (
        "Import capacities (and methods) from the project's JSON or CSV, SKOS (Turtle) or "
        "Wikimedia Commons tabular data. Existing capacities are updated in place by code; "
        "a malformed file is refused whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the file to import.")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=sorted(FORMATS),
            help="File format; by default it is told from the file name.",
        )
        parser.add_argument(
            "--parent",
            metavar="CODE",
            help="Commons tabular data: where rows without a parent go (default: the root).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the taxonomy already has capacities.",
        )

    def handle(self, *args, file: str, fmt: str | None, parent: str | None, **options):
        if options["if_empty"] and not taxonomy_is_empty():
            self.stdout.write("The taxonomy already has capacities; nothing imported.")
            return
        text = _read(file)
        try:
            result = taxonomy_import_text(
                actor=None, name=file, text=text, fmt=fmt, default_parent=parent
            )
        except InterchangeError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(self.style.SUCCESS(import_summary(result)))


def _read(file: str) -> str:
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{file} is not UTF-8 text.") from error
