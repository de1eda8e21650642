"""Recognition's part of a person's data: exported, and taken off pages when they leave."""

from capacityhub.community.personal_data import erase_parts, export_parts
from capacityhub.recognition.models import Award, Barnstar
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.recognition.services.barnstars import barnstar_give


def test_export_and_erase(owner, other, staff):
    barnstar_give(actor=other, recipient=owner, kind="mentor", message="Thanks!")
    badge = achievement_create(actor=staff, name="Host", description="d", criteria="c")
    award_by_hand(actor=staff, achievement=badge, recipient=owner)

    exported = export_parts(owner)["recognition"]
    assert exported["barnstars_received"][0]["message"] == "Thanks!"
    assert exported["badges"][0]["credential"]["type"][1] == "OpenBadgeCredential"
    assert export_parts(other)["recognition"]["barnstars_given"][0]["kind"] == "mentor"

    erase_parts(owner)
    assert Barnstar.objects.get().hidden_by_recipient
    assert Award.objects.get().shown_on_profile is False
