"""Every forms and integrity model is in the admin, and the admin pages open for staff."""

import pytest
from django.contrib import admin
from django.urls import reverse

from capacityhub.forms.models import Form, FormVersion, Question, Response, ResponseFile
from capacityhub.integrity.models import Decision, Interest

MODELS = [Form, FormVersion, Question, Response, ResponseFile, Interest, Decision]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_model_has_an_admin_list_that_opens(model, client, db):
    from capacityhub.community.tests.factories import UserFactory

    assert admin.site.is_registered(model)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
