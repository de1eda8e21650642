"""People pages: the directory, a profile, and editing one's own profile and capacities.

Templates only ever see a ProfileView (community.selectors.profile_view), never a Profile, so
visibility is applied in exactly one place."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from capacityhub.community.models import Profile, Relation
from capacityhub.community.selectors import (
    profile_get,
    profile_list,
    profile_view,
    with_profile_details,
)
from capacityhub.community.services import (
    profile_ensure,
    profile_set_capacities,
    profile_set_languages,
    profile_update,
)
from capacityhub.core.models import Visibility
from capacityhub.exchange.selectors.first_visit import first_steps
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.community.forms_people import (
    ClaimFormSet,
    LanguageFormSet,
    PeopleFilterForm,
    ProfileForm,
)
from capacityhub.web.core.forms import NoticeForm, add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.core.pickers import capacity_picker_context, language_picker_context

RELATIONS = [Relation.KNOWS, Relation.OFFERS, Relation.WANTS]


def people(request):
    form = PeopleFilterForm(request.GET)
    profiles = Profile.objects.none()
    if form.is_valid():
        profiles = with_profile_details(profile_list(viewer=request.user, **form.filters()))
    page = Paginator(profiles, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    cards = [profile_view(profile, request.user) for profile in page.object_list]
    return render(
        request,
        "web/community/people.html",
        {"form": form, "page_obj": page, "cards": cards},
    )


def _claim_sections(view) -> list[dict]:
    """[{relation, label, claims: [(capacity id, code, level)]}] for what the viewer may see."""
    if view.claims is None:
        return []
    codes = {cid: code for code, cid in capacity_code_map().items()}
    return [
        {
            "relation": relation.value,
            "label": relation.label,
            "claims": [(cid, codes.get(cid), level) for cid, level in view.claims[relation]],
        }
        for relation in RELATIONS
    ]


def profile_detail(request, username: str):
    profile = object_or_404(profile_get, _("No such person."), username=username)
    view = profile_view(profile, request.user)
    visibility = {group: Visibility(level).label for group, level in view.visibility.items()}
    sections = _claim_sections(view)
    context = {
        "view": view,
        "sections": sections,
        "has_claims": any(section["claims"] for section in sections),
        "visibility": visibility,
    }
    if view.is_self:
        checklist = first_steps(user=request.user)
        context["checklist"] = checklist if checklist and not checklist.complete else None
    return render(request, "web/community/profile_detail.html", context)


@login_required
def profile_me(request):
    profile_ensure(user=request.user)
    return redirect("web:profile-detail", username=request.user.username)


def _profile_initial_languages(profile) -> list[dict]:
    return [
        {"language": pl.language, "proficiency": pl.proficiency} for pl in profile.languages.all()
    ]


@login_required
def profile_edit(request):
    profile = profile_ensure(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, initial=ProfileForm.initial_for(profile))
    languages = LanguageFormSet(
        data, initial=_profile_initial_languages(profile), prefix="languages"
    )
    if data is not None and form.is_valid() and languages.is_valid():
        try:
            # One save: a conflict or a bad language leaves both untouched.
            with transaction.atomic():
                profile_update(
                    actor=request.user,
                    profile=profile,
                    expected_version=form.cleaned_data["version"],
                    **form.changes(),
                )
                profile_set_languages(
                    actor=request.user, profile=profile, languages=languages.languages()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("web:profile-detail", username=request.user.username)
    context = {"form": form, "languages": languages, **language_picker_context()}
    return render(request, "web/community/profile_edit.html", context)


def _initial_claims(profile) -> dict[str, list[dict]]:
    codes = {cid: code for code, cid in capacity_code_map().items()}
    initial: dict[str, list[dict]] = {relation: [] for relation in RELATIONS}
    for claim in profile.claims.order_by("-level", "capacity_id"):
        if claim.capacity_id in codes:
            initial[claim.relation].append(
                {"capacity": codes[claim.capacity_id], "level": claim.level}
            )
    return initial


@login_required
def profile_capacities(request):
    profile = profile_ensure(user=request.user)
    data = request.POST if request.method == "POST" else None
    initial = _initial_claims(profile)
    formsets = [
        (relation, ClaimFormSet(data, initial=initial[relation], prefix=relation.value))
        for relation in RELATIONS
    ]
    form = NoticeForm()
    if data is not None and all(formset.is_valid() for _relation, formset in formsets):
        claims = [claim for relation, fs in formsets for claim in fs.claims(relation.value)]
        try:
            profile_set_capacities(actor=request.user, profile=profile, claims=claims)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Capacities saved."))
            return redirect("web:profile-detail", username=request.user.username)
    sections = [
        {"relation": relation.value, "label": relation.label, "formset": formset}
        for relation, formset in formsets
    ]
    context = {"form": form, "sections": sections, **capacity_picker_context()}
    return render(request, "web/community/profile_capacities.html", context)


urlpatterns = [
    path("people/", people, name="people"),
    path("people/<str:username>/", profile_detail, name="profile-detail"),
    path("me/", profile_me, name="profile-me"),
    path("me/edit/", profile_edit, name="profile-edit"),
    path("me/capacities/", profile_capacities, name="profile-capacities"),
]
