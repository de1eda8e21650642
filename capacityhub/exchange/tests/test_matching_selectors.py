"""Matches for a need and needs for an offer, from the database: who is left out, what each
viewer may see, the explanation text, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from capacityhub.community.models import Membership, Profile
from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.exchange.models import Connection, Offer
from capacityhub.exchange.selectors.matching import (
    matches_for_need,
    matching_cache_clear,
    need_for_matching,
    open_needs_for_offer,
)
from capacityhub.presentation.matching import reasons

from .factories_matching import availability, need, offer, organization_languages, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    matching_cache_clear()
    yield
    matching_cache_clear()


def names(matches) -> list[str]:
    return [m.name for m in matches]


def explained(match) -> str:
    """The explanation as the page and the API put it into words."""
    return " · ".join(
        reasons(match.parts, organization=getattr(match, "kind", "") == "organization")
    )


@pytest.fixture
def amina(taxonomy):
    user = person("amina", languages=(("fr", 0), ("en", 4)))
    offer(user, taxonomy["grant-reporting"])
    return user


@pytest.fixture
def fundraising_need(owner, taxonomy):
    return need(owner, [taxonomy["fundraising"]], desired_level=3)


def test_a_need_is_matched_with_an_explanation_in_words(amina, fundraising_need, owner):
    [match] = matches_for_need(need=fundraising_need, viewer=owner)

    assert (match.kind, match.name, match.url) == ("person", "Amina", "/people/amina/")
    assert explained(match).startswith(
        "offers Grant reporting, a part of Fundraising · speaks French natively · same region"
    )
    assert "free for 2 more connections" in explained(match)
    assert 0 < match.score <= 1 and match.quality == "close"


def test_the_same_capacity_ranks_before_a_sibling(taxonomy, owner, amina):
    writer = person("bello")
    offer(writer, taxonomy["grant-writing"])
    reporting_need = need(owner, [taxonomy["grant-reporting"]])

    assert names(matches_for_need(need=reporting_need, viewer=owner)) == ["Amina", "Bello"]


def test_the_requester_and_people_away_or_at_capacity_are_left_out(taxonomy, owner, other):
    for user in [owner, other]:
        Profile.objects.filter(user=user).update(country="NG")
    away, full, free = person("away"), person("full"), person("free")
    for user in [owner, away, full, free]:
        offer(user, taxonomy["grant-reporting"], languages=["fr"])
    availability(away, away_until=timezone.localdate() + timedelta(days=3))
    availability(full, max_connections=1)
    Connection.objects.create(
        need=need(other, [taxonomy["lua-scripting"]]), provider=full, status="accepted"
    )

    matches = matches_for_need(need=need(owner, [taxonomy["grant-reporting"]]), viewer=owner)

    assert names(matches) == ["Free"]


def test_an_organizations_need_leaves_out_the_organization_and_its_managers(
    taxonomy, organization, manager, owner, amina
):
    offer(organization, taxonomy["grant-reporting"], languages=["fr"])
    offer(person("mgr2"), taxonomy["grant-reporting"])
    Membership.objects.create(
        organization=organization,
        user=Profile.objects.get(user__username="mgr2").user,
        role=Membership.Role.MANAGER,
    )
    offer(manager, taxonomy["grant-reporting"], languages=["fr"])
    other_org = OrganizationFactory(name="Wikimedia Ghana", region="ssa")
    organization_languages(other_org, "fr")
    offer(other_org, taxonomy["grant-reporting"])

    org_need = need(manager, [taxonomy["grant-reporting"]], organization=organization)
    matches = matches_for_need(need=org_need, viewer=manager)

    assert sorted(names(matches)) == ["Amina", "Wikimedia Ghana"]
    assert [m.kind for m in matches if m.name == "Wikimedia Ghana"] == ["organization"]
    ghana = next(m for m in matches if m.kind == "organization")
    assert "works in French" in explained(ghana)
    assert ghana.url == f"/organizations/{other_org.slug}/"


def test_people_who_hide_their_capacities_are_matched_only_for_those_who_may_see_them(
    taxonomy, fundraising_need, amina, anonymous, other, staff
):
    Profile.objects.filter(user=amina).update(capacities_visibility="members")
    matching_cache_clear()  # QuerySet.update sends no signal

    assert matches_for_need(need=fundraising_need, viewer=anonymous) == []
    assert names(matches_for_need(need=fundraising_need, viewer=other)) == ["Amina"]

    Profile.objects.filter(user=amina).update(capacities_visibility="private")
    matching_cache_clear()
    assert matches_for_need(need=fundraising_need, viewer=other) == []
    assert names(matches_for_need(need=fundraising_need, viewer=staff)) == ["Amina"]


def test_hidden_languages_and_location_neither_match_nor_show(
    taxonomy, fundraising_need, amina, other, staff
):
    Profile.objects.filter(user=amina).update(
        languages_visibility="private", location_visibility="private"
    )
    matching_cache_clear()

    assert matches_for_need(need=fundraising_need, viewer=other) == []
    [seen_by_staff] = matches_for_need(need=fundraising_need, viewer=staff)
    assert "speaks French natively · same region" in explained(seen_by_staff)


def test_an_offer_withdrawn_since_the_index_was_built_is_not_shown(
    taxonomy, fundraising_need, amina, owner
):
    assert names(matches_for_need(need=fundraising_need, viewer=owner)) == ["Amina"]

    Offer.objects.update(is_active=False)  # no signal: the cached index still has it

    assert matches_for_need(need=fundraising_need, viewer=owner) == []


def test_a_new_offer_shows_at_once(taxonomy, fundraising_need, amina, owner):
    assert names(matches_for_need(need=fundraising_need, viewer=owner)) == ["Amina"]

    offer(person("bello"), taxonomy["fundraising"])

    assert names(matches_for_need(need=fundraising_need, viewer=owner)) == ["Bello", "Amina"]


def test_a_closed_need_has_no_matches(fundraising_need, amina, owner):
    fundraising_need.status = "closed"
    fundraising_need.save()
    assert matches_for_need(need=fundraising_need, viewer=owner) == []


@pytest.fixture
def crowd(taxonomy, organization):
    """24 people and 3 organizations offering grant reporting."""
    for n in range(24):
        offer(person(f"helper{n:02}"), taxonomy["grant-reporting"], level=1 + n % 5)
    for n in range(3):
        org = OrganizationFactory(slug=f"helping-org-{n}", name=f"Helping org {n}")
        organization_languages(org, "fr")
        offer(org, taxonomy["grant-reporting"])


@pytest.mark.parametrize("limit", [5, 20])
def test_matches_take_a_fixed_number_of_queries(
    limit, crowd, taxonomy, organization, manager, django_assert_max_num_queries
):
    org_need = need(manager, [taxonomy["grant-reporting"]], organization=organization)
    org_need = need_for_matching(viewer=manager, pk=org_need.pk)
    matches_for_need(need=org_need, viewer=manager, limit=limit)  # builds the index

    # managers; the candidates: live offers, people (only the fields shown); organizations;
    # and at most once every half second, the look for newer change records (one indexed query)
    with django_assert_max_num_queries(4 + 1):
        matches = matches_for_need(need=org_need, viewer=manager, limit=limit)

    assert len(matches) == limit
    assert {m.kind for m in matches} == {"person", "organization"}


def test_building_the_index_takes_a_fixed_number_of_queries(
    crowd, taxonomy, owner, django_assert_max_num_queries
):
    reporting_need = need(owner, [taxonomy["grant-reporting"]])
    # the index: its version, offers, own languages, people, languages, availability, tree,
    # connections, feedback; then the 5 of a cached match list, the need's capacities and the
    # capacity labels (2)
    with django_assert_max_num_queries(9 + 5 + 1 + 2):
        assert len(matches_for_need(need=reporting_need, viewer=owner, limit=50)) == 27


# --- the reverse view --------------------------------------------------------------------------


def test_an_offer_finds_the_open_needs_it_could_answer(taxonomy, amina, owner, other):
    reporting = need(owner, [taxonomy["grant-reporting"]], title="Report for our grant")
    broader = need(other, [taxonomy["fundraising"]], title="Fundraising plan")
    need(owner, [taxonomy["lua-scripting"]], title="Lua modules")
    need(owner, [taxonomy["grant-reporting"]], title="Members only", visibility="members")
    need(owner, [taxonomy["grant-reporting"]], title="Closed", status="closed")
    need(amina, [taxonomy["grant-reporting"]], title="Amina's own")
    need(owner, [taxonomy["grant-reporting"]], title="In German", languages=["de"])
    amina_offer = Offer.objects.get(claim__profile__user=amina)

    for_anonymous = open_needs_for_offer(offer=amina_offer, viewer=_anonymous())
    assert [m.title for m in for_anonymous] == [reporting.title, broader.title]
    assert explained(for_anonymous[0]).startswith("asks for Grant reporting · in French")
    assert explained(for_anonymous[1]).startswith(
        "asks for Fundraising, which includes Grant reporting"
    )
    for_member = open_needs_for_offer(offer=amina_offer, viewer=other)
    assert "Members only" in [m.title for m in for_member]


def test_needs_for_an_offer_take_a_fixed_number_of_queries(
    taxonomy, amina, owner, django_assert_max_num_queries
):
    for n in range(12):
        need(owner, [taxonomy["grant-reporting"]], title=f"Need {n}")
    amina_offer = Offer.objects.select_related("claim__profile").get(claim__profile__user=amina)
    open_needs_for_offer(offer=amina_offer, viewer=owner)
    with django_assert_max_num_queries(7 + 1):  # + the look for change records
        assert len(open_needs_for_offer(offer=amina_offer, viewer=owner, limit=10)) == 10


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_nothing_is_matched_for_anonymous_people_from_private_profiles(taxonomy, owner):
    hidden = person("hidden", capacities_visibility="private")
    offer(hidden, taxonomy["grant-reporting"])
    reporting_need = need(owner, [taxonomy["grant-reporting"]])
    assert matches_for_need(need=reporting_need, viewer=_anonymous()) == []
    assert not Profile.objects.filter(~Q(capacities_visibility="private"), user=hidden).exists()
