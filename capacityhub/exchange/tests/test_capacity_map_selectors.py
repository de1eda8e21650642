"""The capacity map read from the database: visibility, query count, cache, snapshots."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import MapSnapshot, Need
from capacityhub.exchange.selectors.capacity_map import (
    capacity_map,
    map_cache_clear,
)
from capacityhub.exchange.selectors.map_snapshots import map_snapshot_months, map_snapshots
from capacityhub.exchange.services.capacity_map import map_snapshot_take

from .factories_map import map_need, map_offer

pytestmark = pytest.mark.django_db


def row(result, code):
    return next(r for r in result.rows if r.code == code)


def cell(result, code, column):
    keys = [c.key for c in result.columns]
    return row(result, code).cells[keys.index(column)]


def test_rows_follow_the_tree_from_the_top_down_the_requested_depth(taxonomy, anonymous):
    result = capacity_map(viewer=anonymous, depth=2)

    assert [(r.code, r.depth) for r in result.rows] == [
        ("organizational", 0),
        ("fundraising", 1),
        ("technology", 0),
        ("lua-scripting", 1),
    ]
    assert result.rows[0].label == "Organizational"


def test_a_root_shows_its_subtree(taxonomy, anonymous):
    result = capacity_map(viewer=anonymous, root="fundraising", depth=3)

    assert [r.code for r in result.rows] == ["fundraising", "grant-reporting", "grant-writing"]


def test_supply_and_demand_roll_up_the_tree(taxonomy, anonymous):
    map_offer(taxonomy["grant-writing"], region="ssa")
    map_need(taxonomy["grant-reporting"], region="ssa")
    map_need(taxonomy["grant-reporting"], region="sa", online=True)

    result = capacity_map(viewer=anonymous, depth=3)

    assert cell(result, "fundraising", "ssa").supply == 1
    assert cell(result, "fundraising", "ssa").demand == 1
    assert cell(result, "organizational", "sa").demand == 1
    assert cell(result, "organizational", "online").demand == 1
    assert row(result, "organizational").demand == 2
    assert cell(result, "grant-reporting", "sa").gap > 0
    assert cell(result, "grant-writing", "ssa").gap < 0
    assert (result.offers, result.needs) == (1, 2)


def test_a_private_offer_does_not_count_for_anonymous(taxonomy, anonymous, other, staff):
    map_offer(taxonomy["lua-scripting"], capacities_visibility="private")
    map_offer(taxonomy["lua-scripting"], capacities_visibility="members")

    assert row(capacity_map(viewer=anonymous), "lua-scripting").supply == 0
    assert row(capacity_map(viewer=other), "lua-scripting").supply == 1
    assert row(capacity_map(viewer=staff), "lua-scripting").supply == 2


def test_an_organization_offer_counts_for_everyone(taxonomy, anonymous, organization):
    map_offer(taxonomy["lua-scripting"], organization=organization)

    assert row(capacity_map(viewer=anonymous), "lua-scripting").supply == 1


def test_inactive_offers_and_accounts_do_not_count(taxonomy, anonymous):
    map_offer(taxonomy["lua-scripting"], is_active=False)
    gone = UserFactory()
    gone.is_active = False
    gone.save()
    map_offer(taxonomy["lua-scripting"], holder=gone)

    assert row(capacity_map(viewer=anonymous), "lua-scripting").supply == 0


def test_needs_count_by_visibility_and_only_while_open(taxonomy, anonymous, other, staff, owner):
    lua = taxonomy["lua-scripting"]
    map_need(lua, visibility="public")
    map_need(lua, visibility="members", status=Need.Status.IN_PROGRESS)
    map_need(lua, visibility="private", requester=owner)
    map_need(lua, status=Need.Status.FULFILLED)
    map_need(lua, status=Need.Status.CLOSED)
    map_need(lua, ends_on=timezone.localdate() - timedelta(days=1))

    assert row(capacity_map(viewer=anonymous), "lua-scripting").demand == 1
    assert row(capacity_map(viewer=other), "lua-scripting").demand == 2
    assert row(capacity_map(viewer=staff), "lua-scripting").demand == 3


def test_the_map_reads_the_database_in_a_fixed_number_of_queries(
    taxonomy, anonymous, django_assert_num_queries
):
    def queries_for(offers: int) -> int:
        for _ in range(offers):
            map_offer(taxonomy["grant-writing"], languages=["en", "fr"])
            map_need(taxonomy["grant-writing"], taxonomy["lua-scripting"])
        map_cache_clear()
        capacity_map(viewer=anonymous)  # warm the taxonomy's own cache
        map_cache_clear()
        with CaptureQueriesContext(connection) as captured:
            capacity_map(viewer=anonymous, view="language", depth=3)
        return len(captured)

    assert queries_for(2) == queries_for(10) == 2
    with django_assert_num_queries(0):  # then it comes from the cache
        capacity_map(viewer=anonymous, root="technology", regions=["sa"])


def test_the_map_is_cached_per_visibility_level(taxonomy, anonymous, staff):
    capacity_map(viewer=anonymous)
    map_offer(taxonomy["lua-scripting"])

    assert row(capacity_map(viewer=anonymous), "lua-scripting").supply == 0  # cached
    assert row(capacity_map(viewer=staff), "lua-scripting").supply == 1  # another level
    map_cache_clear()
    assert row(capacity_map(viewer=anonymous), "lua-scripting").supply == 1


def test_region_and_language_filters_choose_the_columns(taxonomy, anonymous):
    map_offer(taxonomy["lua-scripting"], languages=["hi", "en"])
    map_need(taxonomy["lua-scripting"], languages=["ur"])

    by_region = capacity_map(viewer=anonymous, regions=["sa", "online"])
    by_language = capacity_map(viewer=anonymous, view="language")
    chosen = capacity_map(viewer=anonymous, view="language", languages=["ha", "ur"])

    assert [c.key for c in by_region.columns] == ["sa", "online"]
    assert {c.key for c in by_language.columns} == {"en", "hi", "ur"}
    assert [c.key for c in chosen.columns] == ["ha", "ur"]
    assert cell(chosen, "lua-scripting", "ur").demand == 1
    assert cell(chosen, "lua-scripting", "ha").demand == 0


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"root": "no-such-capacity"}, "root"),
        ({"depth": 0}, "depth"),
        ({"depth": 99}, "depth"),
        ({"view": "country"}, "view"),
        ({"regions": ["atlantis"]}, "region"),
        ({"view": "language", "languages": ["zz-not"]}, "language"),
    ],
)
def test_bad_filters_are_refused_naming_the_field(taxonomy, anonymous, filters, field):
    with pytest.raises(ValidationError) as error:
        capacity_map(viewer=anonymous, **filters)

    assert field in error.value.message_dict


# Snapshots -------------------------------------------------------------------------------------


def test_staff_take_a_snapshot_and_it_is_audited(taxonomy, staff):
    map_offer(taxonomy["lua-scripting"])

    snapshot, created = map_snapshot_take(actor=staff)

    assert created
    assert snapshot.month == timezone.localdate().replace(day=1)
    assert snapshot.data["levels"]["public"]["views"]["region"]["lua-scripting"]["total"] == [1, 0]
    assert AuditEntry.objects.filter(action="map_snapshot.take", actor=staff).exists()


@pytest.mark.parametrize("who", ["owner", "other", "manager", "anonymous"])
def test_only_staff_or_the_system_take_snapshots(taxonomy, request, who):
    with pytest.raises(PermissionDenied):
        map_snapshot_take(actor=request.getfixturevalue(who))

    assert not MapSnapshot.objects.exists()


def test_a_snapshot_for_a_future_month_is_refused(taxonomy, staff):
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)

    with pytest.raises(ValidationError) as error:
        map_snapshot_take(actor=staff, month=next_month)

    assert "month" in error.value.message_dict
    assert not MapSnapshot.objects.exists()


def test_the_command_is_idempotent_per_month(taxonomy):
    out = StringIO()
    call_command("snapshot_capacity_map", stdout=out)
    map_offer(taxonomy["lua-scripting"])
    call_command("snapshot_capacity_map", stdout=out)
    call_command("snapshot_capacity_map", "--month", "2020-01", stdout=out)

    assert MapSnapshot.objects.count() == 2
    this_month = MapSnapshot.objects.get(month=timezone.localdate().replace(day=1))
    assert this_month.data["levels"]["public"]["offers"] == 1
    assert "Refreshed" in out.getvalue()


def test_the_comparison_shows_the_change_since_a_month(taxonomy, anonymous, staff):
    map_offer(taxonomy["lua-scripting"], region="sa")
    map_snapshot_take(month=date(2026, 1, 1))
    map_need(taxonomy["lua-scripting"], region="sa")
    map_need(taxonomy["lua-scripting"], region="sa", visibility="private")
    map_cache_clear()

    result = map_snapshots(viewer=anonymous, month=date(2026, 1, 1), depth=2)
    change = cell(result, "lua-scripting", "sa").change

    assert result.compared_with == date(2026, 1, 1)
    assert (change.supply, change.demand) == (0, 1)  # the private need stays hidden
    assert change.gap > 0
    assert row(result, "lua-scripting").change.demand == 1
    assert map_snapshot_months() == [date(2026, 1, 1)]


def test_comparing_with_a_month_without_snapshot_is_not_found(taxonomy, anonymous):
    with pytest.raises(MapSnapshot.DoesNotExist):
        map_snapshots(viewer=anonymous, month=date(2019, 5, 1))


def test_the_cache_is_shared_by_every_filter(taxonomy, anonymous):
    capacity_map(viewer=anonymous)

    assert cache.get("exchange:capacity-map:public") is not None


def test_offers_are_placed_by_the_same_location_rule_as_matching(taxonomy, anonymous, other):
    from capacityhub.exchange.matching import NeedSpec
    from capacityhub.exchange.selectors.matching_index import (
        matching_cache_clear,
        provider_index,
        rank_offers,
    )

    from .factories_matching import offer, person

    map_cache_clear()
    matching_cache_clear()
    amina = person("amina", country="NG", location_visibility="members")
    offer(amina, taxonomy["grant-reporting"])  # no region of its own: Nigeria's, ssa

    spec = NeedSpec(capacity_ids=(taxonomy["grant-reporting"].pk,), region="ssa")
    provider_index()
    for viewer, tier in ((anonymous, 0), (other, 1)):
        [match] = rank_offers(spec, k=5, viewer_tier=tier)
        same_region = ("same_region", {"region": "ssa"}) in match.parts
        counted = cell(capacity_map(viewer=viewer, depth=4), "grant-reporting", "ssa").supply
        assert counted == (1 if same_region else 0)
        assert same_region == (tier == 1)  # her location is shown to members only
