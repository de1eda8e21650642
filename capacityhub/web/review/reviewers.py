"""A reviewer's queue and the scoring page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from capacityhub.review.selectors import application_for_reviewer, reviewer_queue
from capacityhub.review.services import review_save
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.forms.rendering import answers_for_display

from .common import assignment_or_404, reader_language
from .forms import NA, ScoreForm


@login_required
def queue(request):
    return render(
        request,
        "web/review/queue.html",
        {"assignments": reviewer_queue(user=request.user), "language": reader_language()},
    )


def _initial(review) -> dict:
    if review is None:
        return {}
    initial = {"overall_comment": review.overall_comment}
    for key, value in review.scores.items():
        initial[f"score_{key}"] = NA if value is None else str(value)
    for key, text in review.comments.items():
        initial[f"comment_{key}"] = text
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk: int):
    assignment = assignment_or_404(pk)
    if assignment.reviewer_id != request.user.pk or assignment.removed_at is not None:
        raise PermissionDenied(_("You are not assigned to review this application."))
    # Refuses (403, with the reason) anyone not assigned, and any conflicted reviewer.
    view = application_for_reviewer(user=request.user, application=assignment.application)
    language = reader_language()
    call = assignment.application.call
    criteria = list(call.criteria.all())
    review = (
        getattr(view.assignment, "review", None) if hasattr(view.assignment, "review") else None
    )
    data = (
        request.POST if request.method == "POST" and not (review and review.is_submitted) else None
    )
    form = ScoreForm(data, criteria=criteria, language=language, initial=_initial(review))
    if data is not None and form.is_valid():
        scores, comments = form.payload()
        try:
            review_save(actor=request.user, assignment=view.assignment, scores=scores,
                        comments=comments, overall_comment=form.cleaned_data["overall_comment"],
                        submit="submit" in request.POST)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("web:review-score", pk=assignment.pk)
    answers = []
    application = view.application
    if application.response_id and not view.blind:
        answers = answers_for_display(version=application.response.version,
                                      response=application.response, language=language)  # fmt: skip
    context = {"view": view, "call": call, "form": form, "review": review, "answers": answers,
               "criteria": criteria, "language": language}  # fmt: skip
    status = 400 if data is not None and form.errors else 200
    return render(request, "web/review/score.html", context, status=status)


urlpatterns = [
    path("reviews/", queue, name="review-queue"),
    path("reviews/<int:pk>/", score, name="review-score"),
]
