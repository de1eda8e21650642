"""The evaluation app's share of the gates (see gates/parts.py).

The evaluated subject is an event organized by `organization` (so its manager, and staff,
edit its evaluation; the owner and `other` are plain members); `other` is registered, so
`other` alone may answer its survey. Anyone signed in may set their own consent."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from capacityhub.evaluation.models import Answer, Consent, Indicator, Invitation, LogicModel, Survey

from .matrix import API, EDITORS_ONLY, FORBIDDEN, LOGIN, OK, Row, everyone_signed_in

TRACKED = [LogicModel, Indicator, Survey, Consent, Invitation, Answer]
EVERYONE = everyone_signed_in()
PARTICIPANT_ONLY = {"anonymous": LOGIN, "owner": FORBIDDEN, "other": OK,
                    "manager": FORBIDDEN, "staff": FORBIDDEN}  # fmt: skip


def _world(staff, organization, participant) -> dict:
    from capacityhub.events.models import Event, Registration
    from capacityhub.forms.services import form_create

    starts = timezone.now() - timedelta(days=3)
    event = Event.objects.create(kind="workshop", title="Matrix evaluated workshop",
                                 host=staff, organization=organization, starts_at=starts,
                                 ends_at=starts + timedelta(hours=2), languages=["en"],
                                 seats=20)  # fmt: skip
    other_event = Event.objects.create(kind="workshop", title="Matrix second workshop",
                                       host=staff, organization=organization, starts_at=starts,
                                       ends_at=starts + timedelta(hours=2), languages=["en"],
                                       seats=20)  # fmt: skip
    for made in (event, other_event):
        Registration.objects.create(event=made, user=participant, status="confirmed",
                                    queued_at=starts - timedelta(days=1))  # fmt: skip
    form = form_create(actor=staff, title={"en": "Matrix survey"}, questions=[
        {"key": "score", "kind": "scale", "required": True, "scale_min": 1, "scale_max": 5,
         "label": {"en": "How useful?"}}])  # fmt: skip
    model = LogicModel.objects.create(subject_type="events.event", subject_id=str(event.pk),
                                      title="Matrix logic model")  # fmt: skip
    survey = Survey.objects.create(subject_type="events.event", subject_id=str(event.pk),
                                   kind="reaction", form=form, score_key="score")  # fmt: skip
    return {"evaluation_event": other_event, "evaluation_model": model,
            "evaluation_survey": survey, "evaluation_form": form}  # fmt: skip


def build_world(world) -> dict:
    users = world.users
    return _world(users["staff"], world.organization, users["other"])


def _pk(world, name: str) -> int:
    return world.extra[name].pk


def _web(name: str, extra: str):
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra)])


API_ROWS = [
    Row("POST /evaluation/logic-models", "post", lambda world: f"{API}/evaluation/logic-models",
        lambda world, user: {"subject_type": "events.event", "title": "Logic",
                             "subject_id": _pk(world, "evaluation_event")}, EDITORS_ONLY),
    Row("POST /evaluation/surveys/{survey_id}/invitations", "post",
        lambda world: f"{API}/evaluation/surveys/{_pk(world, 'evaluation_survey')}/invitations",
        lambda world, user: {"person": world.users["other"].username}, EDITORS_ONLY),
    Row("PUT /evaluation/surveys/{survey_id}/consent", "put",
        lambda world: f"{API}/evaluation/surveys/{_pk(world, 'evaluation_survey')}/consent",
        lambda world, user: {"agree": True}, EVERYONE),
]  # fmt: skip

WEB_ROWS = [
    Row("web:evaluation-create", "post", lambda world: reverse("web:evaluation-create"),
        lambda world, user: {"subject_type": "events.event", "title": "Logic",
                             "subject_id": str(_pk(world, "evaluation_event"))}, EDITORS_ONLY),
    Row("web:evaluation-edit", "post", _web("evaluation-edit", "evaluation_model"),
        lambda world, user: {"title": "Renamed", "inputs": "Trainers"}, EDITORS_ONLY),
    Row("web:evaluation-indicator-add", "post",
        _web("evaluation-indicator-add", "evaluation_model"),
        lambda world, user: {"name": "Useful", "level": "1", "target": "4"}, EDITORS_ONLY),
    Row("web:evaluation-survey-create", "post",
        _web("evaluation-survey-create", "evaluation_model"),
        lambda world, user: {"kind": "post", "form": str(_pk(world, "evaluation_form"))},
        EDITORS_ONLY),
    Row("web:evaluation-invite", "post", _web("evaluation-invite", "evaluation_survey"),
        lambda world, user: {}, EDITORS_ONLY),
    Row("web:evaluation-consent", "post", _web("evaluation-consent", "evaluation_survey"),
        lambda world, user: {"agree": "on"}, EVERYONE),
    Row("web:evaluation-survey", "post", _web("evaluation-survey", "evaluation_survey"),
        lambda world, user: {"score": "4"}, PARTICIPANT_ONLY),
]  # fmt: skip

WEB_READ_ONLY = {
    "evaluation-list",
    "evaluation-detail",
    "evaluation-practices",
    "evaluation-open-data-csv",
    "evaluation-open-data-json",
    "evaluation-dictionary",
}

READ_ONLY_ARGS = {
    "evaluation-detail": lambda world: [_pk(world, "evaluation_model")],
}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    made = _world(staff, organization, other)
    return {
        "logic_model_id": [made["evaluation_model"].pk],
        "survey_id": [made["evaluation_survey"].pk],
        "subject_id": [made["evaluation_event"].pk],
    }
