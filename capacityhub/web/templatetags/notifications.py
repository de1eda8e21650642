"""A notification's words in the reader's language: `{{ notification|notification_subject }}`."""

from django import template

from capacityhub.core import notifications

register = template.Library()


@register.filter
def notification_subject(notification) -> str:
    return notifications.notification_subject(notification, isolate=True)


@register.filter
def notification_body(notification) -> str:
    return notifications.notification_body(notification, isolate=True)
