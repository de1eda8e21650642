"""Awards: an achievement awarded to a person, issued as a signed OpenBadgeCredential (embedded
eddsa-rdfc-2022 proof and a VC-JWT), revocable through the status list."""

import logging
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import Evidence, Organization, Profile, User
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.models import Visibility
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_single_line
from capacityhub.taxonomy.selectors import capacity_label

from ..credentials import document as doc
from ..credentials.signing import jwt_encode, sign_data_integrity
from ..credentials.status import LIST_SIZE
from ..kinds import badge_image
from ..links import (
    HUB_ISSUER_NAME,
    absolute,
    absolute_static,
    hub_issuer_id,
    schema_url,
    status_list_url,
)
from ..models import Achievement, Award
from ..rules import RULE_KINDS

logger = logging.getLogger(__name__)


def issuer_profile(org: Organization | None) -> dict:
    """The hub's Profile, or an organization's issuing through the hub (parentOrg)."""
    hub = doc.profile(hub_issuer_id(), HUB_ISSUER_NAME, absolute("home"))
    if org is None:
        return hub
    return doc.profile(
        absolute("recognition-organization-issuer", org.slug),
        org.name,
        absolute("organization-detail", org.slug),
        parent=hub,
    )


def _achievement_document(achievement: Achievement) -> dict:
    alignments = [
        doc.alignment(
            code=c.code,
            name=capacity_label(c.pk, "en") or c.code,
            url=absolute("capacity-detail", c.code),
        )
        for c in achievement.capacities.all()
    ]
    return doc.achievement(
        achievement_id=absolute("achievement-detail", achievement.pk),
        name=achievement.name,
        description=achievement.description,
        criteria=achievement.criteria,
        image_url=absolute_static(badge_image(achievement.image)),
        creator=issuer_profile(achievement.organization),
        alignments=alignments,
    )


def build_credential(award: Award) -> dict:
    achievement = award.achievement
    user = award.recipient
    profile = Profile.objects.filter(user=user).first()
    private = profile is None or profile.capacities_visibility != Visibility.PUBLIC
    evidence = [
        {
            "id": absolute("credential-evidence", award.public_id, e.pk),
            "type": ["Evidence"],
            "name": f"{Evidence.Kind(e.kind).label}: {capacity_label(e.capacity_id, 'en')}",
        }
        for e in Evidence.objects.filter(pk__in=award.evidence_ids).order_by("pk")
    ]
    return doc.credential(
        credential_id=absolute("credential-json", award.public_id),
        name=achievement.name,
        issuer=issuer_profile(achievement.organization),
        valid_from=award.issued_at,
        valid_until=award.valid_until,
        credential_subject=doc.subject(
            profile_url=absolute("profile-detail", user.username),
            name=profile.display_name if profile else user.username,
            username=user.username,
            salt=award.subject_salt,
            private=private,
            achievement=_achievement_document(achievement),
            awarded=award.issued_at,
        ),
        evidence=evidence,
        schema_url=schema_url(),
        status_list_url=status_list_url(award.status_index // LIST_SIZE),
        status_index=award.status_index % LIST_SIZE,
    )


def _issue(*, achievement: Achievement, recipient: User, awarded_by, evidence_ids) -> Award:
    """Create and sign one award (caller holds the transaction). None if already awarded."""
    if Award.objects.filter(achievement=achievement, recipient=recipient).exists():
        return None
    now = timezone.now().replace(microsecond=0)
    award = Award(
        achievement=achievement,
        recipient=recipient,
        awarded_by=awarded_by,
        evidence_ids=sorted(evidence_ids),
        issued_at=now,
        valid_until=now + timedelta(days=achievement.valid_days)
        if achievement.valid_days
        else None,
        subject_salt=secrets.token_hex(8),
    )
    award.save()
    # The status list position is the row's own number: unique, never reused, no lock needed.
    award.status_index = award.pk
    signed = sign_data_integrity(build_credential(award))
    award.credential = signed
    award.jwt = jwt_encode(signed)
    award.save(update_fields=["status_index", "credential", "jwt"])
    audit_log(
        actor=awarded_by,
        action="recognition.award.issue",
        target=award,
        changes={"achievement": achievement.pk, "recipient": recipient.pk},
    )
    notify(
        recipient=recipient,
        subject=gettext_lazy("You earned the badge “%(badge)s”"),
        body=gettext_lazy("Download it for your wallet or share its verification page."),
        context={"badge": achievement.name},
        url=award.get_absolute_url(),
    )
    return award


@transaction.atomic
def award_by_hand(*, actor, achievement: Achievement, recipient: User) -> Award:
    require_member(actor)
    if not can_act_for(actor, organization=achievement.organization_id):
        raise PermissionDenied(_("Only staff, or the badge's organization's managers, award it."))
    errors = {}
    if recipient is None or not recipient.is_active:
        errors["recipient"] = _("Choose a member.")
    elif recipient.pk == actor.pk:
        errors["recipient"] = _("You cannot award a badge to yourself.")
    archived = Achievement.objects.filter(pk=achievement.pk, archived_at__isnull=False)
    if achievement.archived_at is not None or archived.exists():  # archived since it was read
        errors["achievement"] = _("This badge is no longer awarded.")
    if errors:
        raise ValidationError(errors)
    award = _issue(achievement=achievement, recipient=recipient, awarded_by=actor, evidence_ids=[])
    if award is None:
        raise ValidationError({"recipient": _("This person already holds this badge.")})
    return award


def awards_evaluate(*, profile_ids: list[int]) -> list[Award]:
    """Award every rule-based badge these people now meet (idempotent). Each award commits on
    its own, so one failing badge does not hold back the others."""
    issued = []
    achievements = Achievement.objects.filter(archived_at__isnull=True).exclude(rule_kind="")
    users = dict(Profile.objects.filter(pk__in=profile_ids).values_list("pk", "user_id"))
    for achievement in achievements.select_related("organization"):
        kind = RULE_KINDS.get(achievement.rule_kind)
        if kind is None:
            continue
        met = kind.evaluate(achievement.rule_params, list(users))
        holders = set(
            Award.objects.filter(
                achievement=achievement, recipient_id__in=users.values()
            ).values_list("recipient_id", flat=True)
        )
        for profile_id, evidence_ids in met.items():
            if users.get(profile_id) in holders:
                continue
            with transaction.atomic():
                recipient = User.objects.get(pk=users[profile_id])
                award = _issue(
                    achievement=achievement,
                    recipient=recipient,
                    awarded_by=None,
                    evidence_ids=evidence_ids,
                )
            if award is not None:
                issued.append(award)
    return issued


def on_evidence_recorded(evidence: list[Evidence]) -> None:
    """The evidence listener (registered in apps.py)."""
    profile_ids = sorted({e.profile_id for e in evidence if e.profile_id})
    if profile_ids:
        awards_evaluate(profile_ids=profile_ids)


@transaction.atomic
def award_revoke(*, actor, award: Award, reason: str) -> Award:
    """Staff or the badge's organization's managers revoke; the status list says so from the
    next request on."""
    require_member(actor)
    award = (
        Award.objects.select_for_update(of=("self",)).select_related("achievement").get(pk=award.pk)
    )
    if not can_act_for(actor, organization=award.achievement.organization_id):
        raise PermissionDenied(_("Only staff, or the badge's organization's managers, revoke it."))
    reason = clean_single_line(
        reason, field="reason", max_length=300, required=True, message=_("Say why it is revoked.")
    )
    if award.revoked_at is not None:
        raise ValidationError({"reason": _("This credential is already revoked.")})
    award.revoked_at = timezone.now()
    award.revoked_by = actor
    award.revocation_reason = reason
    award.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit_log(
        actor=actor, action="recognition.award.revoke", target=award, changes={"reason": reason}
    )
    return award


@transaction.atomic
def award_set_shown(*, actor, award: Award, shown: bool) -> Award:
    require_member(actor)
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.recipient_id != actor.pk:
        raise PermissionDenied(_("Only its earner can show or hide a badge on their profile."))
    award.shown_on_profile = bool(shown)
    award.save(update_fields=["shown_on_profile"])
    audit_log(
        actor=actor,
        action="recognition.award.show" if shown else "recognition.award.hide",
        target=award,
    )
    return award
