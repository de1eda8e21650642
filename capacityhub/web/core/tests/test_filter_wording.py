"""The shared filter options mean the same thing and use the same words on every list."""

import pytest
from django.http import QueryDict

from capacityhub.web.community.forms_organizations import OrganizationFilterForm
from capacityhub.web.community.forms_people import PeopleFilterForm
from capacityhub.web.exchange.forms_needs import NeedFilterForm
from capacityhub.web.exchange.forms_offers import OfferFilterForm

pytestmark = pytest.mark.django_db
FORMS = [PeopleFilterForm, OrganizationFilterForm, NeedFilterForm, OfferFilterForm]


@pytest.mark.parametrize("form_class", FORMS)
def test_every_list_has_the_same_narrower_capacities_option_unticked_by_default(form_class):
    form = form_class(QueryDict(""))
    form.is_valid()

    assert str(form.fields["exact"].label) == "Only this capacity, not narrower ones"
    assert "descendants" not in form.fields
    assert not form.cleaned_data.get("exact")
    assert 'name="exact"' in str(form["exact"]) and "checked" not in str(form["exact"])
