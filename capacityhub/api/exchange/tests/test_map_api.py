"""The capacity map API: GET /map, /map/snapshots and /map/snapshots/{month}."""

from datetime import date

import pytest

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.exchange.selectors.capacity_map import map_cache_clear
from capacityhub.exchange.services.capacity_map import map_snapshot_take
from capacityhub.exchange.tests.factories_map import map_need, map_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(taxonomy):
    map_offer(taxonomy["grant-writing"], region="ssa", languages=["fr"])
    map_need(taxonomy["grant-reporting"], region="ssa", online=True, languages=["fr", "en"])
    map_offer(taxonomy["lua-scripting"], capacities_visibility="members", region="sa")
    return taxonomy


def row(data, code):
    return next(r for r in data["rows"] if r["capacity"] == code)


def test_the_map_gives_cells_per_capacity_and_region(client, busy):
    response = client.get(f"{API}/map")
    data = response.json()

    assert response.status_code == 200
    assert data["view"] == "region"
    assert [c["key"] for c in data["columns"]][-1] == "online"
    fundraising = row(data, "fundraising")
    ssa = next(c for c in fundraising["cells"] if c["column"] == "ssa")
    assert (ssa["supply"], ssa["demand"], ssa["gap"]) == (1, 1, 0.0)
    online = next(c for c in fundraising["cells"] if c["column"] == "online")
    assert online["gap"] > 0


def test_the_map_counts_what_the_caller_may_see(client, other, busy):
    anonymous = client.get(f"{API}/map").json()
    member = client.get(f"{API}/map", headers=bearer(other)).json()

    assert row(anonymous, "technology")["supply"] == 0
    assert row(member, "technology")["supply"] == 1


def test_the_language_view_with_a_root_depth_and_chosen_languages(client, busy):
    response = client.get(
        f"{API}/map",
        {
            "view": "language",
            "root": "fundraising",
            "depth": 2,
            "language": "fr,ha",
            "lang": "fr",
        },
    )
    data = response.json()

    assert response.status_code == 200
    assert [c["key"] for c in data["columns"]] == ["fr", "ha"]
    assert data["columns"][0]["label"] == "français"
    assert [r["capacity"] for r in data["rows"]] == [
        "fundraising",
        "grant-reporting",
        "grant-writing",
    ]


def test_region_columns_can_be_chosen(client, busy):
    data = client.get(f"{API}/map", {"region": "sa,online"}).json()

    assert [c["key"] for c in data["columns"]] == ["sa", "online"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"root": "no-such-capacity"}, "root"),
        ({"depth": 0}, "depth"),
        ({"depth": 7}, "depth"),
        ({"view": "country"}, "view"),
        ({"region": "sa,,online"}, "region"),
        ({"region": "atlantis"}, "region"),
        ({"view": "language", "language": "zz"}, "language"),
        ({"language": "not a language"}, "language"),
    ],
)
def test_bad_parameters_are_a_422_naming_the_field(client, busy, query, field):
    response = client.get(f"{API}/map", query)

    assert response.status_code == 422
    assert field in error_fields(response)


def test_snapshots_are_listed_newest_first(client, busy):
    map_snapshot_take(month=date(2026, 1, 1))
    map_snapshot_take(month=date(2026, 2, 1))

    data = client.get(f"{API}/map/snapshots").json()

    assert data["count"] == 2
    assert [s["month"] for s in data["results"]] == ["2026-02", "2026-01"]


def test_a_month_compares_the_map_now_with_its_snapshot(client, busy):
    map_snapshot_take(month=date(2026, 1, 1))
    map_need(busy["grant-writing"], region="ssa")
    map_cache_clear()

    response = client.get(f"{API}/map/snapshots/2026-01", {"depth": 3})
    data = response.json()

    assert response.status_code == 200
    assert data["compared_with"] == "2026-01"
    writing = row(data, "grant-writing")
    ssa = next(c for c in writing["cells"] if c["column"] == "ssa")
    assert ssa["change"]["demand"] == 1
    assert writing["change"]["demand"] == 1


@pytest.mark.parametrize("month", ["2019-05", "9999-12"])
def test_a_month_without_snapshot_is_a_404(client, busy, month):
    response = client.get(f"{API}/map/snapshots/{month}")

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("month", ["2026-13", "0000-01", "26-01", "2026-1"])
def test_a_malformed_month_is_a_422(client, busy, month):
    assert client.get(f"{API}/map/snapshots/{month}").status_code == 422


def test_the_map_runs_a_fixed_number_of_queries(client, busy, django_assert_num_queries):
    client.get(f"{API}/map")
    with django_assert_num_queries(0):
        assert client.get(f"{API}/map", {"depth": 3, "view": "language"}).status_code == 200
