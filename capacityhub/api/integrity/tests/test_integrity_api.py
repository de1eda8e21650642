"""The integrity API: declare and withdraw interests; oversight reads for staff and board."""

import pytest

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.models import Interest
from capacityhub.integrity.services import decision_record, interest_declare

pytestmark = pytest.mark.django_db


def post(client, path, data=None, **headers):
    return client.post(f"{API}{path}", data or {}, content_type="application/json", headers=headers)


def test_a_member_declares_and_withdraws_an_interest(owner_client, other):
    declared = post(
        owner_client, "/me/interests", {"kind": "personal_relationship", "person": "other"}
    )

    assert declared.status_code == 201 and declared.json()["person"] == "other"
    interest_id = declared.json()["id"]
    withdrawn = post(owner_client, f"/me/interests/{interest_id}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert post(owner_client, f"/me/interests/{interest_id}/withdraw").status_code == 422
    assert len(owner_client.get(f"{API}/me/interests").json()) == 1


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"kind": "personal_relationship"}, 422, "person"),
        ({"kind": "gift", "person": "other"}, 422, "kind"),
        ({"kind": "financial", "person": "owner"}, 422, "person"),
        ({"kind": "financial", "person": "other", "extra": 1}, 422, "extra"),
    ],
)
def test_a_bad_declaration_is_refused_naming_the_field(owner_client, other, data, status, field):
    response = post(owner_client, "/me/interests", data)

    assert response.status_code == status and field in error_fields(response)
    assert not Interest.objects.exists()


def test_an_unknown_person_or_organization_is_a_404(owner_client):
    assert (
        post(owner_client, "/me/interests", {"kind": "financial", "person": "ghost"}).status_code
        == 404
    )
    assert (
        post(
            owner_client, "/me/interests", {"kind": "financial", "organization": "ghost"}
        ).status_code
        == 404
    )


def test_nobody_withdraws_someone_elses_declaration(owner, other, other_client, client):
    interest = interest_declare(actor=owner, kind="financial", person=other)

    assert post(other_client, f"/me/interests/{interest.pk}/withdraw").status_code == 403
    assert post(client, f"/me/interests/{interest.pk}/withdraw").status_code == 401
    interest.refresh_from_db()
    assert interest.withdrawn_at is None


def test_oversight_reads_are_for_staff_and_board_only(
    staff, owner, other, organization, other_client, staff_client, client
):
    interest_declare(actor=owner, kind="financial", person=other)
    decision = decision_record(actor=staff, subject=organization, outcome="eligible", reason="ok")
    board = UserFactory(is_board_member=True)

    for path in ("/interests", f"/decisions/{decision.pk}", "/audit", "/decisions"):
        assert other_client.get(f"{API}{path}").status_code == 403
        assert client.get(f"{API}{path}").status_code == 401
        assert staff_client.get(f"{API}{path}").status_code == 200
        assert client.get(f"{API}{path}", headers=bearer(board)).status_code == 200
    audit = staff_client.get(
        f"{API}/audit", {"target_type": "community.organization", "target_id": organization.pk}
    ).json()
    assert audit["count"] == 1 and audit["results"][0]["changes"]["decision"] == decision.pk
    assert staff_client.get(f"{API}/decisions/{decision.pk}").json()["reason"] == "ok"


def test_decisions_are_listed_by_subject(staff, staff_client, organization):
    first = decision_record(actor=staff, subject=organization, outcome="waitlist")
    decision_record(actor=staff, subject=organization, outcome="accept", supersedes=first)

    listed = staff_client.get(
        f"{API}/decisions",
        {"subject_type": "community.organization", "subject_id": organization.pk},
    ).json()

    assert [d["outcome"] for d in listed["results"]] == ["accept", "waitlist"]
    assert listed["results"][0]["supersedes"] == first.pk
