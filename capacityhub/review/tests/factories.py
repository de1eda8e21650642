from datetime import timedelta

from django.utils import timezone

from capacityhub.review.models import Call, Criterion


def make_form(owner=None):
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.forms.services import form_create

    actor = owner or UserFactory(username="form-builder", is_staff=True)
    return form_create(
        actor=actor,
        title={"en": "Application", "es": "Solicitud"},
        questions=[
            {
                "key": "motivation",
                "kind": "long_text",
                "required": True,
                "label": {"en": "Why do you apply?", "es": "¿Por qué solicitas?"},
            },
            {
                "key": "cv",
                "kind": "file",
                "required": False,
                "label": {"en": "CV"},
                "validation": {"max_file_bytes": 1000, "allowed_types": ["application/pdf"]},
            },
        ],
    )


def make_call(*, created_by=None, form=None, reviewers=(), criteria=None, **fields) -> Call:
    now = timezone.now()
    defaults = {
        "kind": "scholarship",
        "title": {"en": "Scholarship to WikiIndaba", "es": "Beca para WikiIndaba"},
        "purpose": {"en": "Travel and stay."},
        "opens_at": now - timedelta(days=10),
        "closes_at": now + timedelta(days=10),
        "decisions_by": now + timedelta(days=30),
        "seats": 2,
    }
    defaults.update(fields)
    call = Call.objects.create(created_by=created_by, form=form, **defaults)
    for position, (name, weight) in enumerate(criteria or [("Impact", 2), ("Need", 1)]):
        Criterion.objects.create(call=call, name={"en": name}, weight=weight, position=position)
    call.reviewers.set(reviewers)
    return call
