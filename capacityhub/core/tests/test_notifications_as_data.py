"""Notifications are stored as data and shown in the reader's language of the moment."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from capacityhub.core.models import Notification
from capacityhub.core.notifications import (
    message_key,
    notification_body,
    notification_subject,
    notify,
)

pytestmark = pytest.mark.django_db

INVITE = gettext_lazy("%(name)s invites you to help with “%(need)s”")
CONTEXT = {"name": "Amina", "need": "Grant reports"}


def test_it_stores_the_message_key_and_its_values_not_only_the_text(owner):
    notification = notify(recipient=owner, subject=INVITE, context=CONTEXT)

    notification.refresh_from_db()
    assert notification.subject_key == "%(name)s invites you to help with “%(need)s”"
    assert notification.params == CONTEXT
    assert notification.subject == "Amina invites you to help with “Grant reports”"


def test_a_notification_sent_in_english_reads_in_arabic_to_an_arabic_reader(owner):
    # given: created while English is active, for an English-speaking recipient
    notification = notify(recipient=owner, subject=INVITE, context=CONTEXT)

    # when: shown to the recipient after they switched to Arabic
    with translation.override("ar"):
        shown = notification_subject(Notification.objects.get(pk=notification.pk))

    # then
    assert shown == "يدعوك Amina إلى المساعدة في «Grant reports»"


def test_the_values_are_isolated_when_shown_beside_text_in_another_direction(owner):
    notification = notify(recipient=owner, subject=INVITE, context=CONTEXT)

    with translation.override("ar"):
        shown = notification_subject(notification, isolate=True)

    assert "\u2068Amina\u2069" in shown


def test_plain_text_is_stored_and_shown_as_written(owner):
    notification = notify(
        recipient=owner, subject=INVITE, body="Fixed, thanks (100% sure)", context=CONTEXT
    )

    with translation.override("ar"):
        assert notification_body(notification) == "Fixed, thanks (100% sure)"
    assert notification.body_key == ""


def test_rows_stored_before_the_keys_existed_stay_readable(owner):
    old = Notification.objects.create(recipient=owner, subject="Old subject", body="Old body")

    with translation.override("ar"):
        assert notification_subject(old) == "Old subject"
        assert notification_body(old) == "Old body"


def test_a_message_whose_placeholders_changed_falls_back_to_the_stored_text(owner):
    old = Notification.objects.create(
        recipient=owner, subject="Stored", subject_key="Hi %(gone)s", params={"other": "x"}
    )

    assert notification_subject(old) == "Stored"


def test_only_translatable_strings_have_a_message_key():
    from django.urls import reverse_lazy

    assert message_key(gettext_lazy("Hello")) == "Hello"
    assert message_key("Hello") == ""
    assert message_key(reverse_lazy("web:home")) == ""


def test_the_inbox_page_shows_the_notification_in_the_readers_language(owner, owner_client):
    notify(recipient=owner, subject=INVITE, context=CONTEXT)
    owner.preferred_language = "ar"
    owner.save()

    html = owner_client.get("/inbox/").content.decode()

    assert "يدعوك \u2068Amina\u2069 إلى المساعدة في" in html


def test_the_api_shows_the_notification_in_the_readers_language(owner, owner_client):
    notify(recipient=owner, subject=INVITE, context=CONTEXT)
    owner.preferred_language = "ar"
    owner.save()

    data = owner_client.get("/api/v1/me/notifications").json()

    assert data["results"][0]["subject"] == "يدعوك Amina إلى المساعدة في «Grant reports»"
