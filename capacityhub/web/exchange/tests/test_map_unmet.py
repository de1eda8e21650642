"""The capacity map page leads with a ranked list of the largest unmet needs, as bars."""

import pytest
from django.urls import reverse

from capacityhub.exchange.tests.factories_map import map_need, map_offer

pytestmark = pytest.mark.django_db

MAP = reverse("web:capacity-map")


def test_the_largest_unmet_needs_come_before_the_heat_map(client, taxonomy):
    for _ in range(3):
        map_need(taxonomy["grant-reporting"], region="ssa", languages=["fr"])
    map_need(taxonomy["lua-scripting"], region="sa", languages=["hi"])
    map_need(taxonomy["lua-scripting"], region="sa", languages=["hi"])
    map_offer(taxonomy["lua-scripting"], region="sa")

    page = client.get(MAP, {"depth": "3"}).content.decode()

    unmet = page.split('id="unmet-heading"')[1].split("</section>")[0]
    assert page.index('id="unmet-heading"') < page.index('<svg xmlns="http://www.w3.org/2000/svg"')
    assert unmet.index("Grant reporting") < unmet.index("Lua scripting")
    assert "3 needs, 0 offers: 3 without help" in unmet
    assert "hub-bar--w100" in unmet
    assert "a negative gap means more offers than needs" in unmet


def test_a_map_without_unmet_needs_says_what_to_do(client, taxonomy):
    map_offer(taxonomy["lua-scripting"], region="sa")

    page = client.get(MAP).content.decode()

    unmet = page.split('id="unmet-heading"')[1].split("</section>")[0]
    assert "Offer help" in unmet


def test_the_compare_menu_names_its_months_in_the_readers_language(client, taxonomy):
    from datetime import date

    from capacityhub.exchange.services.capacity_map import map_snapshot_take

    map_snapshot_take(month=date(2026, 1, 1))

    page = client.get(MAP, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<option value="2026-01">enero de 2026</option>' in page
