"""Meetings and motions: the public record, and the officers' and members' actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.governance.models import Vote
from capacityhub.governance.selectors import (
    board_get,
    meeting_detail,
    meeting_get,
    motion_get,
    motion_votes,
    sees_board_drafts,
)
from capacityhub.governance.services import (
    agenda_item_add,
    attendance_record,
    meeting_create,
    minutes_publish,
    minutes_save,
    motion_close,
    motion_conflicts,
    motion_propose,
    subject_resolve,
    vote_cast,
)
from capacityhub.governance.services.common import is_officer, require_officer
from capacityhub.governance.services.meetings import seated_on
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .common import run
from .forms import AgendaItemForm, AttendanceForm, MeetingForm, MinutesForm, MotionForm, VoteForm

NO_MEETING = _("No such meeting.")


def _meeting(pk):
    return object_or_404(meeting_get, NO_MEETING, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug: str):
    board = object_or_404(board_get, _("No such board."), slug=slug)
    require_officer(request.user, board)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_create(actor=request.user, board=board, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect(meeting.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "web/governance/meeting_form.html", {"form": form, "board": board},
                  status=status)  # fmt: skip


def meeting_page(request, pk: int):
    meeting = _meeting(pk)
    officer = is_officer(request.user, meeting.board)
    context = {
        "meeting": meeting,
        **meeting_detail(meeting=meeting),
        "officer": officer,
        "drafts": sees_board_drafts(request.user, meeting.board),
    }
    if officer:
        seated = seated_on(meeting)
        present = [str(a.person_id) for a in context["attendance"] if a.present]
        context |= {
            "agenda_form": AgendaItemForm(),
            "attendance_form": AttendanceForm(initial={"present": present}, seated=seated),
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
            "motion_form": MotionForm(),
        }
    return render(request, "web/governance/meeting.html", context)


@login_required
@require_POST
def agenda_add(request, pk: int):
    meeting = _meeting(pk)
    data = {k: request.POST.get(k, "") for k in ("title", "paper_text", "paper_url")}
    return run(request, lambda: agenda_item_add(actor=request.user, meeting=meeting, **data),
               _("The item is on the agenda."), meeting.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def attendance(request, pk: int):
    meeting = _meeting(pk)
    present = [int(v) for v in request.POST.getlist("present") if v.isdigit() and len(v) < 18]
    return run(
        request, lambda: attendance_record(actor=request.user, meeting=meeting,
                                           present_ids=present),
        _("Attendance is recorded."), meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
@require_POST
def minutes(request, pk: int):
    meeting = _meeting(pk)
    text = request.POST.get("minutes", "")
    return run(request, lambda: minutes_save(actor=request.user, meeting=meeting, minutes=text),
               _("The draft minutes are saved."), meeting.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def minutes_approval(request, pk: int):
    """Put the draft minutes to the board's vote (a motion of kind "minutes")."""
    meeting = _meeting(pk)
    title = _("Approve the minutes of %(meeting)s") % {"meeting": meeting.title}
    return run(request, lambda: motion_propose(actor=request.user, meeting=meeting,
                                               kind="minutes", title=title[:200]),
               _("The minutes are before the board."), meeting.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def publish(request, pk: int):
    meeting = _meeting(pk)
    return run(request, lambda: minutes_publish(actor=request.user, meeting=meeting),
               _("The minutes are published."), meeting.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def motion_new(request, pk: int):
    meeting = _meeting(pk)
    fields = ("title", "text", "subject_type", "subject_id", "outcome")
    data = {k: request.POST.get(k, "") for k in fields}
    return run(request, lambda: motion_propose(actor=request.user, meeting=meeting, **data),
               _("The motion is open for votes."), meeting.get_absolute_url())  # fmt: skip


def motion_page(request, pk: int):
    motion = object_or_404(motion_get, _("No such motion."), pk=pk)
    board = motion.meeting.board
    votes = motion_votes(motion=motion, viewer=request.user)
    user = request.user
    own = Vote.objects.filter(motion=motion, voter=user).first() if user.is_authenticated else None
    conflicts = motion_conflicts(person=user, motion=motion) if user.is_authenticated else []
    context = {
        "motion": motion, "meeting": motion.meeting, "votes": votes, "own_vote": own,
        "conflicts": conflicts, "officer": is_officer(user, board),
        "may_vote": motion.is_open and own is None and getattr(user, "is_board_member", False),
        "vote_form": VoteForm(initial={"choice": "recused"} if conflicts else None),
        "sees_decision": sees_board_drafts(user, board),
        "subject_url": _subject_url(motion),
    }  # fmt: skip
    return render(request, "web/governance/motion.html", context)


def _subject_url(motion) -> str:
    """The page of what the motion decides on, when it has one."""
    if not motion.subject_type:
        return ""
    try:
        subject = subject_resolve(motion.subject_type, motion.subject_id)
    except ValidationError:
        return ""
    get_url = getattr(subject, "get_absolute_url", None)
    try:
        return get_url() if get_url else ""
    except NoReverseMatch:  # a subject whose page needs more than itself
        return ""


@login_required
@require_POST
def vote(request, pk: int):
    motion = object_or_404(motion_get, _("No such motion."), pk=pk)
    choice, reason = request.POST.get("choice", ""), request.POST.get("reason", "")
    return run(request, lambda: vote_cast(actor=request.user, motion=motion, choice=choice,
                                          reason=reason),
               _("Your vote is recorded."), motion.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def close(request, pk: int):
    motion = object_or_404(motion_get, _("No such motion."), pk=pk)
    if not is_officer(request.user, motion.meeting.board):
        raise PermissionDenied(_("Only the board's chair, its secretary or staff can do this."))
    return run(request, lambda: motion_close(actor=request.user, motion=motion),
               _("The votes are counted."), motion.get_absolute_url())  # fmt: skip


urlpatterns = [
    path("unit/boards/<slug:slug>/meetings/new/", meeting_new, name="governance-meeting-create"),
    path("unit/meetings/<int:pk>/", meeting_page, name="governance-meeting"),
    path("unit/meetings/<int:pk>/agenda/", agenda_add, name="governance-agenda-add"),
    path("unit/meetings/<int:pk>/attendance/", attendance, name="governance-attendance"),
    path("unit/meetings/<int:pk>/minutes/", minutes, name="governance-minutes"),
    path("unit/meetings/<int:pk>/minutes/approval/", minutes_approval,
         name="governance-minutes-approval"),
    path("unit/meetings/<int:pk>/minutes/publish/", publish, name="governance-minutes-publish"),
    path("unit/meetings/<int:pk>/motions/", motion_new, name="governance-motion-create"),
    path("unit/motions/<int:pk>/", motion_page, name="governance-motion"),
    path("unit/motions/<int:pk>/vote/", vote, name="governance-vote"),
    path("unit/motions/<int:pk>/close/", close, name="governance-motion-close"),
]  # fmt: skip
