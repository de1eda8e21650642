"""Upcoming sessions and events as suggestions for a need: on the need's capacities (or
narrower ones), in a language the requester reads, soonest first weighted by fit."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.exchange.suggestions import NeedContext, Suggestion, register

from .models import Event

HORIZON_DAYS = 120


def _speaks(event: Event, languages: tuple[str, ...]) -> str | None:
    """The first language of the event's the requester reads ("" when either says none)."""
    offered = [*event.languages, *event.interpretation_languages]
    if not offered or not languages:
        return ""
    return next((code for code in offered if code in languages), None)


def score(*, exact: bool, days_away: float) -> float:
    """Fit counts most; among equal fits the sooner the better."""
    fit = 1.0 if exact else 0.5
    soon = 1.0 / (1.0 + max(days_away, 0.0) / 14.0)
    return round(0.7 * fit + 0.3 * soon, 4)


def _candidates(context: NeedContext, limit: int) -> list[Event]:
    now = timezone.now()
    through = Event.capacities.through.objects.filter(capacity_id__in=context.related_ids)
    return list(
        Event.objects.filter(
            Q(id__in=through.values("event_id")),
            starts_at__gt=now,
            starts_at__lt=now + timedelta(days=HORIZON_DAYS),
            cancelled_at__isnull=True,
        )
        .prefetch_related("capacities")
        .order_by("starts_at", "id")[: limit * 5]
    )


def event_suggestions(context: NeedContext, limit: int) -> list[Suggestion]:
    if not context.related_ids:
        return []
    now = timezone.now()
    found = []
    for event in _candidates(context, limit):
        language = _speaks(event, context.languages)
        if language is None:
            continue
        ids = {c.pk for c in event.capacities.all()}
        exact = bool(ids & context.capacity_ids)
        days = (event.starts_at - now).total_seconds() / 86400
        reasons = [
            _("On the capacities this need asks for.")
            if exact
            else _("On a narrower capacity of this need.")
        ]
        if language:
            reasons.append(_("In a language the requester reads."))
        found.append(
            Suggestion(
                kind=event.section,
                kind_label=str(event.get_kind_display()),
                object_id=event.pk,
                title=event.title,
                url=event.get_absolute_url(),
                score=score(exact=exact, days_away=days),
                reasons=reasons,
                starts_at=event.starts_at,
                language=language,
            )
        )
    found.sort(key=lambda s: (-s.score, s.starts_at))
    return found[:limit]


def register_suggestions() -> None:
    register(event_suggestions)
