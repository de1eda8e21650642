"""python manage.py close_cohort_runs (daily): mark ended cohort runs done, which records
FACILITATED evidence for their facilitators."""

from django.core.management.base import BaseCommand

from capacityhub.learning.services.cohorts import cohort_close_ended


class Command(BaseCommand):
    help = "Mark cohort runs that have ended as done and record their facilitators' evidence."

    def handle(self, *args, **options):
        count = cohort_close_ended()
        self.stdout.write(f"{count} cohort run(s) closed.")
