"""Recognition's part of a person's data (community.personal_data): barnstars given and
received, badges earned with their credentials. Deleting the account takes the person's
barnstars and badges off every page; issued credentials stay verifiable (the earner may hold
them in a wallet) unless staff revoke them."""

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Award, Barnstar


def export_recognition(user: User) -> dict:
    def barnstar(b: Barnstar) -> dict:
        return {
            "id": b.pk,
            "kind": b.kind,
            "giver": b.giver_id,
            "recipient": b.recipient_id,
            "message": b.message,
            "activity": b.activity,
            "at": when(b.created_at),
            "hidden": b.hidden_by_recipient,
        }

    return {
        "barnstars_given": [barnstar(b) for b in Barnstar.objects.filter(giver=user)],
        "barnstars_received": [barnstar(b) for b in Barnstar.objects.filter(recipient=user)],
        "badges": [
            {
                "achievement": a.achievement_id,
                "issued_at": when(a.issued_at),
                "revoked_at": when(a.revoked_at),
                "credential": a.credential,
            }
            for a in Award.objects.filter(recipient=user).order_by("issued_at", "id")
        ],
    }


def close_recognition(user: User) -> None:
    Barnstar.objects.filter(recipient=user).update(hidden_by_recipient=True)
    Award.objects.filter(recipient=user).update(shown_on_profile=False)


def register_personal_data() -> None:
    register(
        PersonalDataPart(name="recognition", export=export_recognition, erase=close_recognition)
    )
