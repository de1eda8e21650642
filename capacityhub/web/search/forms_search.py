from django import forms
from django.utils.translation import gettext_lazy as _

from capacityhub.search.registry import labels


class SearchForm(forms.Form):
    """The search page's GET form. Invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Only"),
        required=False,
        choices=lambda: list(labels().items()),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
