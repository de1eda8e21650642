"""The capacity map pages: the map, its SVG, CSV and JSON downloads, and snapshots."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from capacityhub.exchange.models import MapSnapshot
from capacityhub.exchange.services.capacity_map import map_snapshot_take
from capacityhub.exchange.tests.factories_map import map_need, map_offer

pytestmark = pytest.mark.django_db

MAP = reverse("web:capacity-map")
SVG = reverse("web:capacity-map-svg")
CSV = reverse("web:capacity-map-csv")
JSON = reverse("web:capacity-map-json")
SNAPSHOT = reverse("web:capacity-map-snapshot")


@pytest.fixture
def busy(taxonomy):
    map_offer(taxonomy["grant-writing"], region="ssa", languages=["fr"])
    map_need(taxonomy["grant-reporting"], region="ssa", languages=["fr", "en"])
    map_need(taxonomy["lua-scripting"], region="sa", online=True, languages=["hi"])
    map_offer(taxonomy["lua-scripting"], capacities_visibility="private", region="sa")
    return taxonomy


def test_the_map_page_shows_the_heat_map_beside_an_accessible_table(client, busy):
    response = client.get(MAP)
    page = response.content.decode()

    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page
    assert "<caption" in page
    assert '<th scope="row"' in page
    assert '<th scope="col"' in page
    assert "Sub-Saharan Africa" in page
    assert "Fundraising" in page
    assert reverse("web:capacity-map-csv") in page


def test_the_map_page_counts_only_what_the_viewer_may_see(client, staff_client, busy):
    anonymous_page = client.get(MAP).content.decode()
    staff_page = staff_client.get(MAP).content.decode()

    assert "1 active offer and 2 open needs counted" in anonymous_page
    assert "2 active offers and 2 open needs counted" in staff_page


def test_the_language_view_and_a_root_filter(client, busy):
    response = client.get(MAP, {"view": "language", "root": "fundraising", "depth": "2"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "French" in page
    assert "Grant reporting" in page
    assert "Technology" not in page.split("<table", 1)[1]


def test_bad_filters_show_a_message_not_an_error_page(client, busy):
    response = client.get(MAP, {"depth": "99", "root": "nope", "view": "<script>"})

    assert response.status_code == 200
    assert "Please correct the filters above." in response.content.decode()
    assert "<script>" not in response.content.decode().split("</header>", 1)[1]


@pytest.mark.parametrize("depth", ["1", "3"])
def test_the_map_page_runs_the_same_few_queries_whatever_the_depth(
    client, busy, depth, django_assert_num_queries
):
    client.get(MAP)  # fill the caches
    with django_assert_num_queries(1):  # the months of the snapshots; the map is cached
        assert client.get(MAP, {"depth": depth}).status_code == 200


def test_the_svg_download_is_an_svg_image(client, busy):
    response = client.get(SVG, {"view": "region", "region": ["ssa", "online"]})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_svg_refuses_bad_filters(client, busy):
    assert client.get(SVG, {"depth": "x"}).status_code == 400


def test_the_csv_download_honours_the_filters(client, busy):
    response = client.get(CSV, {"root": "fundraising", "depth": "1", "region": ["ssa"]})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'attachment; filename="capacity-map-region-fundraising-' in response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["capacity"], r["column"]) for r in rows] == [
        ("fundraising", "ssa"),
        ("fundraising", "total"),
    ]
    assert (rows[0]["supply"], rows[0]["demand"]) == ("1", "1")


def test_the_csv_guards_against_spreadsheet_formulas(client, taxonomy):
    from capacityhub.taxonomy.models import CapacityTranslation

    CapacityTranslation.objects.filter(capacity=taxonomy["technology"]).update(
        label="=HYPERLINK(1)"
    )
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))

    assert any(r[1] == "'=HYPERLINK(1)" for r in rows)


def test_the_json_download_honours_the_filters(client, busy):
    response = client.get(JSON, {"view": "language", "language": ["fr"]})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["view"] == "language"
    assert [c["key"] for c in data["columns"]] == ["fr"]
    organizational = next(r for r in data["rows"] if r["capacity"] == "organizational")
    assert organizational["cells"][0] == {
        "column": "fr",
        "supply": 1,
        "demand": 1,
        "gap": 0.0,
        "change": None,
    }


def test_bad_filters_on_a_download_are_a_clear_400(client, busy):
    response = client.get(JSON, {"region": ["atlantis"]})

    assert response.status_code == 400
    assert "region" in json.loads(response.content)["errors"]


def test_the_arabic_page_renders_right_to_left(busy):
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    page = client.get(MAP).content.decode()

    assert 'dir="rtl"' in page
    assert 'direction="rtl"' in page  # the heat map is mirrored too


def test_a_compare_with_select_appears_when_snapshots_exist(client, busy):
    assert 'name="compare"' not in client.get(MAP).content.decode()
    map_snapshot_take(month=date(2026, 1, 1))

    page = client.get(MAP).content.decode()
    compared = client.get(MAP, {"compare": "2026-01"}).content.decode()

    assert 'name="compare"' in page
    assert "Changes are since January 2026" in compared
    assert '(<bdi dir="ltr">±0</bdi>)' in compared


def test_staff_take_a_snapshot_from_the_page(staff_client, busy):
    response = staff_client.post(SNAPSHOT)

    assert response.status_code == 302
    assert MapSnapshot.objects.count() == 1


@pytest.mark.parametrize("who", ["owner_client", "other_client", "manager_client"])
def test_members_cannot_take_a_snapshot(request, busy, who):
    response = request.getfixturevalue(who).post(SNAPSHOT)

    assert response.status_code == 403
    assert not MapSnapshot.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_take_a_snapshot(client, busy):
    response = client.post(SNAPSHOT)

    assert response.status_code == 302
    assert not MapSnapshot.objects.exists()
