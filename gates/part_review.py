"""The review app's share of the gates (see gates/parts.py).

Actors in the review workflow, mapped onto the matrix's five: the owner is the applicant (its
applications in several states, one call each); `other` is an assigned reviewer of amina's
application (amina is a plain member of `organization`); the manager of `organization` is a
*conflicted* reviewer of that application (same organization) and is refused even when
assigned by force; staff run every call (no call here belongs to an organization, so the
manager has no say). `other` is not used as a reviewer of the owner: the owner and `other`
share recent connections, so `other` would be recused."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.models import User
from capacityhub.forms.models import Response, ResponseFile
from capacityhub.integrity.models import Decision
from capacityhub.review.models import Application, Assignment, Call, Criterion, Review

from .matrix import API, FORBIDDEN, LOGIN, OK, OWNER_ONLY, STAFF_ONLY, Row, everyone_signed_in

EVERYONE = everyone_signed_in()
REVIEWER_ONLY = {"anonymous": LOGIN, "owner": FORBIDDEN, "other": OK} | {
    "manager": FORBIDDEN,
    "staff": FORBIDDEN,
}
NOBODY = {**REVIEWER_ONLY, "other": FORBIDDEN}

TRACKED = [Call, Call.reviewers.through, Criterion, Application, Assignment, Review, Response]
TRACKED += [Decision, ResponseFile]


def _form(staff):
    from capacityhub.forms.services import form_create

    return form_create(
        actor=staff,
        title={"en": "Matrix application", "es": "Solicitud"},
        questions=[
            {"key": "motivation", "kind": "long_text", "required": True,
             "label": {"en": "Why?", "es": "¿Por qué?"}},
            {"key": "cv", "kind": "file", "label": {"en": "CV"},
             "validation": {"max_file_bytes": 1000, "allowed_types": ["application/pdf"]}},
        ],
    )  # fmt: skip


def _call(staff, form, name: str, reviewers=(), **fields) -> Call:
    now = timezone.now()
    call = Call.objects.create(
        kind="scholarship",
        title={"en": f"Matrix call {name}"},
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=5),
        decisions_by=now + timedelta(days=20),
        seats=3,
        form=form,
        created_by=staff,
        **fields,
    )
    for position, label in enumerate(["Impact", "Need"]):
        Criterion.objects.create(call=call, name={"en": label}, weight=1, position=position)
    call.reviewers.set(reviewers)
    return call


def _application(call, applicant, status, **fields) -> Application:
    version = call.form.versions.get()
    response = Response.objects.create(
        version=version,
        respondent=applicant,
        answers={"motivation": "Because."},
        submitted_at=None if status == "draft" else timezone.now(),
    )
    return Application.objects.create(
        call=call,
        applicant=applicant,
        response=response,
        status=status,
        language="es",
        submitted_at=None if status == "draft" else timezone.now(),
        **fields,
    )


def build_world(world) -> dict:
    users = world.users
    owner, other, manager, staff = (users[k] for k in ("owner", "other", "manager", "staff"))
    amina = User.objects.get(username="amina")
    form = _form(staff)
    fresh = _call(staff, form, "fresh")
    submitted = _application(_call(staff, form, "a"), owner, "submitted")
    accepted = _application(_call(staff, form, "b"), owner, "accepted")
    eligible = _application(_call(staff, form, "c"), owner, "eligible")
    screened = Decision.objects.create(
        subject_type="review.application", subject_id=str(eligible.pk), outcome="eligible",
        decided_by=staff,
    )  # fmt: skip
    reviewed_call = _call(staff, form, "d", reviewers=[other, staff, owner])
    reviewed = _application(reviewed_call, amina, "under_review", organization=world.organization)
    mine = Assignment.objects.create(application=reviewed, reviewer=other, assigned_by=staff)
    staffs = Assignment.objects.create(application=reviewed, reviewer=staff, assigned_by=staff)
    # Forced past the assignment's checks: the conflicted reviewer is refused all the same.
    conflicted = Assignment.objects.create(application=reviewed, reviewer=manager)
    draft = _application(_call(staff, form, "f"), owner, "draft")
    to_assign = _call(staff, form, "e", reviewers=[other, staff, manager])
    _application(to_assign, amina, "eligible", organization=world.organization)
    return {
        "review_fresh": fresh,
        "review_submitted": submitted,
        "review_accepted": accepted,
        "review_eligible": eligible,
        "review_screened": screened,
        "review_under_review": reviewed,
        "review_assignment": mine,
        "review_staff_assignment": staffs,
        "review_conflicted_assignment": conflicted,
        "review_to_assign": to_assign,
        "review_draft": draft,
    }


def _pk(world, name: str) -> int:
    return world.extra[name].pk


def _api(path: str, **names):
    return lambda world: API + path.format(**{k: _pk(world, v) for k, v in names.items()})


def _scores(world) -> dict:
    call = world.extra["review_under_review"].call
    return {str(c.pk): 4 for c in call.criteria.all()}


CALL_BODY = {
    "kind": "rapid_grant",
    "title": {"en": "Matrix grants"},
    "opens_at": "2030-01-01T00:00:00Z",
    "closes_at": "2030-02-01T00:00:00Z",
    "decisions_by": "2030-03-01T00:00:00Z",
    "criteria": [{"name": {"en": "Impact"}, "weight": 1}],
}

API_ROWS = [
    Row("POST /calls", "post", lambda world: f"{API}/calls",
        lambda world, user: CALL_BODY, STAFF_ONLY),
    Row("PATCH /calls/{call_id}", "patch", _api("/calls/{c}", c="review_fresh"),
        lambda world, user: {"seats": 5}, STAFF_ONLY),
    Row("PUT /calls/{call_id}/application", "put", _api("/calls/{c}/application", c="review_fresh"),
        lambda world, user: {"answers": {"motivation": "Yes"}, "submit": True}, EVERYONE),
    Row("POST /applications/{application_id}/files/{question_key}", "post",
        _api("/applications/{a}/files/cv", a="review_draft"),
        lambda world, user: {"file": SimpleUploadedFile("cv.pdf", b"%PDF-1.4",
                                                        content_type="application/pdf")},
        OWNER_ONLY),
    Row("POST /applications/{application_id}/withdraw", "post",
        _api("/applications/{a}/withdraw", a="review_submitted"),
        lambda world, user: {}, OWNER_ONLY),
    Row("POST /applications/{application_id}/offer", "post",
        _api("/applications/{a}/offer", a="review_accepted"),
        lambda world, user: {"take_up": True}, OWNER_ONLY),
    Row("POST /applications/{application_id}/screening", "post",
        _api("/applications/{a}/screening", a="review_submitted"),
        lambda world, user: {"eligible": True}, STAFF_ONLY),
    Row("POST /applications/{application_id}/decision", "post",
        _api("/applications/{a}/decision", a="review_eligible"),
        lambda world, user: {"outcome": "decline", "reason": "No seats in this region.",
                             "supersedes": _pk(world, "review_screened")},
        STAFF_ONLY),
    Row("POST /calls/{call_id}/assignments", "post",
        _api("/calls/{c}/assignments", c="review_to_assign"),
        lambda world, user: {}, STAFF_ONLY),
    Row("POST /assignments/{assignment_id}/reassign", "post",
        _api("/assignments/{a}/reassign", a="review_staff_assignment"),
        lambda world, user: {"reason": "Away this month"}, STAFF_ONLY),
    Row("PUT /assignments/{assignment_id}/review", "put",
        _api("/assignments/{a}/review", a="review_assignment"),
        lambda world, user: {"scores": _scores(world), "overall_comment": "Good"},
        REVIEWER_ONLY),
]  # fmt: skip


def _web(name: str, extra: str):
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra)])


def _call_form() -> dict:
    return {
        "kind": "equipment",
        "title": "en: Matrix laptops",
        "opens_at": "2030-01-01T00:00",
        "closes_at": "2030-02-01T00:00",
        "decisions_by": "2030-03-01T00:00",
        "reviews_per_application": "2",
        "criteria": "1 | Need",
    }


def _web_scores(world) -> dict:
    return {f"score_{k}": str(v) for k, v in _scores(world).items()}


WEB_ROWS = [
    Row("web:review-apply", "post", _web("review-apply", "review_fresh"),
        lambda world, user: {"language": "es", "motivation": "Sí", "submit": "1"}, EVERYONE),
    Row("web:review-withdraw", "post", _web("review-withdraw", "review_submitted"),
        lambda world, user: {}, OWNER_ONLY),
    Row("web:review-offer", "post", _web("review-offer", "review_accepted"),
        lambda world, user: {"answer": "take_up"}, OWNER_ONLY),
    Row("web:review-call-create", "post", lambda world: reverse("web:review-call-create"),
        lambda world, user: _call_form(), STAFF_ONLY),
    Row("web:review-call-edit", "post", _web("review-call-edit", "review_fresh"),
        lambda world, user: _call_form(), STAFF_ONLY),
    Row("web:review-screen", "post", _web("review-screen", "review_submitted"),
        lambda world, user: {"screen-eligible": "1"}, STAFF_ONLY),
    Row("web:review-decide", "post", _web("review-decide", "review_eligible"),
        lambda world, user: {"decide-outcome": "accept",
                             "decide-supersedes": str(_pk(world, "review_screened"))},
        STAFF_ONLY),
    Row("web:review-assignments", "post", _web("review-assignments", "review_to_assign"),
        lambda world, user: {}, STAFF_ONLY),
    Row("web:review-reassign", "post", _web("review-reassign", "review_staff_assignment"),
        lambda world, user: {"reason": "Away this month"}, STAFF_ONLY),
    Row("web:review-score", "post", _web("review-score", "review_assignment"),
        lambda world, user: _web_scores(world), REVIEWER_ONLY),
    Row("web:review-score (conflicted reviewer)", "post",
        _web("review-score", "review_conflicted_assignment"),
        lambda world, user: _web_scores(world), NOBODY),
]  # fmt: skip

WEB_READ_ONLY = {
    "review-calls",
    "review-call",
    "review-my-applications",
    "review-application",
    "review-manage",
    "review-screening",
    "review-ranking",
    "review-fairness",
    "review-queue",
}

READ_ONLY_ARGS = {
    "review-call": lambda world: [_pk(world, "review_fresh")],
    "review-application": lambda world: [_pk(world, "review_submitted")],
    "review-screening": lambda world: [_pk(world, "review_fresh")],
    "review-ranking": lambda world: [_pk(world, "review_fresh")],
    "review-fairness": lambda world: [_pk(world, "review_fresh")],
}


def api_known(*, member, other, staff, organization) -> dict:
    """A call the fuzz member applied to (draft) and one they review for, so generated
    requests meet real calls, applications and assignments."""
    form = _form(staff)
    call = _call(staff, form, "fuzz", reviewers=[member, other])
    draft = _application(call, member, "draft")
    reviewed = _application(_call(staff, form, "fuzz-2"), other, "under_review")
    assignment = Assignment.objects.create(application=reviewed, reviewer=member)
    return {
        "call_id": [call.pk, reviewed.call_id],
        "application_id": [draft.pk, reviewed.pk],
        "assignment_id": [assignment.pk],
    }
