"""The review app's pages in the accessibility gate (see journeys/pages.py).

Seeded: an open scholarship call (staff run it) with a Spanish application of amina's (the
member), screened eligible and assigned to staff as reviewer; a second open call amina has
not applied to (the application form)."""

from datetime import timedelta


def _pk(hub, name):
    return hub.extra[name].pk


PAGE_TYPES = [
    ("review-calls", "/calls/", None),
    ("review-call", lambda hub: f"/calls/{_pk(hub, 'review_call')}/", None),
    ("review-call-member", lambda hub: f"/calls/{_pk(hub, 'review_call')}/", "member"),
    ("review-apply", lambda hub: f"/calls/{_pk(hub, 'review_other_call')}/apply/", "member"),
    ("review-my-applications", "/applications/", "member"),
    (
        "review-application",
        lambda hub: f"/applications/{_pk(hub, 'review_application')}/",
        "member",
    ),
    (
        "review-application-staff",
        lambda hub: f"/applications/{_pk(hub, 'review_application')}/",
        "staff",
    ),
    ("review-manage", "/calls/manage/", "staff"),
    ("review-call-create", "/calls/new/", "staff"),
    ("review-call-edit", lambda hub: f"/calls/{_pk(hub, 'review_call')}/edit/", "staff"),
    ("review-screening", lambda hub: f"/calls/{_pk(hub, 'review_call')}/screening/", "staff"),
    ("review-assignments", lambda hub: f"/calls/{_pk(hub, 'review_call')}/assignments/", "staff"),
    ("review-ranking", lambda hub: f"/calls/{_pk(hub, 'review_call')}/ranking/", "staff"),
    ("review-fairness", lambda hub: f"/calls/{_pk(hub, 'review_call')}/fairness/", "staff"),
    ("review-queue", "/reviews/", "staff"),
    ("review-score", lambda hub: f"/reviews/{_pk(hub, 'review_assignment')}/", "staff"),
]
NOT_PAGES = {
    "review-withdraw",
    "review-offer",
    "review-screen",
    "review-decide",
    "review-reassign",
}


def seed(hub) -> dict:
    from django.utils import timezone

    from capacityhub.forms.services import form_create
    from capacityhub.review.models import Assignment, Call, Criterion
    from capacityhub.review.services import application_save, application_screen

    member, staff = hub.users["member"], hub.users["staff"]
    now = timezone.now()
    form = form_create(
        actor=staff,
        title={"en": "Scholarship application", "es": "Solicitud de beca"},
        questions=[
            {"key": "motivation", "kind": "long_text", "required": True,
             "label": {"en": "Why do you apply?", "es": "¿Por qué solicitas?"}},
            {"key": "consent", "kind": "consent", "required": True,
             "label": {"en": "I agree to share my answers with the reviewers."}},
        ],
    )  # fmt: skip

    def call(title):
        made = Call.objects.create(
            kind="scholarship",
            title={"en": title, "es": f"{title} (es)"},
            purpose={"en": "Travel, stay and registration for the **regional conference**."},
            opens_at=now - timedelta(days=3),
            closes_at=now + timedelta(days=20),
            decisions_by=now + timedelta(days=40),
            seats=10,
            form=form,
            created_by=staff,
            eligible_regions=["ssa"],
        )
        for position, (name, weight) in enumerate([("Impact", 2), ("Need", 1)]):
            Criterion.objects.create(call=made, name={"en": name}, weight=weight, position=position)
        made.reviewers.set([staff])
        return made

    first, second = call("WikiIndaba scholarships"), call("Internet access grants")
    application = application_save(
        actor=member, call=first, language="es", submit=True,
        answers={"motivation": "Quiero aprender.", "consent": True},
    )  # fmt: skip
    application_screen(actor=staff, application=application, eligible=True)
    assignment = Assignment.objects.create(application=application, reviewer=staff)
    return {
        "review_call": first,
        "review_other_call": second,
        "review_application": application,
        "review_assignment": assignment,
    }
