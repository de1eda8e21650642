"""Funding's part of a person's data (community.personal_data): money they received and their
choice to be named. Deleting the account removes that choice, so they are never named again;
the transactions stay (financial records are kept, and the public ledger only ever holds a
salted digest of the person, which cannot be traced back to them)."""

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import RecipientConsent, Transaction


def export_funding(user: User) -> dict:
    consent = RecipientConsent.objects.filter(person=user).first()
    received = Transaction.objects.filter(recipient_person=user).order_by("sequence")
    return {
        "named_in_public_ledger": bool(consent and consent.public),
        "money_received": [
            {"sequence": t.sequence, "type": t.type, "date": t.value_date.isoformat(),
             "description": t.description, "amount": f"{t.amount:.2f}", "currency": t.currency,
             "value": f"{t.value:.2f}", "reporting_currency": t.reporting_currency,
             "posted_at": when(t.posted_at)}
            for t in received
        ],
    }  # fmt: skip


def forget_consent(user: User) -> None:
    RecipientConsent.objects.filter(person=user).delete()


def register_personal_data() -> None:
    register(PersonalDataPart(name="funding", export=export_funding, erase=forget_consent))
