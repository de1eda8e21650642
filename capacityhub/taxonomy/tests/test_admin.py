"""The taxonomy admin: proposal decisions go through the services."""

import pytest
from django.urls import reverse

from capacityhub.community.models import User
from capacityhub.core.models import AuditEntry
from capacityhub.taxonomy.models import Capacity, CapacityProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    admin_user = User.objects.create_superuser("root", "root@example.org", "pass-word-1234")
    client.force_login(admin_user)
    return client


@pytest.fixture
def proposal():
    proposer = User.objects.create_user("proposer", password="pass-word-1234")
    parent = Capacity.objects.create(code="outreach")
    return CapacityProposal.objects.create(
        proposer=proposer, parent=parent, code="podcasts", language="en", label="Podcasts"
    )


def run_action(client, action: str, proposal: CapacityProposal):
    return client.post(
        reverse("admin:taxonomy_capacityproposal_changelist"),
        {"action": action, "_selected_action": [proposal.pk]},
        follow=True,
    )


def test_approving_a_proposal_in_admin_creates_the_capacity(superuser_client, proposal):
    response = run_action(superuser_client, "approve", proposal)
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.APPROVED
    assert Capacity.objects.get(code="podcasts").parent.code == "outreach"
    assert "1 proposal approved." in response.content.decode()
    assert AuditEntry.objects.filter(action="capacity_proposal.approved").exists()


def test_rejecting_a_proposal_in_admin_records_the_note(superuser_client, proposal):
    run_action(superuser_client, "reject", proposal)
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.REJECTED
    assert proposal.decision_note == "Rejected in admin"
    assert not Capacity.objects.filter(code="podcasts").exists()


def test_a_decided_proposal_is_left_alone(superuser_client, proposal):
    run_action(superuser_client, "reject", proposal)
    response = run_action(superuser_client, "approve", proposal)
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.REJECTED
    assert "0 proposals approved." in response.content.decode()


def test_the_capacity_admin_pages_open(superuser_client, proposal):
    capacity = Capacity.objects.get(code="outreach")
    for url in [
        reverse("admin:taxonomy_capacity_changelist") + "?q=out",
        reverse("admin:taxonomy_capacity_change", args=[capacity.pk]),
        reverse("admin:taxonomy_method_add"),
        reverse("admin:taxonomy_capacityproposal_change", args=[proposal.pk]),
    ]:
        assert superuser_client.get(url).status_code == 200, url
