from django.core.management.base import BaseCommand
from django.db import transaction

from capacityhub.core.audit import audit_log
from capacityhub.recognition.credentials.keys import key_rotate


class Command(BaseCommand):
    help = (
        "Rotate the hub's credential signing keys (Ed25519 and RS256): the current keys are "
        "retired and new ones made, in one transaction. Retired keys are not deleted: they "
        "stay published in the issuer's document, so every credential issued before the "
        "rotation keeps verifying; new credentials are signed with the new keys. Run it on a "
        "schedule (e.g. yearly) or at once if a private key may have leaked."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            keys = key_rotate()
            for key in keys:
                audit_log(actor=None, action="recognition.key.rotate", target=key)
        for key in keys:
            self.stdout.write(f"New {key.algorithm} key: {key.key_id}")
