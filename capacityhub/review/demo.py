"""Demo content of the review app for `manage.py seed_demo` (deterministic for a seed).

Two open calls — a scholarship to a regional conference and internet-access grants (blind,
with a budget) — with applications in several languages, and one decided call (paid training
seats) whose applications were screened, reviewed, accepted, waitlisted and declined with the
reasons the applicants read. The demo member has applied to the open scholarship."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

DEMO_MEMBER = "demo-member"
QUESTIONS = [
    {"key": "motivation", "kind": "long_text", "required": True,
     "label": {"en": "Why do you apply?", "es": "¿Por qué solicitas?",
               "fr": "Pourquoi postulez-vous ?", "pt": "Por que você se candidata?"}},
    {"key": "experience", "kind": "single_choice", "required": True,
     "label": {"en": "How long have you been editing?", "es": "¿Desde cuándo editas?",
               "fr": "Depuis quand contribuez-vous ?"},
     "choices": [{"value": "new", "label": {"en": "Under a year", "es": "Menos de un año",
                                            "fr": "Moins d'un an"}},
                 {"value": "some", "label": {"en": "1–5 years", "es": "1–5 años",
                                             "fr": "1 à 5 ans"}},
                 {"value": "long", "label": {"en": "Over 5 years", "es": "Más de 5 años",
                                             "fr": "Plus de 5 ans"}}]},
    {"key": "consent", "kind": "consent", "required": True,
     "label": {"en": "I agree that the reviewers read my answers.",
               "es": "Acepto que los revisores lean mis respuestas.",
               "fr": "J'accepte que les évaluateurs lisent mes réponses."}},
]  # fmt: skip
MOTIVATIONS = {
    "en": "I organise edit-a-thons in my town and want to learn from other organisers.",
    "es": "Organizo editatones en mi ciudad y quiero aprender de otras comunidades.",
    "fr": "J'anime des ateliers d'écriture et je veux rencontrer d'autres bénévoles.",
    "pt": "Quero levar o que aprender para o nosso grupo de usuários.",
}
DECLINE_REASONS = [
    "The seats went to applicants who had not received a seat before; please apply again.",
    "Los cupos se dieron a personas de regiones con menos apoyo este año; vuelve a postular.",
]


def _people():
    from capacityhub.community.models import User

    users = list(User.objects.filter(is_active=True, is_staff=False).order_by("id")[:80])
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("id").first()
    return users, staff


def _call(staff, form, now, *, title, purpose, opens, closes, decides, **fields):
    from capacityhub.review.models import Call, Criterion

    call = Call.objects.create(
        title=title, purpose=purpose, form=form, created_by=staff,
        opens_at=now + opens, closes_at=now + closes, decisions_by=now + decides, **fields,
    )  # fmt: skip
    rubric = [
        ({"en": "Impact on the community", "es": "Impacto en la comunidad",
          "fr": "Impact sur la communauté"}, 2),
        ({"en": "Need", "es": "Necesidad", "fr": "Besoin"}, 1),
        ({"en": "Plan to share what is learned", "es": "Plan para compartir lo aprendido"}, 1),
    ]  # fmt: skip
    for position, (name, weight) in enumerate(rubric):
        Criterion.objects.create(call=call, name=name, weight=weight, position=position)
    return call


def _apply(call, person, rng, *, amount=None):
    from capacityhub.review.services import application_save

    language = rng.choice(list(MOTIVATIONS))
    answers = {
        "motivation": MOTIVATIONS[language],
        "experience": rng.choice(["new", "some", "long"]),
        "consent": True,
    }
    return application_save(
        actor=person, call=call, answers=answers, language=language, submit=True,
        amount_requested=amount,
    )  # fmt: skip


def _open_calls(staff, form, people, reviewers, rng, now):
    scholarship = _call(
        staff, form, now, kind="scholarship", seats=12,
        title={"en": "Scholarships to WikiIndaba, the regional conference",
               "fr": "Bourses pour WikiIndaba, la conférence régionale",
               "es": "Becas para WikiIndaba, la conferencia regional"},
        purpose={"en": "Travel, stay and registration for three days in Accra.",
                 "fr": "Voyage, séjour et inscription pour trois jours à Accra."},
        eligible_regions=["ssa", "mena"], opens=-timedelta(days=10),
        closes=timedelta(days=14, hours=6), decides=timedelta(days=30),
    )  # fmt: skip
    internet = _call(
        staff, form, now, kind="internet_access", budget=3000, currency="USD", blind=True,
        title={"en": "Internet access grants", "es": "Becas de conectividad",
               "pt": "Bolsas de acesso à internet", "ar": "منح الوصول إلى الإنترنت"},
        purpose={"en": "Data bundles for six months for active editors.",
                 "es": "Paquetes de datos durante seis meses para editores activos."},
        opens=-timedelta(days=3), closes=timedelta(days=25), decides=timedelta(days=45),
    )  # fmt: skip
    for call in (scholarship, internet):
        call.reviewers.set(reviewers)
    from capacityhub.community.models import User

    member = User.objects.filter(username=DEMO_MEMBER, is_active=True).first()
    applicants = [p for p in people if p not in reviewers and p not in (staff, member)]
    for person in ([member] if member else []) + applicants[:5]:
        _apply(scholarship, person, rng)
    for person in applicants[5:9]:
        _apply(internet, person, rng, amount=rng.choice([120, 240, 360]))
    return [scholarship, internet]


def _decided_call(staff, form, people, reviewers, rng, now):
    from capacityhub.review.models import Application, Call, Review
    from capacityhub.review.services import (
        application_decide,
        application_screen,
        assignments_run,
    )

    call = _call(
        staff, form, now, kind="paid_training_seat", seats=2,
        title={"en": "Paid training seats: Lua for templates",
               "es": "Plazas pagadas: Lua para plantillas"},
        purpose={"en": "Four weeks of mentored training, with an honorarium for the time."},
        opens=-timedelta(days=3), closes=timedelta(days=1), decides=timedelta(days=20),
    )  # fmt: skip
    call.reviewers.set(reviewers)
    applications = [_apply(call, p, rng) for p in people[-6:]]
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=20),
        decisions_by=now - timedelta(days=2),
    )  # fmt: skip
    ineligible, *rest = applications
    reason = "Calls for paid seats need an account older than 90 days."
    application_screen(actor=staff, application=ineligible, eligible=False, reason=reason)
    for application in rest:
        application_screen(actor=staff, application=application, eligible=True)
    assignments_run(actor=staff, call=call)
    criteria = [str(pk) for pk in call.criteria.values_list("pk", flat=True)]
    for application in rest:
        for assignment in application.assignments.all():
            Review.objects.create(
                assignment=assignment,
                scores={c: rng.randint(1, 5) for c in criteria},
                overall_comment="Clear plan; a strong candidate.",
                submitted_at=now - timedelta(days=10),
            )
    outcomes = ["accept", "accept", "waitlist", "decline", "decline"]
    reasons = ["", "", "Next in line if a seat frees.", *DECLINE_REASONS]
    from capacityhub.integrity.selectors import decision_current

    for application, outcome, reason in zip(rest, outcomes, reasons, strict=True):
        application.refresh_from_db()
        application_decide(actor=staff, application=application, outcome=outcome,
                           reason=reason, supersedes=decision_current(application))  # fmt: skip
    return call, Application.objects.filter(call=call).count()


@transaction.atomic
def _write(seed: int) -> str:
    from capacityhub.forms.services import form_create

    rng = random.Random(f"review-{seed}")
    people, staff = _people()
    if len(people) < 20 or staff is None:
        return "review: skipped (no demo community)."
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    form = form_create(
        actor=staff,
        title={"en": "Application", "es": "Solicitud", "fr": "Candidature"},
        questions=QUESTIONS,
    )
    people = [p for p in people if p.username != DEMO_MEMBER]
    reviewers = [p for p in people[10:16] if p != staff]
    open_calls = _open_calls(staff, form, people[16:40], reviewers, rng, now)
    # Six applicants (one found ineligible, five decided), whatever the community's size.
    decided_pool = [p for p in people if p not in reviewers][-6:]
    _decided, decided_count = _decided_call(staff, form, decided_pool, reviewers, rng, now)
    return (
        f"review: {len(open_calls)} open calls and one decided call "
        f"({decided_count} applications, with reasons)."
    )


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return _write(seed)
