"""Organization pages: directory, detail, create, edit, members."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from capacityhub.community.models import Membership, Organization, Relation
from capacityhub.community.selectors import (
    can_act_for,
    organization_get,
    organization_list,
    organization_members,
    with_organization_details,
)
from capacityhub.community.services import (
    membership_remove,
    membership_set,
    organization_create,
    organization_set_capacities,
    organization_set_languages,
    organization_update,
)
from capacityhub.taxonomy.selectors import capacity_code_map
from capacityhub.web.community.forms_organizations import (
    CapacityFormSet,
    MemberAddForm,
    MemberChangeForm,
    OrganizationFilterForm,
    OrganizationForm,
    capacity_initial,
)
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.templatetags.hub import capacity_label


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that (visible) field, otherwise at the top of the form. Keys like "languages.xx" go to
    "languages"; "capacities.<code>" errors name the capacity."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, errors in error.error_dict.items():
        messages_ = [message for e in errors for message in e.messages]
        field, _dot, detail = key.partition(".")
        if field in form.fields and not form.fields[field].widget.is_hidden:
            form.add_error(field, messages_)
        elif field == "capacities" and detail:
            label = capacity_label(capacity_code_map().get(detail)) or detail
            form.add_error(None, [f"{label}: {message}" for message in messages_])
        else:
            form.add_error(None, messages_)


def _organization_or_404(slug: str) -> Organization:
    return object_or_404(organization_get, _("No such organization."), slug=slug)


def _editable_organization_or_403(request, slug: str) -> Organization:
    organization = _organization_or_404(slug)
    if not can_act_for(request.user, organization=organization):
        raise PermissionDenied(_("Only this organization's managers and staff can change it."))
    return organization


def organization_directory(request):
    form = OrganizationFilterForm(request.GET)
    organizations = with_organization_details(organization_list(**form.filters()))
    page_obj = Paginator(organizations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    language = get_language()
    for organization in page_obj.object_list:
        organization.display_name = organization.localized_name(language)
        offers = [c for c in organization.claims.all() if c.relation == Relation.OFFERS]
        organization.top_offers = offers[:3]
    return render(
        request,
        "web/organizations/list.html",
        {"form": form, "page_obj": page_obj, "organizations": page_obj.object_list},
    )


def organization_detail(request, slug: str):
    organization = _organization_or_404(slug)
    claims = list(organization.claims.all())
    members = organization_members(organization=organization, viewer=request.user)
    context = {
        "organization": organization,
        "display_name": organization.localized_name(get_language()),
        "offers": [c for c in claims if c.relation == Relation.OFFERS],
        "wants": [c for c in claims if c.relation == Relation.WANTS],
        "managers": [m for m in members if m.role == Membership.Role.MANAGER],
        "members": [m for m in members if m.role != Membership.Role.MANAGER],
        "can_edit": can_act_for(request.user, organization=organization),
    }
    return render(request, "web/organizations/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_new(request):
    form = OrganizationForm(request.POST or None, editing=False)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                organization = organization_create(actor=request.user, **form.organization_fields())
                organization_set_languages(
                    actor=request.user,
                    organization=organization,
                    languages=form.cleaned_data["languages"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organization was created. You manage it."))
            return redirect("web:organization-detail", slug=organization.slug)
    return render(request, "web/organizations/form.html", {"form": form, "creating": True})


def _save_organization(request, organization, form, formset) -> None:
    """All three writes succeed together or not at all."""
    with transaction.atomic():
        organization_update(
            actor=request.user,
            organization=organization,
            expected_version=form.cleaned_data["version"],
            **form.organization_fields(),
        )
        organization_set_languages(
            actor=request.user, organization=organization, languages=form.cleaned_data["languages"]
        )
        organization_set_capacities(
            actor=request.user, organization=organization, claims=formset.claims()
        )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, slug: str):
    organization = _editable_organization_or_403(request, slug)
    if request.method == "POST":
        form = OrganizationForm(request.POST)
        formset = CapacityFormSet(request.POST, prefix="capacities")
        if form.is_valid() and formset.is_valid():
            try:
                _save_organization(request, organization, form, formset)
            except ValidationError as error:
                add_service_errors(form, error)
                organization = _organization_or_404(slug)  # the in-memory copy was changed
            else:
                messages.success(request, _("The organization was saved."))
                return redirect("web:organization-detail", slug=organization.slug)
    else:
        form = OrganizationForm(initial=OrganizationForm.initial_for(organization))
        formset = CapacityFormSet(initial=capacity_initial(organization), prefix="capacities")
    context = {"form": form, "formset": formset, "organization": organization}
    return render(request, "web/organizations/form.html", context)


def _find_user(username: str):
    # Only for resolving the typed username; what a manager may do with it is the service's.
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _change_member(request, organization) -> None:
    form = MemberChangeForm(request.POST)
    person = _find_user(request.POST.get("username", "")) if form.is_valid() else None
    if person is None:
        messages.error(request, _("This person is not a member."))
        return
    if "remove" in request.POST:
        membership_remove(actor=request.user, organization=organization, user=person)
        messages.success(request, _("%(name)s was removed.") % {"name": person.username})
    else:
        role = form.cleaned_data["role"]
        membership_set(actor=request.user, organization=organization, user=person, role=role)
        messages.success(request, _("%(name)s's role was changed.") % {"name": person.username})


def _add_member(request, organization, form) -> bool:
    if not form.is_valid():
        return False
    person = _find_user(form.cleaned_data["username"])
    if person is None:
        form.add_error(
            "username", _("No one has the username “%s”.") % form.cleaned_data["username"]
        )
        return False
    try:
        membership_set(
            actor=request.user,
            organization=organization,
            user=person,
            role=form.cleaned_data["role"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, _("%(name)s was added.") % {"name": person.username})
    return True


@login_required
@require_http_methods(["GET", "POST"])
def organization_members_page(request, slug: str):
    organization = _editable_organization_or_403(request, slug)
    add_form = MemberAddForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        if request.POST.get("action") == "add":
            if _add_member(request, organization, add_form):
                return redirect("web:organization-members", slug=slug)
        else:
            try:
                _change_member(request, organization)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            return redirect("web:organization-members", slug=slug)
    context = {
        "organization": organization,
        "memberships": organization_members(organization=organization, viewer=request.user),
        "add_form": add_form,
        "roles": MemberChangeForm.base_fields["role"].choices,
    }
    return render(request, "web/organizations/members.html", context)


urlpatterns = [
    path("organizations/", organization_directory, name="organization-list"),
    path("organizations/new/", organization_new, name="organization-create"),
    path("organizations/<slug:slug>/", organization_detail, name="organization-detail"),
    path("organizations/<slug:slug>/edit/", organization_edit, name="organization-edit"),
    path(
        "organizations/<slug:slug>/members/",
        organization_members_page,
        name="organization-members",
    ),
]
