"""Editing and archiving a badge (staff, or the managers of the organization that issues it)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.recognition.models import Achievement
from capacityhub.recognition.selectors import achievement_can_edit, achievement_get
from capacityhub.recognition.services.badge_edits import achievement_archive, achievement_update
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .forms import AchievementForm

NO_BADGE = gettext_lazy("There is no such badge.")


class AchievementEditForm(AchievementForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organization"]  # who issues a badge does not change


def _initial(achievement: Achievement) -> dict:
    params = achievement.rule_params or {}
    number = params.get("languages") or params.get("minimum")
    return {
        "version": achievement.version,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": achievement.criteria,
        "image": achievement.image,
        "capacities": [c.code for c in achievement.capacities.all()],
        "valid_days": achievement.valid_days,
        "rule_kind": achievement.rule_kind,
        "rule_evidence_kind": params.get("kind", ""),
        "rule_source_model": params.get("source_model", ""),
        "rule_capacity": params.get("capacity", ""),
        "rule_number": number,
        "rule_programme": params.get("programme"),
        "rule_stage": params.get("stage"),
    }


def _editable(request, pk: int) -> Achievement:
    achievement = object_or_404(achievement_get, NO_BADGE, pk=pk, include_archived=True)
    if not achievement_can_edit(request.user, achievement):
        raise PermissionDenied(_("Only staff, or the badge's organization's managers, edit it."))
    return achievement


@login_required
@require_http_methods(["GET", "POST"])
def edit_view(request, pk: int):
    achievement = _editable(request, pk)
    staff = request.user.is_staff
    if request.method == "POST":
        form = AchievementEditForm(request.POST, staff=staff)
    else:
        form = AchievementEditForm(initial=_initial(achievement), staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            achievement_update(
                actor=request.user,
                achievement=achievement,
                expected_version=form.cleaned_data["version"],
                **form.badge_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The badge is saved."))
            return redirect(achievement.get_absolute_url())
    context = {"form": form, "achievement": achievement}
    status = 422 if form.errors else 200
    return render(request, "web/recognition/achievement_edit.html", context, status=status)


@login_required
@require_POST
def archive_view(request, pk: int):
    achievement = _editable(request, pk)
    try:
        achievement_archive(actor=request.user, achievement=achievement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The badge is archived: it is awarded no more; issued ones stay valid.")
        )
    return redirect(achievement.get_absolute_url())
