"""Daily: send the follow-up surveys that are due (+30, +90, +365 days after an activity ends,
to the people who agreed) and remind those who have not answered after a week."""

from django.core.management.base import BaseCommand

from capacityhub.evaluation.services import follow_ups_send


class Command(BaseCommand):
    help = "Send due evaluation follow-ups and reminders."

    def handle(self, *args, **options):
        sent, reminded = follow_ups_send()
        self.stdout.write(f"{sent} follow-up invitations sent, {reminded} reminders.")
