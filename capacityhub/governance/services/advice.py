"""Advice: a member (an affiliate's organizer, say) asks the unit a capacity-building question;
it is routed to the board members and advisors whose capacities are nearest (routing.py),
answered by one of them, and published only when the requester agrees."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import CapacityClaim, ProfileLanguage
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_languages, clean_multiline, clean_single_line
from capacityhub.taxonomy.selectors import taxonomy_tree
from capacityhub.taxonomy.validation import resolve_capacities

from ..models import OFFICER_ROLES, AdviceRequest, AdviceRoute
from ..routing import Adviser, route
from .common import current_terms

ADVICE_ROUTED = gettext_lazy("A capacity-building question for you: %(title)s")
ADVICE_ANSWERED = gettext_lazy("Your question was answered: %(title)s")


def _advisers() -> list[Adviser]:
    """Everyone holding a current term (advisors included), with what they know and speak."""
    people = set(current_terms().values_list("person_id", flat=True))
    claims: dict[int, set[int]] = {p: set() for p in people}
    for user_id, capacity_id in CapacityClaim.objects.filter(
        profile__user_id__in=people, relation__in=["knows", "offers"]
    ).values_list("profile__user_id", "capacity_id"):
        claims[user_id].add(capacity_id)
    spoken: dict[int, dict[str, int]] = {p: {} for p in people}
    for user_id, code, level in ProfileLanguage.objects.filter(
        profile__user_id__in=people
    ).values_list("profile__user_id", "language", "proficiency"):
        spoken[user_id][code] = level
    return [Adviser(p, frozenset(claims[p]), spoken[p]) for p in sorted(people)]


def _route(request: AdviceRequest, capacity_ids: list[int]) -> list[int]:
    routed = route(capacity_ids, request.languages, _advisers(), taxonomy_tree())
    if not routed:  # nobody near: the officers see it, so no question is left unread
        officers = current_terms().filter(role__in=OFFICER_ROLES)
        routed = [(p, 0.0) for p in officers.values_list("person_id", flat=True)]
    AdviceRoute.objects.bulk_create(
        AdviceRoute(request=request, adviser_id=user_id, score=score) for user_id, score in routed
    )
    return [user_id for user_id, _score in routed]


@transaction.atomic
def advice_request(
    *, actor, title: str, question: str, capacities, languages=(), organization=None
) -> AdviceRequest:
    require_member(actor)
    if organization is not None and not can_act_for(actor, organization=organization):
        raise PermissionDenied(_("You can ask for an organization only if you manage it."))
    request = AdviceRequest(
        requester=actor,
        organization=organization,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        question=clean_multiline(question, field="question", max_length=8000, required=True),
        languages=clean_languages(languages),
    )
    found = resolve_capacities(capacities, field="capacities", limit=10)
    request.save()
    request.capacities.set(found)
    from django.contrib.auth import get_user_model

    routed = _route(request, [c.pk for c in found])
    for adviser in get_user_model().objects.filter(pk__in=routed):
        notify(recipient=adviser, subject=ADVICE_ROUTED, context={"title": request.title},
               url=request.get_absolute_url())  # fmt: skip
    audit_log(actor=actor, action="governance.advice.request", target=request,
              changes={"routed": routed})  # fmt: skip
    return request


def may_answer(user, request: AdviceRequest) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or request.routes.filter(adviser=user).exists()


@transaction.atomic
def advice_answer(*, actor, request: AdviceRequest, answer: str) -> AdviceRequest:
    require_member(actor)
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if not may_answer(actor, request):
        raise PermissionDenied(_("Only the advisers this question was sent to can answer it."))
    if request.status != AdviceRequest.Status.OPEN:
        raise ValidationError({"answer": _("This question has already been answered.")})
    request.answer = clean_multiline(answer, field="answer", max_length=20000, required=True)
    request.answered_by, request.answered_at = actor, timezone.now()
    request.status = AdviceRequest.Status.ANSWERED
    request.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    notify(recipient=request.requester, subject=ADVICE_ANSWERED,
           context={"title": request.title}, url=request.get_absolute_url())  # fmt: skip
    audit_log(actor=actor, action="governance.advice.answer", target=request)
    return request


@transaction.atomic
def advice_publish(*, actor, request: AdviceRequest) -> AdviceRequest:
    """The requester agrees that the question and its answer be public."""
    require_member(actor)
    request = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if request.requester_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can agree to publish."))
    if request.status != AdviceRequest.Status.ANSWERED:
        raise ValidationError({"status": _("Only an answered question can be published.")})
    request.status, request.published_at = AdviceRequest.Status.PUBLISHED, timezone.now()
    request.save(update_fields=["status", "published_at"])
    audit_log(actor=actor, action="governance.advice.publish", target=request)
    return request
