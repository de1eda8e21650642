"""Daily: keep `User.is_board_member` true exactly for people holding a current voting term
(terms start and run out by date, with nobody acting)."""

from django.core.management.base import BaseCommand

from capacityhub.governance.services import board_member_flags_sync


class Command(BaseCommand):
    help = "Set the board-member flag from the board's current terms (run daily)."

    def handle(self, *args, **options):
        changed = board_member_flags_sync()
        if options["verbosity"]:
            self.stdout.write(f"{changed} account(s) updated.")
