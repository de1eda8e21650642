"""What worked, for the knowledge base: a resource's score is the mean paired change (pre/post
survey, unsuppressed, public practices only) of the evaluated courses and events that use it —
a course through its lessons, an event through the resources it lists. Registered with
`knowledge.ranking.register_boost` from EvaluationConfig.ready(), it orders the resource list's
"What worked" sort. Resources no evaluated practice uses get no score (listed after)."""

from collections import defaultdict

from capacityhub.events.models import Event
from capacityhub.learning.models import Lesson

from .selectors import practice_scores


def _ids(scores: dict[str, float]) -> dict[int, float]:
    out = {}
    for subject_id, value in scores.items():
        try:
            out[int(subject_id)] = value
        except (TypeError, ValueError):
            continue
    return out


def resource_outcomes() -> dict[int, float]:
    """{resource_id: mean paired change of the evaluated practices that use it}."""
    courses = _ids(practice_scores("learning.course"))
    events = _ids(practice_scores("events.event"))
    changes: dict[int, list[float]] = defaultdict(list)
    if courses:
        pairs = (
            Lesson.objects.filter(module__course_id__in=courses, resource_id__isnull=False)
            .values_list("module__course_id", "resource_id")
            .distinct()
        )
        for course_id, resource_id in pairs:
            changes[resource_id].append(courses[course_id])
    if events:
        pairs = Event.resources.through.objects.filter(event_id__in=events).values_list(
            "event_id", "resource_id"
        )
        for event_id, resource_id in pairs:
            changes[resource_id].append(events[event_id])
    return {pk: round(sum(values) / len(values), 4) for pk, values in changes.items()}


def register() -> None:
    from capacityhub.knowledge.ranking import register_boost

    register_boost(resource_outcomes)
