from django.core.management.base import BaseCommand

from capacityhub.mentoring.services.reminders import remind_silent


class Command(BaseCommand):
    help = "Remind mentor pairs that have been silent for four weeks (run daily)."

    def handle(self, *args, **options):
        count = remind_silent()
        self.stdout.write(f"{count} mentorship(s) reminded.")
