"""A mentorship's life: proposed → accepted → active → completed, or ended early with a
reason; meetings (notes private to the pair); the fit check after the first meeting; moving to
the backup (or a new mentor) when the mentor is away; evidence at completion."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.evidence import EvidenceItem, evidence_record_many, evidence_source
from capacityhub.community.models import Evidence, Profile
from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_multiline
from capacityhub.taxonomy.selectors import taxonomy_tree

from ..assignment import explain, pick_one
from ..models import MenteeRequest, Mentorship
from ..pool import conflicts_between, mentee_spec, mentor_pool
from ..rules import mentorship_is_party
from .common import clean_date, require
from .pairing import _create, mentorship_end_for

Status = Mentorship.Status


def _locked(mentorship: Mentorship) -> Mentorship:
    return Mentorship.objects.select_for_update().get(pk=mentorship.pk)


def _party(actor, mentorship: Mentorship) -> None:
    require(mentorship_is_party(actor, mentorship), actor, _("Only the mentor and mentee can."))


@transaction.atomic
def mentorship_accept(*, actor, mentorship: Mentorship) -> Mentorship:
    mentorship = _locked(mentorship)
    require(actor.pk == mentorship.mentor_id, actor, _("Only the proposed mentor accepts."))
    if mentorship.status != Status.PROPOSED:
        raise ValidationError({"status": _("Only a proposed mentorship can be accepted.")})
    mentorship.status = Status.ACCEPTED
    mentorship.last_activity_at = timezone.now()
    mentorship.save(update_fields=["status", "last_activity_at"])
    audit_log(actor=actor, action="mentoring.mentorship.accept", target=mentorship)
    return mentorship


@transaction.atomic
def meeting_log(*, actor, mentorship: Mentorship, met_on: dt.date, notes: str = ""):
    """Log a meeting; the first one makes an accepted mentorship active."""
    mentorship = _locked(mentorship)
    _party(actor, mentorship)
    if mentorship.status not in (Status.ACCEPTED, Status.ACTIVE):
        raise ValidationError({"status": _("Meetings are logged once the mentor accepted.")})
    met_on = clean_date(met_on, "met_on")
    if met_on > timezone.localdate():
        raise ValidationError({"met_on": _("The meeting date cannot be in the future.")})
    meeting = mentorship.meetings.create(
        met_on=met_on,
        notes=clean_multiline(notes, field="notes", max_length=8000),
        logged_by=actor,
    )
    mentorship.status = Status.ACTIVE
    mentorship.last_activity_at = timezone.now()
    mentorship.save(update_fields=["status", "last_activity_at"])
    audit_log(actor=actor, action="mentoring.meeting.log", target=mentorship)
    return meeting


@transaction.atomic
def mentorship_fit_check(*, actor, mentorship: Mentorship, good_fit: bool):
    """After the first meeting the mentee says whether it is a good fit; "no" ends the pair
    (without blame) and offers a new mentor. Returns the new mentorship, if one was found."""
    mentorship = _locked(mentorship)
    require(actor.pk == mentorship.mentee_id, actor, _("Only the mentee answers this."))
    if mentorship.status != Status.ACTIVE or mentorship.fit_ok is not None:
        raise ValidationError({"good_fit": _("The fit check is asked once, after a meeting.")})
    mentorship.fit_ok = bool(good_fit)
    mentorship.save(update_fields=["fit_ok"])
    audit_log(
        actor=actor,
        action="mentoring.mentorship.fit",
        target=mentorship,
        changes={"good_fit": bool(good_fit)},
    )
    if good_fit:
        return None
    mentorship_end_for(mentorship, _("Not a good fit; the mentee asked for another mentor."))
    return _repair(actor, mentorship)


@transaction.atomic
def mentorship_move(*, actor, mentorship: Mentorship, to: str) -> Mentorship | None:
    """Move a mentee away from their mentor (away, or any reason): to their backup mentor,
    or to a new assignment. The mentee or staff decide."""
    mentorship = _locked(mentorship)
    if actor.pk != mentorship.mentee_id:
        require(actor.is_staff, actor, _("Only the mentee or staff can move the mentorship."))
    if mentorship.status not in Mentorship.LIVE:
        raise ValidationError({"to": _("This mentorship has ended.")})
    if to == "backup":
        if mentorship.backup_id is None:
            raise ValidationError({"to": _("There is no backup mentor.")})
        mentorship_end_for(mentorship, _("Moved to the backup mentor."))
        moved = _create(
            actor,
            mentorship.request or _request_of(mentorship),
            mentorship.backup_id,
            cohort=mentorship.cohort,
            explanation=mentorship.explanation,
        )
        moved.status = Status.ACCEPTED
        moved.save(update_fields=["status"])
        return moved
    if to != "new":
        raise ValidationError({"to": _("Choose the backup mentor or a new one.")})
    mentorship_end_for(mentorship, _("The mentee asked for a new mentor."))
    return _repair(actor, mentorship)


def _request_of(mentorship: Mentorship) -> MenteeRequest:
    request = MenteeRequest.objects.create(
        user_id=mentorship.mentee_id, languages=[], status=MenteeRequest.Status.ASSIGNED
    )
    request.capacities.set(mentorship.goals.all())
    return request


def _repair(actor, mentorship: Mentorship) -> Mentorship | None:
    """A new mentor for the same goals, excluding every earlier mentor; when none fits the
    request goes back to the staff queue."""
    request = mentorship.request or _request_of(mentorship)
    MenteeRequest.objects.filter(pk=request.pk).update(status=MenteeRequest.Status.OPEN)
    request.refresh_from_db()
    specs = [spec for _profile, spec in mentor_pool()]
    excluded = {mentor for _r, mentor in conflicts_between([request], [s.id for s in specs])}
    excluded |= set(
        Mentorship.objects.filter(mentee_id=mentorship.mentee_id).values_list(
            "mentor_id", flat=True
        )
    )
    tree = taxonomy_tree()
    mentee = mentee_spec(request)
    picked = pick_one(mentee, specs, tree, excluded=excluded)
    if picked is None:
        return None
    mentor = next(s for s in specs if s.id == picked[0])
    return _create(
        actor,
        request,
        mentor.id,
        cohort=mentorship.cohort,
        explanation=explain(mentee, mentor, tree),
    )


@transaction.atomic
def mentorship_complete(*, actor, mentorship: Mentorship) -> Mentorship:
    """Complete an active mentorship: the mentor TAUGHT and the mentee LEARNED each goal."""
    mentorship = _locked(mentorship)
    _party(actor, mentorship)
    if mentorship.status != Status.ACTIVE:
        raise ValidationError({"status": _("Only an active mentorship can be completed.")})
    mentorship.status = Status.COMPLETED
    mentorship.ended_at = timezone.now()
    mentorship.save(update_fields=["status", "ended_at"])
    profiles = Profile.objects.in_bulk(
        [mentorship.mentor_id, mentorship.mentee_id], field_name="user_id"
    )
    source, today = evidence_source(mentorship), timezone.localdate()
    items = [
        EvidenceItem(
            capacity=goal, kind=kind, source=source, occurred_on=today, profile=profiles[user_id]
        )
        for goal in mentorship.goals.all()
        for kind, user_id in (
            (Evidence.Kind.TAUGHT, mentorship.mentor_id),
            (Evidence.Kind.LEARNED, mentorship.mentee_id),
        )
        if user_id in profiles
    ]
    evidence_record_many(items=items, confirmed_by=actor)
    audit_log(actor=actor, action="mentoring.mentorship.complete", target=mentorship)
    return mentorship


@transaction.atomic
def mentorship_end(*, actor, mentorship: Mentorship, reason: str) -> Mentorship:
    """End early (or decline a proposal), with a reason; staff may too."""
    mentorship = _locked(mentorship)
    if not mentorship_is_party(actor, mentorship):
        require(actor.is_staff, actor, _("Only the mentor, the mentee or staff can."))
    if mentorship.status not in Mentorship.LIVE:
        raise ValidationError({"status": _("This mentorship has already ended.")})
    reason = clean_multiline(
        reason,
        field="reason",
        max_length=2000,
        required=True,
        message=_("Say why the mentorship ends."),
    )
    mentorship_end_for(mentorship, reason)
    audit_log(actor=actor, action="mentoring.mentorship.end", target=mentorship)
    return mentorship
