"""python manage.py opendata_export resources.json|resources.csv|taxonomy.json|taxonomy.csv
[-o FILE] — or --dir DIR for all four."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capacityhub.knowledge.opendata_io import DUMPS, export_text


class Command(BaseCommand):
    help = "Write the CC0 open-data dumps (resource metadata, taxonomy) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", choices=sorted(DUMPS))
        parser.add_argument("-o", "--output", metavar="FILE", help="Write here, not stdout.")
        parser.add_argument("--dir", metavar="DIR", help="Write every dump into this folder.")

    def handle(self, *args, name=None, output=None, dir=None, **options):
        if dir:
            for dump in DUMPS:
                self._write(Path(dir) / dump, export_text(dump))
            return
        if not name:
            raise CommandError("Name a dump, or give --dir.")
        text = export_text(name)
        if output is None:
            self.stdout.write(text, ending="")
        else:
            self._write(Path(output), text)

    def _write(self, path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="" keeps the CSV writer's own line endings.
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}") from error
        self.stderr.write(f"Wrote {path}.")
