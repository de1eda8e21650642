"""The demo exchange (`demo/exchange.py`): deterministic, within the exchange's rules, and
with Amina's need (docs' personas) matched."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from capacityhub.community.models import CapacityClaim, Evidence, Relation
from capacityhub.demo.community import build_community
from capacityhub.demo.community_io import write_community
from capacityhub.demo.exchange import write_exchange
from capacityhub.demo.exchange_texts import DEMO_MEMBER_TITLE
from capacityhub.exchange.models import (
    Availability,
    Connection,
    Feedback,
    Need,
    NeedEvent,
    Offer,
)
from capacityhub.exchange.selectors.matching import matches_for_need, matching_cache_clear
from capacityhub.taxonomy.models import Method
from capacityhub.taxonomy.tests.factories import CapacityFactory

TODAY = date(2030, 3, 1)
# root: children
TREE = {
    "community": ("event-organizing", "onboarding-newcomers", "conflict-resolution"),
    "learning": ("writing-articles", "editing-wikipedia", "translation", "mentoring"),
    "organizational": ("fundraising", "board-governance", "project-management"),
    "technology": ("lua-scripting", "wikidata", "templates"),
}
GRANDCHILDREN = {
    "event-organizing": ("edit-a-thon", "photo-contests"),
    "fundraising": ("grant-writing",),
}
METHODS = ("mentoring", "workshop", "documentation", "live-online-session", "peer-exchange")


@pytest.fixture(autouse=True)
def _fresh_matching():
    matching_cache_clear()
    yield
    matching_cache_clear()


@pytest.fixture
def small_taxonomy(db):
    """Four trees of capacities, with the persona accounts' codes, and five methods."""
    capacities = {}
    for root, children in TREE.items():
        capacities[root] = CapacityFactory(code=root)
        for child in children:
            capacities[child] = CapacityFactory(code=child, parent=capacities[root])
            for grandchild in GRANDCHILDREN.get(child, ()):
                capacities[grandchild] = CapacityFactory(code=grandchild, parent=capacities[child])
    for position, code in enumerate(METHODS):
        method = Method.objects.create(code=code, labels={"en": code.title()}, position=position)
        method.capacities.set([capacities["event-organizing"], capacities["mentoring"]])
    return capacities


def community(taxonomy, people=80, organizations=8):
    plan = build_community(
        people=people, organizations=organizations, capacity_codes=list(taxonomy)
    )
    write_community(plan)
    return plan


def needs_fingerprint() -> list[tuple]:
    return [
        (
            need.requester.username,
            need.organization.slug if need.organization else None,
            need.title,
            sorted(c.code for c in need.capacities.all()),
            need.status,
            need.visibility,
        )
        for need in Need.objects.select_related("requester", "organization")
        .prefetch_related("capacities")
        .order_by("id")
    ]


def offers_fingerprint() -> list[tuple]:
    return sorted(
        Offer.objects.values_list(
            "claim__profile__user__username", "claim__organization__slug", "claim__capacity__code"
        ),
        key=str,
    )


def clear_exchange():
    for model in (Connection, Need, Offer, Availability, Evidence):
        model.objects.all().delete()


def test_the_same_seed_gives_the_same_exchange(small_taxonomy):
    community(small_taxonomy)
    first = write_exchange(seed=11, today=TODAY)
    needs, offers = needs_fingerprint(), offers_fingerprint()
    assert first["needs"] > 20 and first["offers"] > 50

    clear_exchange()
    assert write_exchange(seed=11, today=TODAY) == first
    assert needs_fingerprint() == needs
    assert offers_fingerprint() == offers

    clear_exchange()
    write_exchange(seed=12, today=TODAY)
    assert needs_fingerprint() != needs


def test_a_second_run_writes_nothing(small_taxonomy):
    community(small_taxonomy, people=20, organizations=3)
    assert write_exchange(today=TODAY)["needs"] > 0
    needs = Need.objects.count()
    assert write_exchange(today=TODAY)["needs"] == 0
    assert Need.objects.count() == needs


def test_offers_keep_the_exchange_rules(small_taxonomy):
    community(small_taxonomy)
    counts = write_exchange(today=TODAY)

    # every offers claim of a person who also knows it, and every organization's, has an offer
    offers = Offer.objects.select_related("claim")
    assert counts["offers"] == offers.count() > 0
    for offer in offers:
        claim = offer.claim
        assert claim.relation == Relation.OFFERS
        assert offer.languages and 1 <= offer.methods.count() <= 3
        if claim.profile_id is not None:
            assert CapacityClaim.objects.filter(
                profile_id=claim.profile_id, capacity_id=claim.capacity_id, relation=Relation.KNOWS
            ).exists()
            spoken = claim.profile.languages.values_list("language", flat=True)
            assert set(offer.languages) == set(spoken)
        else:
            assert offer.region == claim.organization.region
    assert offers.filter(online=True).count() > offers.count() * 0.6
    unoffered = CapacityClaim.objects.filter(relation=Relation.OFFERS, offer__isnull=True)
    assert not unoffered.filter(organization__isnull=False).exists()

    providers = {(o.claim.profile_id, o.claim.organization_id) for o in offers}
    availability = Availability.objects.all()
    assert 0.3 * len(providers) < availability.count() < 0.9 * len(providers)
    for row in availability:
        assert 2 <= row.hours_per_month <= 10 and 1 <= row.max_connections <= 4
        assert row.away_until is None or row.away_until > TODAY


def test_needs_have_plausible_statuses_windows_and_history(small_taxonomy):
    plan = community(small_taxonomy)
    write_exchange(today=TODAY)
    needs = Need.objects.prefetch_related("capacities", "events")
    people = len(plan.people)
    by_organization = needs.filter(organization__isnull=False)
    assert people / 6 < needs.count() - by_organization.count() < people / 3
    assert 1 <= by_organization.count() <= 10
    statuses = Counter(n.status for n in needs)
    assert statuses["open"] > needs.count() / 2
    assert Counter(n.visibility for n in needs)["public"] > needs.count() / 2
    for need in needs:
        wants = CapacityClaim.objects.filter(relation=Relation.WANTS)
        wants = wants.filter(organization=need.organization) if need.organization else wants
        if not need.organization:
            wants = wants.filter(profile__user=need.requester)
        assert {c.pk for c in need.capacities.all()} <= set(
            wants.values_list("capacity_id", flat=True)
        )
        assert 2 <= need.desired_level <= 4
        if need.ends_on:
            assert TODAY <= need.starts_on <= need.ends_on <= TODAY + timedelta(days=90)
        events = [(e.from_status, e.to_status) for e in need.events.all()]
        assert events[0] == ("", "open") and events[-1][1] == need.status
        if need.organization:
            assert need.organization.memberships.filter(
                user=need.requester, role="manager"
            ).exists()
    assert NeedEvent.objects.count() >= needs.count()


def test_connections_follow_their_needs(small_taxonomy):
    community(small_taxonomy, people=120, organizations=10)
    counts = write_exchange(today=TODAY)
    connections = Connection.objects.select_related("need", "offer__claim")
    assert counts["connections"] == connections.count() > 0
    expected = {"invited": "open", "accepted": "in_progress", "completed": "fulfilled"}
    for connection in connections:
        assert connection.need.status == expected[connection.status]
        assert connection.provider_id != connection.need.requester_id
        assert connection.offer.claim.capacity in connection.need.capacities.all()
        assert connection.messages.exists()
        if connection.status == "completed":
            assert connection.requester_done and connection.provider_done
            assert Feedback.objects.filter(connection=connection).count() == 2
            source = f"exchange.connection:{connection.pk}"
            kinds = set(Evidence.objects.filter(source=source).values_list("kind", flat=True))
            assert kinds == {"taught", "learned"}


def test_amina_has_an_open_need_with_explained_matches(small_taxonomy, anonymous):
    community(small_taxonomy)
    write_exchange(today=TODAY)

    need = Need.objects.get(requester__username="demo-member")
    assert need.title == DEMO_MEMBER_TITLE
    assert need.status == "open" and need.visibility == "public"
    assert [c.code for c in need.capacities.all()] == ["event-organizing"]
    assert need.languages == ["en", "ha"] and need.region == "ssa"

    matches = matches_for_need(need=need, viewer=anonymous, limit=20)
    assert matches
    assert all(m.parts for m in matches)
    assert "demo-member" not in {m.username for m in matches}


def test_seed_demo_prints_the_exchange(settings, small_taxonomy):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", people=30, organizations=4, stdout=out)
    assert "needs" in out.getvalue() and "offers" in out.getvalue()
    assert Need.objects.filter(requester__username="demo-member").exists()
    assert Offer.objects.exists()
