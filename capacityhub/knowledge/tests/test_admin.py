"""The admin: staff read resources and curate them with actions that call the services."""

import pytest
from django.urls import reverse

from capacityhub.core.models import AuditEntry

from .factories import ResourceFactory, ResourceReportFactory

pytestmark = pytest.mark.django_db


def test_staff_feature_resources_with_an_audited_admin_action(staff_client):
    resource = ResourceFactory()

    staff_client.post(
        reverse("admin:knowledge_resource_changelist"),
        {"action": "feature", "_selected_action": [resource.pk]},
    )

    resource.refresh_from_db()
    assert resource.is_featured
    assert AuditEntry.objects.filter(action="resource.feature").exists()


def test_staff_dismiss_reports_from_the_admin(staff_client):
    report = ResourceReportFactory()

    staff_client.post(
        reverse("admin:knowledge_resourcereport_changelist"),
        {"action": "dismiss", "_selected_action": [report.pk]},
    )

    report.refresh_from_db()
    assert report.status == "dismissed"


def test_the_resource_list_and_page_open_in_the_admin(staff_client):
    resource = ResourceFactory()

    assert staff_client.get(reverse("admin:knowledge_resource_changelist")).status_code == 200
    change = reverse("admin:knowledge_resource_change", args=[resource.pk])
    assert staff_client.get(change).status_code == 200
