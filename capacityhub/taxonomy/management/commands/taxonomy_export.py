"""python manage.py taxonomy_export --format json|csv|skos|tab [-o FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capacityhub.taxonomy.importer import taxonomy_export_text
from capacityhub.taxonomy.interchange import FORMATS


class Command(BaseCommand):
    help = (
        "Export the taxonomy as the project's JSON or CSV, SKOS (Turtle) or Wikimedia "
        "Commons tabular data, to standard output or a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", required=True, choices=sorted(FORMATS))
        parser.add_argument("-o", "--output", metavar="FILE", help="Write here, not stdout.")

    def handle(self, *args, fmt: str, output: str | None, **options):
        text = taxonomy_export_text(fmt)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            # newline="" keeps the CSV writer's own line endings.
            with Path(output).open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}") from error
        self.stderr.write(f"Wrote {output}.")
