"""One mentorship: why this mentor, goals, meetings (private to the pair), and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from capacityhub.mentoring.rules import mentorship_is_party
from capacityhub.mentoring.selectors import mentorship_get, mentorship_meetings
from capacityhub.mentoring.services import (
    meeting_log,
    mentorship_accept,
    mentorship_complete,
    mentorship_end,
    mentorship_fit_check,
    mentorship_move,
)
from capacityhub.web.core.lookup import object_or_404

from .common import flash_errors
from .forms import MeetingForm, ReasonForm


@login_required
def mentorship_detail(request, pk: int):
    mentorship = object_or_404(mentorship_get, _("No such mentorship."), viewer=request.user, pk=pk)
    user = request.user
    context = {
        "mentorship": mentorship,
        "meetings": list(mentorship_meetings(viewer=user, mentorship=mentorship)),
        "is_party": mentorship_is_party(user, mentorship),
        "is_mentor": user.pk == mentorship.mentor_id,
        "is_mentee": user.pk == mentorship.mentee_id,
        "meeting_form": MeetingForm(),
        "reason_form": ReasonForm(),
        "live": mentorship.status in mentorship.LIVE,
    }
    return render(request, "web/mentoring/mentorship_detail.html", context)


def _run(request, mentorship, action: str):
    post = request.POST
    if action == "accept":
        return mentorship_accept(actor=request.user, mentorship=mentorship)
    if action == "meeting":
        form = MeetingForm(post)
        if not form.is_valid():
            raise ValidationError({"met_on": _("Give the date of the meeting.")})
        return meeting_log(actor=request.user, mentorship=mentorship, **form.cleaned_data)
    if action == "fit":
        return mentorship_fit_check(
            actor=request.user, mentorship=mentorship, good_fit=post.get("good_fit") == "yes"
        )
    if action == "complete":
        return mentorship_complete(actor=request.user, mentorship=mentorship)
    if action == "end":
        return mentorship_end(
            actor=request.user, mentorship=mentorship, reason=post.get("reason", "")
        )
    if action == "move":
        return mentorship_move(actor=request.user, mentorship=mentorship, to=post.get("to", ""))
    raise Http404(_("No such action."))


DONE = {
    "accept": gettext_lazy("You accepted; say hello and plan a first meeting."),
    "meeting": gettext_lazy("The meeting is logged."),
    "fit": gettext_lazy("Thank you for telling us."),
    "complete": gettext_lazy("The mentorship is completed; it now shows on both profiles."),
    "end": gettext_lazy("The mentorship is ended."),
    "move": gettext_lazy("The mentorship is moved."),
}


@login_required
@require_POST
def mentorship_action(request, pk: int, action: str):
    mentorship = object_or_404(mentorship_get, _("No such mentorship."), viewer=request.user, pk=pk)
    try:
        result = _run(request, mentorship, action)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(mentorship)
    messages.success(request, str(DONE[action]))
    if action in ("move", "fit") and result is not None and hasattr(result, "mentor_id"):
        return redirect(result)
    return redirect(mentorship)


urlpatterns = [
    path("mentoring/mentorships/<int:pk>/", mentorship_detail, name="mentoring-mentorship"),
    path(
        "mentoring/mentorships/<int:pk>/<slug:action>/",
        mentorship_action,
        name="mentoring-mentorship-action",
    ),
]
