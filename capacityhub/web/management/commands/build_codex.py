"""Write the trimmed Codex stylesheet and icon shapes from node_modules (see web/codex.py)."""

from django.core.management.base import BaseCommand, CommandError

from capacityhub.web.core import codex


class Command(BaseCommand):
    help = "Build static_build/ (trimmed Codex CSS and icons) from node_modules/@wikimedia."
    requires_system_checks = []  # the folder the static files check looks for is built here

    def handle(self, *args, **options):
        try:
            codex.build()
        except (codex.CodexNotBuilt, KeyError) as error:
            raise CommandError(str(error)) from error
        size = codex.CSS_PATH.stat().st_size
        self.stdout.write(f"Wrote {codex.CSS_PATH} ({size:,} bytes) and {codex.ICONS_PATH}")
