"""Forms of the settings pages: interface language, API tokens, account deletion."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Interface language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, as in the header's switcher.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=80,
        help_text=gettext_lazy("What the token is for, e.g. “chapter website”."),
    )


class AccountDeleteForm(forms.Form):
    """The person types their username to show they mean it."""

    username = forms.CharField(label=gettext_lazy("Type your username to confirm"), max_length=150)

    def __init__(self, *args, user, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].widget.attrs["autocomplete"] = "off"
        # An organization whose last manager this is: who takes over (the service checks).
        self.organizations = list(organizations)
        for organization in self.organizations:
            members = organization.memberships.exclude(user=user).filter(user__is_active=True)
            choices = [("", _("Choose a member"))]
            choices += [(m.user.username, m.user.username) for m in members.select_related("user")]
            self.fields[f"successor_{organization.pk}"] = forms.ChoiceField(
                label=_("Who manages %(organization)s after you?")
                % {"organization": organization.name},
                choices=choices,
                required=False,
            )

    def successors(self) -> dict[int, str]:
        return {
            organization.pk: self.cleaned_data.get(f"successor_{organization.pk}", "")
            for organization in self.organizations
        }

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if username != self.user.get_username():
            raise forms.ValidationError(_("This is not your username."))
        return username
