"""Store this month's capacity map (run it monthly, e.g. from cron on the 1st and the 28th).

Idempotent per month: running it again in the same month replaces that month's figures, so a
retried or duplicated cron job leaves exactly one snapshot per month."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from capacityhub.exchange.services.capacity_map import map_snapshot_take


def _month(text: str):
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"--month must look like 2026-11, not {text!r}.") from None


class Command(BaseCommand):
    help = "Take (or refresh) the capacity-map snapshot of this month, or of --month YYYY-MM."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the current month)")

    def handle(self, *args, month=None, **options):
        try:
            snapshot, created = map_snapshot_take(month=_month(month) if month else None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "Took" if created else "Refreshed"
        self.stdout.write(f"{verb} the capacity-map snapshot of {snapshot.month:%Y-%m}.")
