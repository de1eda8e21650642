import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import Notification
from capacityhub.core.notifications import (
    notification_list,
    notification_mark_read,
    notification_unread_count,
    notifications_mark_all_read,
    notify,
)

pytestmark = pytest.mark.django_db


def test_notify_puts_it_in_the_inbox_and_emails_only_after_commit(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify(
            recipient=owner, subject="Hello", body="A body", url="/connections/1/"
        )
        assert mailoutbox == []

    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Hello"
    assert mailoutbox[0].to == [owner.email]
    assert "A body" in mailoutbox[0].body
    assert "/connections/1/" in mailoutbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.read_at is None


def test_a_rolled_back_action_emails_no_one(owner, mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipient=owner, subject="Never sent")
        raise RuntimeError

    assert callbacks == []
    assert mailoutbox == []
    assert not Notification.objects.filter(subject="Never sent").exists()


def test_the_subject_and_body_are_in_the_recipients_language(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    french = UserFactory(username="amelie", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        # Whatever language the sender's request is in, each recipient reads their own.
        for recipient in (french, owner):
            notify(
                recipient=recipient,
                subject=gettext_lazy("Organizations"),
                body=gettext_lazy("%(name)s: Please sign in first."),
                context={"name": "Amina"},
            )

    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {french.email: "Organisations", owner.email: "Organizations"}
    assert Notification.objects.get(recipient=french).subject == "Organisations"


def test_an_unknown_preferred_language_falls_back_to_the_default(owner):
    owner.preferred_language = "xx"
    owner.save()

    notification = notify(recipient=owner, subject=gettext_lazy("Inbox"))

    assert notification.subject == "Inbox"


def test_inactive_people_and_people_without_an_email_get_no_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    inactive = UserFactory(username="gone", is_active=False)
    no_email = UserFactory(username="noemail", email="")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipient=inactive, subject="One")
        notify(recipient=no_email, subject="Two")

    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.filter(recipient__in=[inactive, no_email]).count() == 2


def test_a_mail_failure_is_logged_not_raised(
    owner, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("capacityhub.core.notifications.send_mail", broken)

    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=owner, subject="Hello")

    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert "Could not e-mail notification" in caplog.text


def test_a_long_subject_is_shortened_to_fit(owner):
    notification = notify(recipient=owner, subject="x" * 500)

    assert len(notification.subject) == 200
    assert notification.subject.endswith("…")


def test_the_owner_marks_a_notification_read_once(owner):
    notification = notify(recipient=owner, subject="Hello")

    notification_mark_read(actor=owner, notification=notification)
    first = Notification.objects.get(pk=notification.pk).read_at
    notification_mark_read(actor=owner, notification=notification)

    assert first is not None
    assert Notification.objects.get(pk=notification.pk).read_at == first


def test_another_member_cannot_mark_the_owners_notification_read(owner, other, anonymous):
    notification = notify(recipient=owner, subject="Hello")

    for actor in (other, anonymous):
        with pytest.raises(PermissionDenied):
            notification_mark_read(actor=actor, notification=notification)

    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_marking_all_read_touches_only_ones_own_unread_notifications(owner, other):
    notify(recipient=owner, subject="One")
    notify(recipient=owner, subject="Two")
    theirs = notify(recipient=other, subject="Theirs")

    assert notification_unread_count(user=owner) == 2
    assert notifications_mark_all_read(actor=owner) == 2
    assert notifications_mark_all_read(actor=owner) == 0
    assert notification_unread_count(user=owner) == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_anonymous_has_an_empty_inbox_and_cannot_mark_all_read(anonymous):
    assert list(notification_list(user=anonymous)) == []
    assert notification_unread_count(user=anonymous) == 0
    with pytest.raises(PermissionDenied):
        notifications_mark_all_read(actor=anonymous)


def test_the_inbox_lists_newest_first_and_can_show_unread_only(owner):
    old = notify(recipient=owner, subject="Old")
    new = notify(recipient=owner, subject="New")
    notification_mark_read(actor=owner, notification=old)

    assert list(notification_list(user=owner)) == [new, old]
    assert list(notification_list(user=owner, unread_only=True)) == [new]
