"""The assessment framework, rounds, answers and results (private to the organization unless
published), and change over time."""

from django.http import HttpRequest
from ninja import Router, Status

from capacityhub.community.models import Organization
from capacityhub.orgdev.framework import (
    DIMENSION_LEVELS,
    DIMENSIONS,
    LEVEL_NAMES,
    QUESTIONS,
)
from capacityhub.orgdev.models import Round
from capacityhub.orgdev.selectors import (
    assessment_change,
    framework_current,
    peer_benchmarks,
    round_get,
    round_list,
    round_results,
)
from capacityhub.orgdev.services import (
    answers_save,
    respondents_invite,
    round_close,
    round_open,
    round_publish,
)

from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    WRITE_AUTH,
    ObjectId,
    SlugPath,
)
from .schemas import (
    OrgdevAnswersIn,
    OrgdevChangeOut,
    OrgdevFrameworkOut,
    OrgdevInviteIn,
    OrgdevPublishIn,
    OrgdevResultsOut,
    OrgdevRoundIn,
    OrgdevRoundOut,
)

router = Router(tags=["orgdev"])
FORBIDDEN_READ = {**DETAIL_ERRORS, 403: DETAIL_ERRORS[401]}


def round_out(round_: Round) -> dict:
    respondents = list(round_.respondents.values_list("submitted_at", flat=True))
    return {
        "id": round_.pk,
        "organization": round_.organization.slug,
        "title": round_.title,
        "framework_version": round_.framework.number,
        "opened_at": round_.opened_at,
        "closed_at": round_.closed_at,
        "published": round_.published,
        "respondents": len(respondents),
        "submitted": sum(1 for at in respondents if at is not None),
    }


def _summary(summary) -> dict:
    return {
        "median": summary.median, "q1": summary.q1, "q3": summary.q3, "iqr": summary.iqr,
        "count": summary.count, "by_role": summary.by_role, "disagreement": summary.disagreement,
    }  # fmt: skip


@router.get("/assessment-framework", response=OrgdevFrameworkOut, **READ)
def framework(request: HttpRequest):
    """The current framework version: dimensions, levels 1–4 and questions, in the reader's
    language."""
    version = framework_current()
    return {
        "version": version.number,
        "mapping": version.mapping,
        "dimensions": [
            {
                "key": key,
                "label": str(label),
                "levels": [
                    {"level": n, "name": str(LEVEL_NAMES[n]), "description": str(text)}
                    for n, text in enumerate(DIMENSION_LEVELS[key], start=1)
                ],
                "questions": [
                    {"key": q, "text": str(QUESTIONS[q][1])}
                    for q in version.questions
                    if QUESTIONS[q][0] == key
                ],
            }
            for key, label in DIMENSIONS.items()
        ],
    }


@router.get(
    "/organizations/{slug}/assessments",
    response={200: list[OrgdevRoundOut], **DETAIL_ERRORS},
    **READ,
)
def list_rounds(request: HttpRequest, slug: SlugPath):
    """The organization's rounds the caller may see (published, or theirs to manage or
    answer); at most 100, newest first."""
    organization = Organization.objects.get(slug=slug)
    rounds = round_list(viewer=request.user, organization=organization).prefetch_related(
        "respondents"
    )
    return [round_out(r) for r in rounds[:100]]


@router.post(
    "/organizations/{slug}/assessments",
    response={201: OrgdevRoundOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def open_round(request: HttpRequest, slug: SlugPath, payload: OrgdevRoundIn):
    """Managers open a round, inviting at least three people with roles."""
    organization = Organization.objects.get(slug=slug)
    made = round_open(
        actor=request.user,
        organization=organization,
        title=payload.title,
        respondents=[r.model_dump() for r in payload.respondents],
    )
    return Status(201, round_out(made))


@router.get("/assessments/{round_id}", response={200: OrgdevResultsOut, **FORBIDDEN_READ}, **READ)
def get_round(request: HttpRequest, round_id: ObjectId):
    """A round with its results per dimension and question (median, spread, each role's
    view, disagreement) and peer benchmarks (groups of five or more). Private rounds: 403
    for anyone but the organization's managers, the respondents and staff."""
    round_ = round_get(viewer=request.user, pk=round_id)
    results = round_results(round_)
    return {
        **round_out(round_),
        "dimensions": {k: _summary(v) for k, v in results["dimensions"].items()},
        "questions": {k: _summary(v) for k, v in results["questions"].items()},
        "benchmarks": peer_benchmarks(round_.organization),
    }


def _round(request, round_id: int) -> Round:
    return Round.objects.select_related("organization", "framework").get(pk=round_id)


@router.put(
    "/assessments/{round_id}/answers",
    response={200: OrgdevRoundOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def save_answers(request: HttpRequest, round_id: ObjectId, payload: OrgdevAnswersIn):
    """An invited respondent saves answers (`submit: true` makes them final and needs every
    question). An answer without a level: 422 naming the question, nothing saved."""
    round_ = _round(request, round_id)
    answers = {key: a.model_dump() for key, a in payload.answers.items()}
    answers_save(actor=request.user, round_=round_, answers=answers, submit=payload.submit)
    return round_out(round_)


@router.post(
    "/assessments/{round_id}/respondents",
    response={200: OrgdevRoundOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def invite(request: HttpRequest, round_id: ObjectId, payload: OrgdevInviteIn):
    round_ = _round(request, round_id)
    respondents = [r.model_dump() for r in payload.respondents]
    respondents_invite(actor=request.user, round_=round_, respondents=respondents)
    return round_out(round_)


@router.post(
    "/assessments/{round_id}/close",
    response={200: OrgdevRoundOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def close(request: HttpRequest, round_id: ObjectId):
    """Managers close a round once at least three people have submitted."""
    return round_out(round_close(actor=request.user, round_=_round(request, round_id)))


@router.post(
    "/assessments/{round_id}/publish",
    response={200: OrgdevRoundOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def publish(request: HttpRequest, round_id: ObjectId, payload: OrgdevPublishIn):
    """Managers publish a closed round's results (or make them private again)."""
    round_ = _round(request, round_id)
    round_publish(actor=request.user, round_=round_, published=payload.published)
    round_.refresh_from_db()
    return round_out(round_)


@router.get(
    "/organizations/{slug}/assessment-change",
    response={200: dict[str, OrgdevChangeOut], **DETAIL_ERRORS},
    **READ,
)
def change(request: HttpRequest, slug: SlugPath):
    """Per dimension, the median of the two latest closed rounds the caller may see."""
    organization = Organization.objects.get(slug=slug)
    found = assessment_change(organization, viewer=request.user)
    return {k: {"before": before, "after": after} for k, (before, after) in found.items()}
