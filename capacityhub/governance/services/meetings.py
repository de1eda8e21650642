"""Meetings: the agenda and its papers, attendance, and minutes (drafted → approved by a vote of
the board → published). The chair, the secretary and staff run them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_multiline, clean_single_line

from ..models import AgendaItem, Attendance, Board, Meeting, Term
from .common import require_officer


@transaction.atomic
def meeting_create(
    *, actor, board: Board, title: str, starts_at: dt.datetime, location: str = ""
) -> Meeting:
    require_officer(actor, board)
    title = clean_single_line(title, field="title", max_length=200, required=True)
    location = clean_single_line(location, field="location", max_length=200)
    if not isinstance(starts_at, dt.datetime) or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time, with its time zone.")})
    meeting = Meeting.objects.create(
        board=board, title=title, starts_at=starts_at, location=location, created_by=actor
    )
    audit_log(actor=actor, action="governance.meeting.create", target=meeting)
    return meeting


def _paper_url(value: str) -> str:
    value = clean_single_line(value, field="paper_url", max_length=500)
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError:
            raise ValidationError({"paper_url": _("Give a web address (https://…).")}) from None
    return value


@transaction.atomic
def agenda_item_add(
    *, actor, meeting: Meeting, title: str, paper_text: str = "", paper_url: str = ""
) -> AgendaItem:
    require_officer(actor, meeting.board)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status in (Meeting.Minutes.APPROVED, Meeting.Minutes.PUBLISHED):
        raise ValidationError({"title": _("The minutes are approved; the agenda is closed.")})
    item = AgendaItem(
        meeting=meeting,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        paper_text=clean_multiline(paper_text, field="paper_text", max_length=20000),
        paper_url=_paper_url(paper_url),
        position=meeting.agenda.count() + 1,
    )
    item.save()
    audit_log(actor=actor, action="governance.agenda.add", target=meeting,
              changes={"item": item.pk, "title": item.title})  # fmt: skip
    return item


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, present_ids: list[int]) -> list[Attendance]:
    """Who came: everyone holding a term on the meeting's day, each present or absent."""
    require_officer(actor, meeting.board)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status in (Meeting.Minutes.APPROVED, Meeting.Minutes.PUBLISHED):
        raise ValidationError({"present": _("The minutes are approved; attendance is final.")})
    from .common import current_terms

    day = timezone.localdate(meeting.starts_at)
    seated = set(current_terms(board=meeting.board, day=day).values_list("person_id", flat=True))
    unknown = set(present_ids) - seated
    if unknown:
        raise ValidationError({"present": _("Only people holding a term can attend.")})
    rows = []
    for person_id in sorted(seated):
        row, _created = Attendance.objects.update_or_create(
            meeting=meeting, person_id=person_id, defaults={"present": person_id in present_ids}
        )
        rows.append(row)
    audit_log(actor=actor, action="governance.attendance", target=meeting,
              changes={"present": sorted(present_ids)})  # fmt: skip
    return rows


@transaction.atomic
def minutes_save(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    require_officer(actor, meeting.board)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status not in (Meeting.Minutes.NONE, Meeting.Minutes.DRAFT):
        raise ValidationError({"minutes": _("Approved minutes cannot be changed.")})
    meeting.minutes = clean_multiline(minutes, field="minutes", max_length=40000, required=True)
    meeting.minutes_status = Meeting.Minutes.DRAFT
    meeting.save(update_fields=["minutes", "minutes_status"])
    audit_log(actor=actor, action="governance.minutes.draft", target=meeting)
    return meeting


@transaction.atomic
def minutes_publish(*, actor, meeting: Meeting) -> Meeting:
    require_officer(actor, meeting.board)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status != Meeting.Minutes.APPROVED:
        raise ValidationError({"minutes": _("Only minutes the board approved can be published.")})
    meeting.minutes_status = Meeting.Minutes.PUBLISHED
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_status", "minutes_published_at"])
    audit_log(actor=actor, action="governance.minutes.publish", target=meeting)
    return meeting


def seated_on(meeting: Meeting) -> list[Term]:
    from .common import current_terms

    day = timezone.localdate(meeting.starts_at)
    return list(current_terms(board=meeting.board, day=day).select_related("person"))
