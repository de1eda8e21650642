"""Recognition pages: feed, giving, a barnstar's page, badges, credentials and the verifier."""

import json

import pytest
from django.urls import reverse

from capacityhub.recognition.models import Achievement, Award, Barnstar
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.recognition.services.barnstars import barnstar_give

pytestmark = pytest.mark.django_db


@pytest.fixture
def barnstar(owner, other):
    return barnstar_give(actor=owner, recipient=other, kind="welcome", message="Welcome aboard!")


@pytest.fixture
def award(staff, owner):
    badge = achievement_create(actor=staff, name="Host", description="d", criteria="c")
    return award_by_hand(actor=staff, achievement=badge, recipient=owner)


def test_the_feed_shows_barnstars_with_their_image(client, barnstar, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("web:barnstar-feed"))
    assert response.status_code == 200
    assert "Welcome aboard!" in response.content.decode()
    assert "web/barnstars/welcome" in response.content.decode()


def test_give_page_refuses_a_self_award(owner_client):
    response = owner_client.post(
        reverse("web:barnstar-give"), {"recipient": "owner", "kind": "mentor", "message": "Me"}
    )
    assert response.status_code == 422 and not Barnstar.objects.exists()


def test_give_page_sends_a_barnstar(owner_client, other):
    response = owner_client.post(
        reverse("web:barnstar-give"), {"recipient": "other", "kind": "mentor", "message": "Hi"}
    )
    assert response.status_code == 302 and Barnstar.objects.get().recipient == other


def test_give_needs_sign_in(client):
    assert client.get(reverse("web:barnstar-give")).status_code == 302


def test_recipient_hides_and_staff_moderate(barnstar, other_client, owner_client, staff_client):
    url = reverse("web:barnstar-hide", args=[barnstar.pk])
    assert owner_client.post(url, {"hidden": "1"}).status_code == 403
    assert other_client.post(url, {"hidden": "1"}).status_code == 302
    barnstar.refresh_from_db()
    assert barnstar.hidden_by_recipient
    moderate = reverse("web:barnstar-moderate", args=[barnstar.pk])
    assert owner_client.post(moderate, {"hide": "1", "reason": "x"}).status_code == 403
    assert staff_client.post(moderate, {"hide": "1", "reason": "Abuse"}).status_code == 302
    assert staff_client.get(reverse("web:barnstar-detail", args=[barnstar.pk])).status_code == 200


def test_report_and_reports_page(barnstar, manager_client, staff_client, owner_client):
    url = reverse("web:barnstar-report", args=[barnstar.pk])
    assert manager_client.post(url, {"reason": "Spam"}).status_code == 302
    page = staff_client.get(reverse("web:barnstar-reports"))
    assert page.status_code == 200 and "Spam" in page.content.decode()
    assert owner_client.get(reverse("web:barnstar-reports")).status_code == 403


def test_profile_shows_barnstars_and_badges(client, barnstar, award, owner, other):
    page = client.get(reverse("web:profile-detail", args=["other"]))
    assert "Welcome aboard!" in page.content.decode()
    page = client.get(reverse("web:profile-detail", args=["owner"]))
    assert "Host" in page.content.decode()


def test_badge_pages(client, staff_client, manager_client, owner_client, taxonomy, owner):
    assert client.get(reverse("web:achievement-list")).status_code == 200
    assert owner_client.get(reverse("web:achievement-create")).status_code == 403
    assert manager_client.get(reverse("web:achievement-create")).status_code == 200
    response = staff_client.post(
        reverse("web:achievement-create"),
        {
            "name": "Mentor",
            "description": "d",
            "criteria": "c",
            "image": "book",
            "capacities": ["technology"],
            "rule_kind": "evidence_count",
            "rule_evidence_kind": "completed",
            "rule_capacity": "lua-scripting",
            "rule_number": 3,
        },
    )
    assert response.status_code == 302
    achievement = Achievement.objects.get()
    assert achievement.rule_params == {
        "kind": "completed",
        "capacity": "lua-scripting",
        "minimum": 3,
    }
    detail = reverse("web:achievement-detail", args=[achievement.pk])
    assert client.get(detail).status_code == 200
    award = reverse("web:achievement-award", args=[achievement.pk])
    assert owner_client.post(award, {"recipient": "other"}).status_code == 403
    assert staff_client.post(award, {"recipient": "owner"}).status_code == 302
    assert Award.objects.get().recipient == owner


def test_credential_pages(client, owner_client, staff_client, award):
    page = client.get(award.get_absolute_url())
    assert page.status_code == 200 and "Valid" in page.content.decode()
    downloaded = client.get(reverse("web:credential-json", args=[award.public_id]) + "?download=1")
    assert json.loads(downloaded.content) == award.credential
    assert "attachment" in downloaded["Content-Disposition"]
    assert (
        client.get(reverse("web:credential-jwt", args=[award.public_id])).content.decode()
        == award.jwt
    )
    shown = reverse("web:credential-shown", args=[award.public_id])
    assert owner_client.post(shown, {"shown": "0"}).status_code == 302
    revoke = reverse("web:credential-revoke", args=[award.public_id])
    assert owner_client.post(revoke, {"reason": "x"}).status_code == 403
    assert staff_client.post(revoke, {"reason": "Issued by mistake"}).status_code == 302
    assert "Revoked" in client.get(award.get_absolute_url()).content.decode()


def test_the_verifier_page(client, award):
    url = reverse("web:credential-verifier")
    assert client.get(url).status_code == 200
    good = client.post(url, {"credential": json.dumps(award.credential)})
    assert good.status_code == 200 and "Valid." in good.content.decode()
    forged = dict(award.credential, name="Other")
    bad = client.post(url, {"credential": json.dumps(forged)})
    assert bad.status_code == 422 and "Invalid." in bad.content.decode()
    assert client.post(url, {"credential": "{not json"}).status_code == 422
    assert client.post(url, {"credential": award.jwt}).status_code == 200


def test_published_documents(client, award):
    for name, args in [
        ("recognition-issuer", []),
        ("recognition-jwks", []),
        ("recognition-schema", []),
        ("recognition-status-list", [0]),
    ]:
        assert client.get(reverse(f"web:{name}", args=args)).status_code == 200
    assert client.get(reverse("web:recognition-key", args=["nope"])).status_code == 404
    assert client.get(reverse("web:recognition-status-list", args=[10**6])).status_code == 404


def test_a_badge_for_one_stage_of_a_programme_is_defined_on_the_page(staff_client, taxonomy):
    from capacityhub.mentoring.models import Programme, Stage

    programme = Programme.objects.create(title="Emerging organizers")
    Stage.objects.create(programme=programme, position=3, title="Lead")
    fields = {"name": "Leader", "description": "d", "criteria": "c", "image": "book",
              "rule_kind": "stage_completion", "rule_programme": programme.pk}  # fmt: skip

    refused = staff_client.post(reverse("web:achievement-create"), fields | {"rule_stage": 4})
    assert refused.status_code == 422 and "no stage 4" in refused.content.decode()
    assert not Achievement.objects.exists()

    response = staff_client.post(reverse("web:achievement-create"), fields | {"rule_stage": 3})
    assert response.status_code == 302
    assert Achievement.objects.get().rule_params == {
        "minimum": 1,
        "programme": programme.pk,
        "stage": 3,
    }
