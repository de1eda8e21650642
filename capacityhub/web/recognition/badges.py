"""Badge pages: the list, defining one (staff, organization managers), a badge's page with
its holders and the award-by-hand form, and the earner's own badges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capacityhub.community.models import Organization, User
from capacityhub.community.selectors import organizations_managed_by
from capacityhub.recognition.selectors import (
    achievement_can_award,
    achievement_can_edit,
    achievement_get,
    achievement_list,
    awards_of,
    awards_of_achievement,
    may_define_achievements,
)
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .forms import AchievementForm, AwardForm

NO_BADGE = gettext_lazy("There is no such badge.")


@require_safe
def list_view(request):
    context = {
        "achievements": achievement_list()[:200],
        "may_define": may_define_achievements(request.user),
    }
    return render(request, "web/recognition/achievements.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create_view(request):
    if not may_define_achievements(request.user):
        raise PermissionDenied(_("Only staff and organization managers define badges."))
    organizations = list(organizations_managed_by(request.user))
    if request.user.is_staff:
        organizations = list(Organization.objects.all()[:500])
    form = AchievementForm(
        request.POST or None, organizations=organizations, staff=request.user.is_staff
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next((o for o in organizations if o.slug == data["organization"]), None)
        try:
            achievement = achievement_create(
                actor=request.user,
                organization=organization,
                **form.badge_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The badge is defined."))
            return redirect(achievement.get_absolute_url())
    status = 422 if form.errors else 200
    return render(request, "web/recognition/achievement_form.html", {"form": form}, status=status)


@require_safe
def detail_view(request, pk: int):
    achievement = object_or_404(achievement_get, NO_BADGE, pk=pk, include_archived=True)
    archived = achievement.archived_at is not None
    context = {
        "achievement": achievement,
        "awards": awards_of_achievement(viewer=request.user, achievement=achievement)[:200],
        "can_award": not archived and achievement_can_award(request.user, achievement),
        "can_edit": achievement_can_edit(request.user, achievement),
        "form": AwardForm(),
    }
    return render(request, "web/recognition/achievement.html", context)


@login_required
@require_POST
def award_view(request, pk: int):
    achievement = object_or_404(achievement_get, NO_BADGE, pk=pk)
    recipient = User.objects.filter(username=request.POST.get("recipient", "")).first()
    try:
        award = award_by_hand(actor=request.user, achievement=achievement, recipient=recipient)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(achievement.get_absolute_url())
    messages.success(request, _("The badge is awarded and its credential issued."))
    return redirect(award.get_absolute_url())


@login_required
@require_safe
def mine_view(request):
    return render(request, "web/recognition/mine.html", {"awards": awards_of(viewer=request.user)})
