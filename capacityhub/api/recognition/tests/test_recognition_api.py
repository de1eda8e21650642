"""The recognition API: barnstars, badges, credentials and the verifier."""

import copy

import pytest

from capacityhub.api.core.tests import API, error_fields
from capacityhub.recognition.models import Achievement, Award, Barnstar
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.recognition.services.barnstars import barnstar_give

pytestmark = pytest.mark.django_db


def post(client, path, data=None):
    return client.post(f"{API}{path}", data or {}, content_type="application/json")


@pytest.fixture
def award(staff, owner):
    badge = achievement_create(actor=staff, name="Host", description="d", criteria="c")
    return award_by_hand(actor=staff, achievement=badge, recipient=owner)


def test_give_a_barnstar_and_read_the_feed(owner_client, other, client):
    response = post(
        owner_client, "/barnstars", {"recipient": "other", "kind": "teacher", "message": "Thanks!"}
    )
    assert response.status_code == 201
    assert client.get(f"{API}/barnstars").json()["count"] == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"recipient": "owner", "kind": "teacher", "message": "Me!"}, "recipient"),
        ({"recipient": "nobody", "kind": "teacher", "message": "Hi"}, "recipient"),
        ({"recipient": "other", "kind": "gold", "message": "Hi"}, "kind"),
        (
            {"recipient": "other", "kind": "teacher", "message": "Hi", "capacity": "nope"},
            "capacity",
        ),
        ({"recipient": "other", "kind": "teacher", "message": "Hi", "extra": 1}, "extra"),
    ],
)
def test_bad_barnstars_are_refused_naming_the_field(owner_client, other, data, field):
    response = post(owner_client, "/barnstars", data)
    assert response.status_code == 422 and field in error_fields(response)
    assert not Barnstar.objects.exists()


def test_over_the_daily_limit(settings, owner_client, other):
    settings.RECOGNITION_BARNSTARS_PER_DAY = 1
    data = {"recipient": "other", "kind": "teacher", "message": "Thanks!"}
    assert post(owner_client, "/barnstars", data).status_code == 201
    response = post(owner_client, "/barnstars", data)
    assert response.status_code == 422 and "giver" in error_fields(response)
    assert Barnstar.objects.count() == 1


def test_anonymous_cannot_write(client, other):
    response = post(client, "/barnstars", {"recipient": "other", "kind": "teacher", "message": "x"})
    assert response.status_code == 401


def test_hide_report_moderate(owner, other, other_client, owner_client, staff_client):
    barnstar = barnstar_give(actor=owner, recipient=other, kind="mentor", message="Thanks")
    assert (
        post(owner_client, f"/barnstars/{barnstar.pk}/hidden", {"hidden": True}).status_code == 403
    )
    assert (
        post(other_client, f"/barnstars/{barnstar.pk}/hidden", {"hidden": True}).status_code == 200
    )
    assert (
        post(owner_client, f"/barnstars/{barnstar.pk}/reports", {"reason": "x"}).status_code == 201
    )
    assert (
        post(
            owner_client, f"/barnstars/{barnstar.pk}/moderation", {"hide": True, "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        post(
            staff_client, f"/barnstars/{barnstar.pk}/moderation", {"hide": True, "reason": "Abuse"}
        ).status_code
        == 200
    )
    assert post(
        staff_client, "/barnstars/99999999999999999999/hidden", {"hidden": True}
    ).status_code in (404, 422)


def test_define_badges(staff_client, manager_client, owner_client, organization, taxonomy):
    data = {
        "name": "Mentor",
        "description": "d",
        "criteria": "c",
        "capacities": ["technology"],
        "rule_kind": "evidence_count",
        "rule_params": {"kind": "completed", "source_model": "mentoring.mentorship", "minimum": 3},
    }
    assert post(staff_client, "/badges", data).status_code == 201
    assert post(manager_client, "/badges", data).status_code == 403
    assert post(manager_client, "/badges", data | {"organization": "wm-kano"}).status_code == 201
    assert post(owner_client, "/badges", data | {"organization": "wm-kano"}).status_code == 403
    bad = post(
        staff_client, "/badges", data | {"rule_params": {"kind": "completed", "capacity": "nope"}}
    )
    assert bad.status_code == 422 and "rule_params" in error_fields(bad)
    assert Achievement.objects.count() == 2


def test_award_download_verify_revoke(staff_client, owner_client, other_client, client, award):
    public = str(award.public_id)
    mine = owner_client.get(f"{API}/me/badges").json()
    assert [a["id"] for a in mine] == [public]
    check = client.get(f"{API}/credentials/{public}/verification").json()
    assert check["status"] == "valid"
    assert post(client, "/credentials/verify", {"credential": award.credential}).status_code == 200
    assert post(client, "/credentials/verify", {"jwt": award.jwt}).status_code == 200
    assert post(other_client, f"/credentials/{public}/revoke", {"reason": "x"}).status_code == 403
    assert post(other_client, f"/credentials/{public}/shown", {"shown": False}).status_code == 403
    assert post(owner_client, f"/credentials/{public}/shown", {"shown": False}).status_code == 200
    assert (
        post(staff_client, f"/credentials/{public}/revoke", {"reason": "Oops"}).status_code == 200
    )
    assert client.get(f"{API}/credentials/{public}/verification").json()["status"] == "revoked"
    assert client.get(f"{API}/credentials/not-a-uuid/verification").status_code == 404


@pytest.mark.parametrize("change", ["name", "subject", "proof", "issuer_key"])
def test_a_forged_or_altered_credential_is_invalid_and_nothing_changes(client, award, change):
    forged = copy.deepcopy(award.credential)
    if change == "name":
        forged["name"] = "Something else"
    elif change == "subject":
        forged["credentialSubject"]["id"] = "https://evil.example/me"
    elif change == "proof":
        forged["proof"]["proofValue"] = "z" + "1" * 80
    else:
        forged["proof"]["verificationMethod"] = "https://evil.example/key"
    before = Award.objects.values_list("pk", "revoked_at", "credential")
    snapshot = list(before)
    response = post(client, "/credentials/verify", {"credential": forged})
    assert response.status_code == 422 and "credential" in error_fields(response)
    assert list(before) == snapshot


def test_verifier_refuses_junk(client):
    for body in (
        {"credential": {"type": "x"}},
        {"jwt": "not.a.jwt"},
        {},
        {"credential": {}, "jwt": "x"},
    ):
        assert post(client, "/credentials/verify", body).status_code == 422


def test_lists_are_bounded(client, staff, django_assert_max_num_queries):
    for i in range(5):
        achievement_create(actor=staff, name=f"B{i}", description="d", criteria="c")
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}/badges").json()["count"] == 5
    with django_assert_max_num_queries(8):
        client.get(f"{API}/barnstars")
