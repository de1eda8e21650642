"""The review pages as people use them: each bad input a clear 4xx, nothing changed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application, Assignment, Call, Review

from .helpers import assigned, eligible, submitted

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_open_calls_list_and_call_page_are_public(client, call, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("web:review-calls"))
    assert response.status_code == 200
    assert "Scholarship to WikiIndaba" in response.content.decode()
    page = client.get(reverse("web:review-call", args=[call.pk]))
    assert page.status_code == 200
    assert "UTC time" in page.content.decode()


def test_the_call_page_shows_the_closing_time_in_the_readers_zone(call, applicant):
    applicant.profile.time_zone = "America/Bogota"
    applicant.profile.save()
    page = _client(applicant).get(reverse("web:review-call", args=[call.pk]))
    assert "America/Bogota time" in page.content.decode()


def test_an_unopened_call_is_hidden_from_the_public(client, call):
    Call.objects.filter(pk=call.pk).update(opens_at=timezone.now() + timedelta(days=1))
    assert client.get(reverse("web:review-call", args=[call.pk])).status_code == 404


def test_an_applicant_applies_in_spanish_through_the_page(call, applicant):
    client = _client(applicant)
    client.cookies["django_language"] = "es"
    url = reverse("web:review-apply", args=[call.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert "¿Por qué solicitas?" in page.content.decode()
    response = client.post(url, {"language": "es", "motivation": "Quiero aprender.", "submit": "1"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == "submitted" and application.language == "es"


def test_submitting_without_the_required_answer_is_a_400_naming_the_field(call, applicant):
    response = _client(applicant).post(
        reverse("web:review-apply", args=[call.pk]), {"language": "es", "submit": "1"}
    )
    assert response.status_code == 400
    assert response.context["answers"].errors["motivation"]
    assert not Application.objects.filter(status="submitted").exists()


def test_applying_after_the_close_is_a_400_and_nothing_is_saved(call, applicant):
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    response = _client(applicant).post(
        reverse("web:review-apply", args=[call.pk]),
        {"language": "es", "motivation": "Tarde.", "submit": "1"},
    )
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert not Application.objects.exists()


def test_editing_a_submitted_application_through_the_page_changes_nothing(call, applicant):
    application = submitted(call, applicant)
    response = _client(applicant).post(
        reverse("web:review-apply", args=[call.pk]), {"language": "es", "motivation": "Otra."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.response.answers["motivation"].startswith("Quiero")


def test_other_members_cannot_see_an_application(call, applicant, other_client):
    application = submitted(call, applicant)
    response = other_client.get(reverse("web:review-application", args=[application.pk]))
    assert response.status_code == 403


def test_a_conflicted_reviewer_opening_the_application_gets_a_403_with_the_reason(
    call, applicant, staff, conflicted_reviewer
):
    (application,) = assigned(call, [applicant], staff)
    assignment = Assignment.objects.create(application=application, reviewer=conflicted_reviewer)
    response = _client(conflicted_reviewer).get(reverse("web:review-score", args=[assignment.pk]))
    assert response.status_code == 403
    assert "organization" in response.content.decode().lower()


def test_a_reviewer_scores_through_the_page(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    client = _client(assignment.reviewer)
    url = reverse("web:review-score", args=[assignment.pk])
    assert client.get(url).status_code == 200
    data = {f"score_{c.pk}": "4" for c in call.criteria.all()} | {"submit": "1"}
    assert client.post(url, data).status_code == 302
    assert Review.objects.get().is_submitted


def test_a_score_outside_the_scale_is_a_400_and_nothing_is_saved(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    data = {f"score_{c.pk}": "9" for c in call.criteria.all()} | {"submit": "1"}
    response = _client(assignment.reviewer).post(
        reverse("web:review-score", args=[assignment.pk]), data
    )
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_a_decline_without_a_reason_through_the_page_changes_nothing(
    call, applicant, staff, staff_client
):
    application = eligible(call, applicant, staff)
    current = decision_current(application)
    response = staff_client.post(
        reverse("web:review-decide", args=[application.pk]),
        {"decide-outcome": "decline", "decide-reason": "", "decide-supersedes": current.pk},
        follow=True,
    )
    assert "written reason" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "eligible" and Decision.objects.count() == 1


def test_staff_decide_and_the_applicant_reads_the_reason(call, applicant, staff, staff_client):
    application = eligible(call, applicant, staff)
    current = decision_current(application)
    staff_client.post(
        reverse("web:review-decide", args=[application.pk]),
        {"decide-outcome": "decline", "decide-reason": "Fuera de la región.",
         "decide-supersedes": current.pk},
    )  # fmt: skip
    page = _client(applicant).get(reverse("web:review-application", args=[application.pk]))
    assert "Fuera de la región." in page.content.decode()
    assert "Declined" in page.content.decode()


@pytest.mark.parametrize(
    "name", ["review-screening", "review-assignments", "review-ranking", "review-fairness"]
)
def test_staff_pages_are_for_call_managers_only(call, name, staff_client, other_client):
    url = reverse(f"web:{name}", args=[call.pk])
    assert staff_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 403


def test_the_ranking_page_shows_the_cut_line_in_bounded_queries(
    call, staff, staff_client, django_assert_max_num_queries
):
    call.seats = 1
    call.save()
    applications = assigned(call, [UserFactory(username=f"r{i}") for i in range(8)], staff)
    for application in applications:
        for assignment in application.assignments.all():
            Review.objects.create(
                assignment=assignment,
                scores={str(c.pk): application.pk % 6 for c in call.criteria.all()},
                submitted_at=timezone.now(),
            )
    with django_assert_max_num_queries(30):
        response = staff_client.get(reverse("web:review-ranking", args=[call.pk]))
    assert "Suggested cut line" in response.content.decode()


def test_staff_create_a_call_through_the_page(staff_client, reviewers):
    response = staff_client.post(
        reverse("web:review-call-create"),
        {
            "kind": "internet_access",
            "title": "en: Internet access grants\nes: Becas de conectividad",
            "purpose": "en: Data bundles for editors.",
            "opens_at": "2026-01-01T00:00",
            "closes_at": "2026-02-01T00:00",
            "decisions_by": "2026-03-01T00:00",
            "budget": "1000",
            "currency": "usd",
            "reviews_per_application": "2",
            "criteria": "2 | Impact\n1 | Need",
            "reviewers": "rev-a rev-b",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get(kind="internet_access")
    assert call.title["es"] == "Becas de conectividad" and call.currency == "USD"
    assert call.criteria.count() == 2 and call.reviewers.count() == 2


def test_other_members_cannot_create_calls(other_client):
    assert other_client.get(reverse("web:review-call-create")).status_code == 403


def test_the_screening_page_shows_unmet_rules_in_bounded_queries(
    call, staff_client, django_assert_max_num_queries
):
    Call.objects.filter(pk=call.pk).update(eligible_regions=["lac"], minimum_account_age_days=30)
    for n in range(6):
        submitted(call, UserFactory(username=f"s{n}"))
    with django_assert_max_num_queries(15):
        response = staff_client.get(reverse("web:review-screening", args=[call.pk]))
    content = response.content.decode()
    assert content.count("Region not among the call") == 6
    assert "days old; the call asks for 30" in content


CALL_POST = {
    "kind": "internet_access",
    "title": "en: Internet access grants",
    "opens_at": "2026-01-01T00:00",
    "closes_at": "2026-02-01T00:00",
    "decisions_by": "2026-03-01T00:00",
    "reviews_per_application": "2",
    "criteria": "1 | Need",
}


def test_staff_enter_call_times_in_their_own_zone_and_they_are_stored_in_utc(staff, staff_client):
    staff.profile.time_zone = "America/Bogota"
    staff.profile.save()
    form = staff_client.get(reverse("web:review-call-create")).content.decode()
    assert '<option value="America/Bogota" selected>' in form
    response = staff_client.post(reverse("web:review-call-create"), CALL_POST)
    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get(kind="internet_access")
    assert call.closes_at.isoformat() == "2026-02-01T05:00:00+00:00"
    page = staff_client.get(reverse("web:review-call", args=[call.pk])).content.decode()
    assert 'datetime="2026-02-01T00:00:00-05:00"' in page and "America/Bogota time" in page
    edit = staff_client.get(reverse("web:review-call-edit", args=[call.pk])).content.decode()
    assert 'value="2026-02-01 00:00:00"' in edit or 'value="2026-02-01T00:00"' in edit


def test_the_time_zone_field_overrides_the_editors_zone_and_defaults_to_utc(staff_client):
    response = staff_client.post(
        reverse("web:review-call-create"), {**CALL_POST, "time_zone": "Asia/Tokyo"}
    )
    assert response.status_code == 302
    assert Call.objects.get().opens_at.isoformat() == "2025-12-31T15:00:00+00:00"
    Call.objects.all().delete()
    assert staff_client.post(reverse("web:review-call-create"), CALL_POST).status_code == 302
    assert Call.objects.get().opens_at.isoformat() == "2026-01-01T00:00:00+00:00"


def test_an_unknown_time_zone_in_the_call_form_is_a_400_and_nothing_saved(staff_client):
    response = staff_client.post(
        reverse("web:review-call-create"), {**CALL_POST, "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 400 and not Call.objects.exists()


def test_a_review_decision_and_its_audit_rows_link_to_each_other(
    call, applicant, staff, staff_client, other_client
):
    application = eligible(call, applicant, staff)
    screened = decision_current(application)
    response = staff_client.post(
        reverse("web:review-decide", args=[application.pk]),
        {"decide-outcome": "decline", "decide-reason": "Outside the region.",
         "decide-supersedes": str(screened.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    declined = decision_current(application)
    assert declined.outcome == "decline"
    decision_url = reverse("web:integrity-decision", args=[declined.pk])
    # The application page links each decision to its page (staff and board).
    detail = staff_client.get(reverse("web:review-application", args=[application.pk]))
    assert f'href="{decision_url}"' in detail.content.decode()
    # The decision page lists the audit row it wrote, and only that one.
    page = staff_client.get(decision_url).content.decode()
    rows = page.split('class="decision-audit"')[1].split("</ul>")[0]
    assert rows.count("<li>") == 1 and f"&#x27;decision&#x27;: {declined.pk}," in rows
    assert "action=integrity.decision" in rows
    # The audit browser's row for that decision links back to the decision page.
    audit = staff_client.get(
        reverse("web:audit-list"),
        {"target_type": "review.application", "target_id": application.pk},
    ).content.decode()
    assert f'href="{decision_url}"' in audit
    assert f'href="{reverse("web:integrity-decision", args=[screened.pk])}"' in audit
    assert other_client.get(decision_url).status_code == 403


def _workload(html: str) -> dict[str, list[str]]:
    import re

    table = html.split('class="reviewer-workload"')[1].split("</table>")[0]
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        name = re.sub(r"<[^>]+>", "", row.split("</th>")[0]).strip()
        rows[name] = re.findall(r"<td>(\d+)</td>", row)
    return rows


def test_the_assignment_page_shows_each_reviewers_workload_in_bounded_queries(
    call, applicant, staff, staff_client, conflicted_reviewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from capacityhub.review.selectors import reviewer_workload
    from capacityhub.review.services import review_save

    (application,) = assigned(call, [applicant], staff)
    first = application.assignments.order_by("reviewer__username").first()
    scores = {str(c.pk): 4 for c in call.criteria.all()}
    review_save(actor=first.reviewer, assignment=first, scores=scores, submit=True)
    url = reverse("web:review-assignments", args=[call.pk])

    with CaptureQueriesContext(connection) as small:
        html = staff_client.get(url).content.decode()
    rows = _workload(html)
    assert rows["rev-same-org"] == ["0", "0", "1"]  # recused, never assigned
    assert sum(int(r[0]) for r in rows.values()) == 2  # two reviews per application
    assert rows[first.reviewer.username] == ["1", "1", "0"]

    # More applicants and reviewers: the page costs no more queries for the workload.
    more = [UserFactory(username=f"more-{n}") for n in range(6)]
    call.reviewers.add(*[UserFactory(username=f"extra-rev-{n}") for n in range(4)])
    assigned(call, more, staff)
    with CaptureQueriesContext(connection) as large:
        html = staff_client.get(url).content.decode()
    assert len(_workload(html)) == 8
    assert len(large.captured_queries) <= len(small.captured_queries)
    with django_assert_max_num_queries(10):
        assert len(reviewer_workload(call=call)) == 8
