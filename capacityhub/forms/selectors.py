"""Reads for forms: current version, who may edit a form, who may download an answer's file."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from capacityhub.community.selectors import can_act_for

from .models import Form, FormVersion, Response, ResponseFile

# Other apps (review) add rules such as "an assigned, non-conflicted reviewer of the
# application that holds this response may read its files". Each returns True to allow.
FileViewRule = Callable[[object, ResponseFile], bool]
_file_view_rules: list[FileViewRule] = []


def register_file_view_rule(rule: FileViewRule) -> None:
    """Call from an AppConfig.ready(); registering the same rule twice is harmless."""
    if rule not in _file_view_rules:
        _file_view_rules.append(rule)


def form_current_version(form: Form) -> FormVersion | None:
    return form.versions.order_by("-number").first()


def form_can_edit(*, form: Form, user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    if form.owner_organization_id is None:
        return False
    return can_act_for(user, organization=form.owner_organization)


def form_list(*, user) -> QuerySet[Form]:
    """The forms this person may build: all for staff, their organizations' for managers."""
    if not getattr(user, "is_authenticated", False):
        return Form.objects.none()
    forms = Form.objects.select_related("owner_organization")
    if user.is_staff:
        return forms
    from capacityhub.community.selectors import organizations_managed_by

    return forms.filter(owner_organization__in=organizations_managed_by(user))


def response_can_view(user, response: Response) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or response.respondent_id == user.pk


def response_file_can_view(user, file: ResponseFile) -> bool:
    """The respondent, staff, or whoever a registered rule allows (e.g. review's reviewers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or file.response.respondent_id == user.pk:
        return True
    return any(rule(user, file) for rule in _file_view_rules)


def may_build_forms(user) -> bool:
    """Staff, and managers of at least one organization."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    from capacityhub.community.selectors import organizations_managed_by

    return organizations_managed_by(user).exists()


def form_versions(form: Form) -> QuerySet[FormVersion]:
    from django.db.models import Count

    return form.versions.annotate(
        question_count=Count("questions", distinct=True),
        response_count=Count("responses", distinct=True),
    ).order_by("-number")


def version_get(*, form: Form, number: int | None = None) -> FormVersion:
    """A version of the form (the current one when `number` is None); DoesNotExist if none."""
    versions = form.versions.order_by("-number")
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.first()
    if version is None:
        raise FormVersion.DoesNotExist
    return version


def response_file_get(*, pk: int) -> ResponseFile:
    return ResponseFile.objects.select_related("response").get(pk=pk)
