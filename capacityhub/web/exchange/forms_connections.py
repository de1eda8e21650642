"""Forms for connections: inviting, writing in the thread, feedback, and the inbox."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.exchange.models import Feedback, Message

MESSAGE_MAX = Message._meta.get_field("body").max_length
COMMENT_MAX = Feedback._meta.get_field("comment").max_length


class InviteForm(forms.Form):
    """Who is invited travels in hidden fields (chosen on the matches list); the requester
    writes the first message."""

    provider = forms.CharField(required=False, max_length=150, widget=forms.HiddenInput)
    organization = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    offer = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what you need help with and when you could meet."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Write a message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was it?"),
        choices=[
            (5, _("5 — excellent")),
            (4, _("4 — good")),
            (3, _("3 — fair")),
            (2, _("2 — poor")),
            (1, _("1 — not helpful")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InboxForm(forms.Form):
    """Mark one notification read (and optionally open it), or all of them."""

    notification = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    all = forms.BooleanField(required=False)
    open = forms.BooleanField(required=False)


class InboxFilterForm(forms.Form):
    unread = forms.BooleanField(label=_("Unread only"), required=False)
