"""Editing and archiving a badge from its page."""

import pytest
from django.urls import reverse

from capacityhub.recognition.models import Achievement
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(manager, organization, taxonomy):
    return achievement_create(
        actor=manager,
        organization=organization,
        name="Host",
        description="d",
        criteria="c",
        capacities=["technology"],
        rule_kind="evidence_count",
        rule_params={"kind": "completed", "minimum": 3},
    )


FORM = {
    "version": 1,
    "name": "Guide",
    "description": "d2",
    "criteria": "c2",
    "image": "book",
    "capacities": ["technology"],
    "rule_kind": "evidence_count",
    "rule_evidence_kind": "completed",
    "rule_number": 4,
}


def test_the_owner_sees_the_edit_link_and_a_prefilled_form(ours, manager_client, owner_client):
    edit = reverse("web:achievement-edit", args=[ours.pk])
    assert edit in manager_client.get(ours.get_absolute_url()).content.decode()
    assert edit not in owner_client.get(ours.get_absolute_url()).content.decode()
    page = manager_client.get(edit)
    assert page.status_code == 200
    assert 'value="Host"' in page.content.decode()
    assert owner_client.get(edit).status_code == 403


def test_saving_the_form_edits_the_badge(ours, manager_client):
    response = manager_client.post(reverse("web:achievement-edit", args=[ours.pk]), FORM)
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.name, ours.image, ours.version) == ("Guide", "book", 2)
    assert ours.rule_params == {"kind": "completed", "minimum": 4}


def test_a_stale_or_bad_form_is_shown_again_and_changes_nothing(ours, manager_client):
    url = reverse("web:achievement-edit", args=[ours.pk])
    assert manager_client.post(url, FORM | {"version": 5}).status_code == 422
    assert manager_client.post(url, FORM | {"name": ""}).status_code == 422
    ours.refresh_from_db()
    assert (ours.name, ours.version) == ("Host", 1)


def test_archiving_keeps_the_page_and_the_credentials(ours, manager, manager_client, owner, client):
    award = award_by_hand(actor=manager, achievement=ours, recipient=owner)
    archive = reverse("web:achievement-archive", args=[ours.pk])
    response = manager_client.post(archive)
    assert response.status_code == 302
    assert Achievement.objects.get().archived_at is not None
    page = client.get(ours.get_absolute_url())
    assert page.status_code == 200 and "awarded no more" in page.content.decode()
    assert "Host" not in client.get(reverse("web:achievement-list")).content.decode()
    assert client.get(award.get_absolute_url()).status_code == 200
    assert manager_client.get(reverse("web:achievement-edit", args=[ours.pk])).status_code == 403


def test_others_cannot_archive(ours, owner_client, client):
    archive = reverse("web:achievement-archive", args=[ours.pk])
    assert owner_client.post(archive).status_code == 403
    assert client.post(archive).status_code == 302  # to sign in
    assert Achievement.objects.get().archived_at is None
