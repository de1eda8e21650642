"""The review API: the same services as the pages, each bad input a 4xx, nothing changed."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application, Assignment, Call, Review

from .helpers import assigned, eligible

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _send(client, method, path, body=None):
    return getattr(client, method)(
        API + path, data=json.dumps(body or {}), content_type="application/json"
    )


def test_open_calls_are_listed_for_anyone(client, call):
    response = client.get(f"{API}/calls")
    assert response.status_code == 200
    assert response.json()["results"][0]["title"]["es"] == "Beca para WikiIndaba"
    detail = client.get(f"{API}/calls/{call.pk}").json()
    assert len(detail["criteria"]) == 2


def test_an_applicant_submits_and_reads_their_status(call, applicant):
    client = _client(applicant)
    body = {"answers": {"motivation": "Quiero aprender."}, "language": "es", "submit": True}
    response = _send(client, "put", f"/calls/{call.pk}/application", body)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    mine = client.get(f"{API}/me/applications").json()
    assert [a["status"] for a in mine["results"]] == ["submitted"]


def test_applying_after_the_close_is_422_and_nothing_saved(call, applicant):
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    body = {"answers": {"motivation": "Tarde."}, "submit": True}
    response = _send(_client(applicant), "put", f"/calls/{call.pk}/application", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "call"
    assert not Application.objects.exists()


def test_editing_a_submitted_application_is_422(call, applicant):
    client = _client(applicant)
    body = {"answers": {"motivation": "Uno."}, "submit": True}
    _send(client, "put", f"/calls/{call.pk}/application", body)
    response = _send(
        client, "put", f"/calls/{call.pk}/application", {"answers": {"motivation": "Dos."}}
    )
    assert response.status_code == 422
    assert Application.objects.get().response.answers == {"motivation": "Uno."}


def test_anonymous_cannot_apply(client, call):
    response = _send(client, "put", f"/calls/{call.pk}/application", {"answers": {}})
    assert response.status_code == 401


def test_a_score_outside_the_scale_is_422_and_nothing_saved(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    scores = {str(c.pk): 7 for c in call.criteria.all()}
    response = _send(
        _client(assignment.reviewer), "put", f"/assignments/{assignment.pk}/review",
        {"scores": scores, "submit": True},
    )  # fmt: skip
    assert response.status_code == 422
    assert not Review.objects.exists()


def test_a_reviewer_submits_scores_with_not_applicable(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    first, second = call.criteria.all()
    response = _send(
        _client(assignment.reviewer), "put", f"/assignments/{assignment.pk}/review",
        {"scores": {str(first.pk): 4, str(second.pk): None}, "submit": True},
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    assert response.json()["scores"] == {str(first.pk): 4, str(second.pk): None}


def test_a_conflicted_reviewer_gets_403_with_the_reason(
    call, applicant, staff, conflicted_reviewer
):
    (application,) = assigned(call, [applicant], staff)
    assignment = Assignment.objects.create(application=application, reviewer=conflicted_reviewer)
    response = _client(conflicted_reviewer).get(f"{API}/assignments/{assignment.pk}/application")
    assert response.status_code == 403
    assert "organization" in response.json()["detail"].lower()


def test_a_decline_without_a_reason_is_422_and_nothing_changes(call, applicant, staff):
    application = eligible(call, applicant, staff)
    body = {"outcome": "decline", "reason": "", "supersedes": decision_current(application).pk}
    response = _send(_client(staff), "post", f"/applications/{application.pk}/decision", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    assert Decision.objects.count() == 1


def test_staff_decline_with_a_reason_and_the_applicant_reads_it(call, applicant, staff):
    application = eligible(call, applicant, staff)
    body = {"outcome": "decline", "reason": "Sin presupuesto.",
            "supersedes": decision_current(application).pk}  # fmt: skip
    assert (
        _send(_client(staff), "post", f"/applications/{application.pk}/decision", body).status_code
        == 201
    )
    seen = _client(applicant).get(f"{API}/applications/{application.pk}").json()
    assert seen["status"] == "declined" and seen["reason"] == "Sin presupuesto."


@pytest.mark.parametrize("path", ["/calls/{call}/ranking", "/calls/{call}/fairness"])
def test_reports_are_for_call_managers_only(call, staff, other, path):
    url = API + path.format(call=call.pk)
    assert _client(staff).get(url).status_code == 200
    assert _client(other).get(url).status_code == 403


def test_other_members_cannot_run_assignment_or_decide(call, applicant, staff, other):
    application = eligible(call, applicant, staff)
    client = _client(other)
    assert _send(client, "post", f"/calls/{call.pk}/assignments").status_code == 403
    body = {"outcome": "accept"}
    assert (
        _send(client, "post", f"/applications/{application.pk}/decision", body).status_code == 403
    )


def test_staff_create_a_call_and_bad_dates_are_422(staff):
    body = {
        "kind": "rapid_grant",
        "title": {"en": "Rapid grants"},
        "opens_at": "2026-01-01T00:00:00Z",
        "closes_at": "2025-12-01T00:00:00Z",
        "decisions_by": "2026-03-01T00:00:00Z",
        "criteria": [{"name": {"en": "Impact"}, "weight": 1}],
    }
    response = _send(_client(staff), "post", "/calls", body)
    assert response.status_code == 422 and not Call.objects.exists()
    body["closes_at"] = "2026-02-01T00:00:00Z"
    assert _send(_client(staff), "post", "/calls", body).status_code == 201


def test_staff_edit_a_call_and_others_cannot(call, staff, other):
    body = {"seats": 5, "title": {"en": "New title", "es": "Nuevo título"}}
    assert _send(_client(other), "patch", f"/calls/{call.pk}", body).status_code == 403
    response = _send(_client(staff), "patch", f"/calls/{call.pk}", body)
    assert response.status_code == 200, response.json()
    call.refresh_from_db()
    assert call.seats == 5 and call.title["es"] == "Nuevo título"
    assert _send(_client(staff), "patch", f"/calls/{call.pk}", {"title": None}).status_code == 422


def test_the_screening_queue_lists_unmet_rules_for_managers_only(call, applicant, staff, other):
    from .helpers import submitted

    Call.objects.filter(pk=call.pk).update(eligible_regions=["lac"])
    submitted(call, applicant)
    rows = _client(staff).get(f"{API}/calls/{call.pk}/applications").json()
    assert rows[0]["unmet_rules"] == ["Region not among the call's regions."]
    assert _client(other).get(f"{API}/calls/{call.pk}/applications").status_code == 403


def test_call_times_with_an_offset_are_stored_in_utc_and_naive_ones_are_422(staff):
    body = {
        "kind": "rapid_grant",
        "title": {"en": "Rapid grants"},
        "opens_at": "2026-01-01T00:00:00-05:00",
        "closes_at": "2026-02-01T00:00:00",
        "decisions_by": "2026-03-01T09:00:00+09:00",
        "criteria": [{"name": {"en": "Impact"}, "weight": 1}],
    }
    response = _send(_client(staff), "post", "/calls", body)
    assert response.status_code == 422 and not Call.objects.exists()
    assert "closes_at" in json.dumps(response.json())
    body["closes_at"] = "2026-02-01T00:00:00+01:00"
    response = _send(_client(staff), "post", "/calls", body)
    assert response.status_code == 201, response.json()
    call = Call.objects.get()
    assert call.opens_at.isoformat() == "2026-01-01T05:00:00+00:00"
    assert call.decisions_by.isoformat() == "2026-03-01T00:00:00+00:00"
    patch = _send(_client(staff), "patch", f"/calls/{call.pk}", {"opens_at": "2026-01-02T00:00"})
    assert patch.status_code == 422 and "opens_at" in json.dumps(patch.json())
    call.refresh_from_db()
    assert call.opens_at.isoformat() == "2026-01-01T05:00:00+00:00"


def _upload(client, application, content, name="cv.pdf", content_type="application/pdf", key="cv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(f"{API}/applications/{application.pk}/files/{key}", {"file": upload})


@pytest.fixture
def draft(call, applicant):
    from capacityhub.review.services import application_save

    from .helpers import ANSWERS

    return application_save(actor=applicant, call=call, answers=ANSWERS, language="es")


def test_the_applicant_attaches_a_file_to_their_draft_through_the_api(draft, applicant):
    from capacityhub.forms.models import ResponseFile

    response = _upload(_client(applicant), draft, b"%PDF-1.4 small")
    assert response.status_code == 200, response.json()
    assert response.json()["answers"]["cv"]["name"] == "cv.pdf"
    assert response.json()["answers"]["motivation"].startswith("Quiero")
    stored = ResponseFile.objects.get(response=draft.response)
    assert stored.original_name == "cv.pdf" and stored.file.read() == b"%PDF-1.4 small"
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.language == "es"


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [(b"%PDF" + b"x" * 2000, "cv.pdf", "application/pdf"),
     (b"MZ", "cv.exe", "application/x-msdownload")],
    ids=["over the size limit", "of the wrong type"],
)  # fmt: skip
def test_a_bad_file_through_the_api_is_422_naming_the_question_and_nothing_saved(
    draft, applicant, content, name, content_type
):
    from capacityhub.forms.models import ResponseFile

    response = _upload(_client(applicant), draft, content, name, content_type)
    assert response.status_code == 422 and "cv" in json.dumps(response.json())
    assert not ResponseFile.objects.exists()
    draft.response.refresh_from_db()
    assert "cv" not in draft.response.answers


def test_a_file_for_a_question_that_takes_none_is_422(draft, applicant):
    response = _upload(_client(applicant), draft, b"%PDF-1.4", key="motivation")
    assert response.status_code == 422 and "motivation" in json.dumps(response.json())


def test_only_the_applicant_attaches_files_and_not_after_submitting(draft, applicant, other, staff):
    from capacityhub.forms.models import ResponseFile
    from capacityhub.review.services import application_save

    from .helpers import ANSWERS

    assert _upload(_client(other), draft, b"%PDF-1.4").status_code == 403
    assert _upload(_client(staff), draft, b"%PDF-1.4").status_code == 403
    assert _upload(Client(), draft, b"%PDF-1.4").status_code == 401
    application_save(actor=applicant, call=draft.call, answers=ANSWERS, submit=True)
    assert _upload(_client(applicant), draft, b"%PDF-1.4").status_code == 422
    assert not ResponseFile.objects.exists()


def test_the_file_endpoint_is_declared_as_multipart_in_openapi(client):
    schema = client.get(f"{API}/openapi.json").json()
    operation = schema["paths"]["/api/v1/applications/{application_id}/files/{question_key}"]
    assert "multipart/form-data" in operation["post"]["requestBody"]["content"]


def test_a_file_larger_than_a_json_body_may_be_is_taken_up_to_the_questions_limit(
    call, applicant, settings
):
    from capacityhub.forms.models import ResponseFile
    from capacityhub.review.services import application_save

    from .helpers import ANSWERS

    version = call.form.versions.get()
    question = version.questions.get(key="cv")
    question.validation = {"max_file_bytes": 4 * 1024 * 1024, "allowed_types": ["application/pdf"]}
    question.save()
    draft = application_save(actor=applicant, call=call, answers=ANSWERS)
    big = b"%PDF" + b"x" * (3 * 1024 * 1024)
    assert len(big) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = _upload(_client(applicant), draft, big)
    assert response.status_code == 200, response.content[:300]
    assert ResponseFile.objects.get().size == len(big)
