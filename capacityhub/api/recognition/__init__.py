"""The recognition API: barnstars (feed, give, hide, report, moderate), badges (list, define,
award by hand), credentials (download, verify, revoke, show on profile) and a verifier for any
credential posted to it (a forged or altered one: 422 with the reasons, nothing stored)."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from capacityhub.community.models import Organization, User
from capacityhub.recognition.credentials.verify import INVALID, verify
from capacityhub.recognition.models import Achievement, Award, Barnstar
from capacityhub.recognition.selectors import (
    achievement_get,
    achievement_list,
    award_get,
    awards_of,
    barnstar_feed,
    barnstar_get,
)
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import (
    award_by_hand,
    award_revoke,
    award_set_shown,
)
from capacityhub.recognition.services.badge_edits import achievement_archive, achievement_update
from capacityhub.recognition.services.barnstars import (
    barnstar_give,
    barnstar_moderate,
    barnstar_report,
    barnstar_set_hidden,
)
from capacityhub.taxonomy.models import Capacity

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    ErrorOut,
    IfMatch,
    ObjectId,
    Page,
    PageQuery,
    required_version,
)
from .schemas import (
    RecognitionAchievementIn,
    RecognitionAchievementOut,
    RecognitionAchievementPatch,
    RecognitionAwardIn,
    RecognitionAwardOut,
    RecognitionBarnstarIn,
    RecognitionBarnstarOut,
    RecognitionHiddenIn,
    RecognitionModerateIn,
    RecognitionReasonIn,
    RecognitionShownIn,
    RecognitionVerificationOut,
    RecognitionVerifyIn,
)

router = Router(tags=["recognition"])


def _name(user) -> str:
    return user.username


def _barnstar_out(b: Barnstar) -> dict:
    return {
        "id": b.pk,
        "kind": b.kind,
        "kind_label": b.get_kind_display(),
        "giver": _name(b.giver),
        "recipient": _name(b.recipient),
        "message": b.message,
        "capacity": b.capacity.code if b.capacity else None,
        "activity": b.activity,
        "created_at": b.created_at,
        "url": b.get_absolute_url(),
    }


def _achievement_out(a: Achievement) -> dict:
    return {
        "id": a.pk,
        "name": a.name,
        "description": a.description,
        "criteria": a.criteria,
        "image": a.image,
        "organization": a.organization.slug if a.organization else None,
        "capacities": [c.code for c in a.capacities.all()],
        "valid_days": a.valid_days,
        "rule_kind": a.rule_kind,
        "rule_params": a.rule_params,
        "version": a.version,
        "archived_at": a.archived_at,
        "url": a.get_absolute_url(),
    }


def _award_out(a: Award, *, private: bool = False) -> dict:
    return {
        "id": str(a.public_id),
        "achievement": a.achievement_id,
        "recipient": None if private else a.recipient.username,
        "issued_at": a.issued_at,
        "valid_until": a.valid_until,
        "revoked_at": a.revoked_at,
        "shown_on_profile": None if private else a.shown_on_profile,
        "verification_url": a.get_absolute_url(),
        "credential_url": reverse("web:credential-json", args=[a.public_id]),
        "jwt_url": reverse("web:credential-jwt", args=[a.public_id]),
    }


# Barnstars -------------------------------------------------------------------------------------


@router.get("/barnstars", response={200: Page[RecognitionBarnstarOut], **READ_ERRORS}, **READ)
def list_barnstars(request: HttpRequest, filters: Query[PageQuery]):
    """The public feed: barnstars neither hidden by their recipient nor by moderators."""
    items, count = paginate(barnstar_feed(viewer=request.user), filters.page, filters.page_size)
    return page_out(
        request, [_barnstar_out(b) for b in items], count, filters.page, filters.page_size
    )


@router.get(
    "/barnstars/{barnstar_id}", response={200: RecognitionBarnstarOut, **DETAIL_ERRORS}, **READ
)
def get_barnstar(request: HttpRequest, barnstar_id: ObjectId):
    return _barnstar_out(barnstar_get(viewer=request.user, pk=barnstar_id))


@router.post("/barnstars", response={201: RecognitionBarnstarOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def give_barnstar(request: HttpRequest, payload: RecognitionBarnstarIn):
    """Thank a member (not yourself; a daily limit per giver). The recipient is notified."""
    recipient = User.objects.filter(username=payload.recipient, is_active=True).first()
    if recipient is None:
        raise ValidationError({"recipient": _("There is no member “%s”.") % payload.recipient})
    capacity = None
    if payload.capacity:
        capacity = Capacity.objects.filter(code=payload.capacity).first()
        if capacity is None:
            raise ValidationError({"capacity": _("Unknown capacity “%s”.") % payload.capacity})
    barnstar = barnstar_give(
        actor=request.user,
        recipient=recipient,
        kind=payload.kind,
        message=payload.message,
        capacity=capacity,
        activity=payload.activity,
    )
    return Status(201, _barnstar_out(barnstar))


@router.post(
    "/barnstars/{barnstar_id}/hidden",
    response={200: RecognitionBarnstarOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def hide_barnstar(request: HttpRequest, barnstar_id: ObjectId, payload: RecognitionHiddenIn):
    """The recipient hides one (or shows it again)."""
    barnstar = barnstar_get(viewer=request.user, pk=barnstar_id)
    return _barnstar_out(
        barnstar_set_hidden(actor=request.user, barnstar=barnstar, hidden=payload.hidden)
    )


@router.post(
    "/barnstars/{barnstar_id}/reports", response={201: dict, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def report_barnstar(request: HttpRequest, barnstar_id: ObjectId, payload: RecognitionReasonIn):
    barnstar = barnstar_get(viewer=request.user, pk=barnstar_id)
    report = barnstar_report(actor=request.user, barnstar=barnstar, reason=payload.reason)
    return Status(201, {"id": report.pk})


@router.post(
    "/barnstars/{barnstar_id}/moderation",
    response={200: RecognitionBarnstarOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def moderate_barnstar(request: HttpRequest, barnstar_id: ObjectId, payload: RecognitionModerateIn):
    """Staff hide a barnstar for everyone (with a reason) or restore it."""
    barnstar = barnstar_get(viewer=request.user, pk=barnstar_id)
    return _barnstar_out(
        barnstar_moderate(
            actor=request.user, barnstar=barnstar, hide=payload.hide, reason=payload.reason
        )
    )


# Badges ----------------------------------------------------------------------------------------


@router.get("/badges", response={200: Page[RecognitionAchievementOut], **READ_ERRORS}, **READ)
def list_badges(request: HttpRequest, filters: Query[PageQuery]):
    items, count = paginate(achievement_list(), filters.page, filters.page_size)
    return page_out(
        request, [_achievement_out(a) for a in items], count, filters.page, filters.page_size
    )


@router.get(
    "/badges/{badge_id}", response={200: RecognitionAchievementOut, **DETAIL_ERRORS}, **READ
)
def get_badge(request: HttpRequest, badge_id: ObjectId):
    return _achievement_out(achievement_get(pk=badge_id))


@router.post("/badges", response={201: RecognitionAchievementOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def define_badge(request: HttpRequest, payload: RecognitionAchievementIn):
    """Staff define hub badges; an organization's managers define their organization's. A
    rule naming an unknown capacity is refused (422 on `rule_params`)."""
    organization = None
    if payload.organization:
        organization = Organization.objects.filter(slug=payload.organization).first()
        if organization is None:
            raise ValidationError(
                {"organization": _("Unknown organization “%s”.") % payload.organization}
            )
    data = payload.model_dump(exclude={"organization"})
    achievement = achievement_create(actor=request.user, organization=organization, **data)
    return Status(201, _achievement_out(achievement_get(pk=achievement.pk)))


NOT_NULL_BADGE = {"name", "description", "criteria", "image", "capacities", "rule_kind"}


@router.patch(
    "/badges/{badge_id}",
    response={200: RecognitionAchievementOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def edit_badge(
    request: HttpRequest,
    badge_id: ObjectId,
    payload: RecognitionAchievementPatch,
    if_match: IfMatch = None,
):
    """Staff, or the managers of the badge's organization. An archived badge: 422.

    Send the `version` you read (or `If-Match`): missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
    nulls = sorted(k for k, v in changes.items() if v is None and k in NOT_NULL_BADGE)
    if nulls:
        raise ValidationError({nulls[0]: _("This field cannot be empty.")})
    if changes.get("rule_params") is None:
        changes.pop("rule_params", None)
    achievement = achievement_get(pk=badge_id, include_archived=True)
    achievement_update(
        actor=request.user, achievement=achievement, expected_version=expected_version, **changes
    )
    return _achievement_out(achievement_get(pk=badge_id, include_archived=True))


@router.post(
    "/badges/{badge_id}/archive",
    response={200: RecognitionAchievementOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def archive_badge(request: HttpRequest, badge_id: ObjectId):
    """Retire a badge: awarded no more (by hand or rule); issued credentials stay valid.
    Already archived: 422."""
    achievement = achievement_get(pk=badge_id, include_archived=True)
    achievement_archive(actor=request.user, achievement=achievement)
    return _achievement_out(achievement_get(pk=badge_id, include_archived=True))


@router.post(
    "/badges/{badge_id}/awards",
    response={201: RecognitionAwardOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def award_badge(request: HttpRequest, badge_id: ObjectId, payload: RecognitionAwardIn):
    achievement = achievement_get(pk=badge_id)
    recipient = User.objects.filter(username=payload.recipient, is_active=True).first()
    if recipient is None:
        raise ValidationError({"recipient": _("There is no member “%s”.") % payload.recipient})
    award = award_by_hand(actor=request.user, achievement=achievement, recipient=recipient)
    return Status(201, _award_out(award))


# Credentials -----------------------------------------------------------------------------------


@router.get("/me/badges", response={200: list[RecognitionAwardOut], **READ_ERRORS}, auth=WRITE_AUTH)
def my_badges(request: HttpRequest):
    return [_award_out(a) for a in awards_of(viewer=request.user)[:500]]


@router.get(
    "/credentials/{credential_id}/verification",
    response={200: RecognitionVerificationOut, **DETAIL_ERRORS},
    **READ,
)
def credential_verification(request: HttpRequest, credential_id: str):
    """Valid, revoked or expired, with the checks performed (public)."""
    return verify(_award(credential_id).credential).as_json()


@router.post(
    "/credentials/{credential_id}/shown",
    response={200: RecognitionAwardOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def show_credential(request: HttpRequest, credential_id: str, payload: RecognitionShownIn):
    award = award_set_shown(actor=request.user, award=_award(credential_id), shown=payload.shown)
    return _award_out(award)


@router.post(
    "/credentials/{credential_id}/revoke",
    response={200: RecognitionAwardOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def revoke_credential(request: HttpRequest, credential_id: str, payload: RecognitionReasonIn):
    """Staff or the badge's organization's managers; the status list says so at once."""
    award = award_revoke(actor=request.user, award=_award(credential_id), reason=payload.reason)
    return _award_out(award)


@router.post(
    "/credentials/verify",
    response={200: RecognitionVerificationOut, 422: ErrorOut, 400: ErrorOut},
    **READ,
)
def verify_credential(request: HttpRequest, payload: RecognitionVerifyIn):
    """Verify a credential (with its embedded proof) or a VC-JWT. Invalid: 422 with the
    reasons; nothing is stored."""
    if (payload.credential is None) == (payload.jwt is None):
        raise ValidationError({"credential": _("Send either `credential` or `jwt`.")})
    token = payload.jwt
    result = verify(token=token) if token is not None else verify(payload.credential)
    if result.status == INVALID:
        raise ValidationError({"credential": result.reasons})
    return result.as_json()


def _award(credential_id: str) -> Award:
    try:
        public_id = uuid.UUID(credential_id)
    except ValueError:
        raise Http404(_("There is no such credential.")) from None
    return award_get(public_id=public_id)
