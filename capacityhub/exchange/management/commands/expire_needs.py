"""Mark needs whose time window has ended as expired. Run once a day (cron or a timer)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from capacityhub.exchange.services.needs import need_expire_overdue


class Command(BaseCommand):
    help = "Mark open and in-progress needs whose window ended before today as expired."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Treat this date (YYYY-MM-DD) as today; for catching up or tests."
        )

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2025-01-31.") from None
        expired = need_expire_overdue(today=day)
        self.stdout.write(f"{expired} need(s) expired.")
