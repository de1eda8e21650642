"""A deterministic demo exchange on top of the demo community (`community.py`).

`write_exchange()` reads the demo people and organizations already in the database and
writes, with a handful of `bulk_create` calls in one transaction:

- an Offer for every `offers` capacity claim (of a person only when they also *know* the
  capacity: offers ⊆ knows, as `exchange.services.offers` requires), with 1–3 methods, the
  holder's languages and region, mostly online (offers.py);
- Availability for about 60 % of the providers (2–10 hours a month, 1–4 connections at once,
  about 5 % away until a date in the coming weeks);
- about one need per four people, from what they *want* to learn, and about ten needs stated
  by organizations through a manager; mostly public and open, some in progress, fulfilled or
  closed, each change of status recorded by a NeedEvent (needs.py). demo-member (Amina, in the
  personas) gets an open need "How to run an edit-a-thon, in English or Hausa";
- a few connections (invited, accepted, completed) with messages, and for the completed ones
  feedback from both sides and evidence (`community.evidence.evidence_record`) (connections.py).

What is chosen depends only on the seed and on the community (itself deterministic); dates are
relative to `today`. Only `seed_demo` and `benchmarks/` use this module.
"""

import random
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from capacityhub.community.evidence import evidence_record
from capacityhub.community.models import Evidence, Organization, Profile, User
from capacityhub.exchange.models import (
    Availability,
    Connection,
    Feedback,
    Message,
    Need,
    NeedEvent,
    Offer,
)
from capacityhub.exchange.selectors.matching_index import (
    matching_cache_clear,
    matching_index_changed,
)
from capacityhub.taxonomy.models import Capacity

from .connections import connection_messages, plan_connections
from .exchange_texts import PROVIDER_FEEDBACK, REQUESTER_FEEDBACK, mid_sentence
from .holders import Holder, read_capacity_labels, read_community, read_methods
from .needs import NeedPlan, need_history, plan_needs
from .offers import OfferPlan, plan_availability, plan_offers

COUNTED = ("offers", "availability", "needs", "events", "connections", "messages", "feedback")


def _create(model, objects: list, batch_size: int = 1000) -> list:
    """bulk_create, with the primary keys set (one save each where the database cannot
    return them from a bulk insert)."""
    if connection.features.can_return_rows_from_bulk_insert:
        return model.objects.bulk_create(objects, batch_size=batch_size)
    for obj in objects:
        obj.save()
    return objects


def write_exchange(
    *, seed: int = 2030, today: date | None = None, organization_slugs=None
) -> dict[str, int]:
    """Write the demo exchange for the demo community in the database. Returns row counts;
    writes nothing (and returns zeros) when the demo people already have needs or offers."""
    counts = dict.fromkeys((*COUNTED, "evidence"), 0)
    today = today or timezone.localdate()
    with transaction.atomic():
        if (
            Offer.objects.filter(claim__profile__user__is_demo=True).exists()
            or Need.objects.filter(requester__is_demo=True).exists()
        ):
            return counts
        people, organizations = read_community(organization_slugs)
        labels, codes = read_capacity_labels()
        methods = read_methods()
        offers = plan_offers(seed, people, organizations, labels, methods)
        availability = plan_availability(seed, offers, today)
        needs = plan_needs(seed, people, organizations, labels, codes, methods, today)
        plan_connections(seed, needs, offers, availability)

        _write_offers(offers, availability)
        _write_needs(needs)
        # One generator for the needs' histories, then the feedback, as always.
        rng = random.Random(f"exchange-events:{seed}")
        counts["events"] = _write_history(needs, rng)
        connected = [n for n in needs if n.connection]
        written = _write_connections(connected, labels, rng)
        counts["evidence"] = _write_evidence(written["completed"], today)

        matching_cache_clear()  # this process now, every process once committed
        transaction.on_commit(matching_index_changed)
    counts.update(
        offers=len(offers),
        availability=len(availability),
        needs=len(needs),
        connections=len(connected),
        messages=written["messages"],
        feedback=written["feedback"],
    )
    return counts


def _write_offers(offers: list[OfferPlan], availability: list[dict]) -> None:
    rows = _create(
        Offer,
        [
            Offer(
                claim_id=o.claim_id,
                description=o.description,
                languages=o.languages,
                online=o.online,
                region=o.region,
            )
            for o in offers
        ],
    )
    for plan, row in zip(offers, rows, strict=True):
        plan.pk = row.pk
    Offer.methods.through.objects.bulk_create(
        [Offer.methods.through(offer_id=o.pk, method_id=m) for o in offers for m in o.methods],
        batch_size=2000,
    )
    Availability.objects.bulk_create(
        [
            Availability(
                profile_id=a["holder"].pk if a["holder"].kind == "person" else None,
                organization_id=a["holder"].pk if a["holder"].kind == "organization" else None,
                hours_per_month=a["hours_per_month"],
                max_connections=a["max_connections"],
                away_until=a["away_until"],
            )
            for a in availability
        ]
    )


def _write_needs(needs: list[NeedPlan]) -> None:
    rows = _create(
        Need,
        [
            Need(
                requester_id=n.requester_id,
                organization_id=n.holder.pk if n.holder.kind == "organization" else None,
                title=n.title,
                description=n.description,
                desired_level=n.desired_level,
                languages=n.languages,
                online=n.online,
                region=n.region,
                starts_on=n.starts_on,
                ends_on=n.ends_on,
                visibility=n.visibility,
                status=n.status,
            )
            for n in needs
        ],
    )
    for plan, row in zip(needs, rows, strict=True):
        plan.pk = row.pk
    Need.capacities.through.objects.bulk_create(
        [Need.capacities.through(need_id=n.pk, capacity_id=c) for n in needs for c in n.capacities],
        batch_size=2000,
    )
    Need.methods.through.objects.bulk_create(
        [Need.methods.through(need_id=n.pk, method_id=m) for n in needs for m in n.methods],
        batch_size=2000,
    )


def _write_history(needs: list[NeedPlan], rng: random.Random) -> int:
    events = [
        NeedEvent(need_id=n.pk, actor_id=n.requester_id, from_status=a, to_status=b, note=note)
        for n in needs
        for a, b, note in need_history(n, rng)
    ]
    NeedEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


def _write_connections(connected: list[NeedPlan], labels, rng: random.Random) -> dict:
    """The connections with their messages, and feedback on the completed ones. Returns the
    counts and the completed (need, connection, provider's user id)."""
    now = timezone.now()
    rows = _create(
        Connection,
        [
            Connection(
                need_id=n.pk,
                offer_id=n.offer.pk,
                provider_id=n.offer.holder.user_id if n.offer.holder.kind == "person" else None,
                provider_organization_id=(
                    n.offer.holder.pk if n.offer.holder.kind == "organization" else None
                ),
                status=n.connection,
                requester_done=n.connection == "completed",
                provider_done=n.connection == "completed",
                completed_at=now if n.connection == "completed" else None,
            )
            for n in connected
        ],
    )
    messages, feedback, completed = [], [], []
    for need, row in zip(connected, rows, strict=True):
        provider_user = need.offer.holder.user_id  # the person, or a manager
        label = mid_sentence(labels[need.offer.capacity_id])
        messages += [
            Message(connection_id=row.pk, sender_id=sender, body=body)
            for sender, body in connection_messages(need, label, provider_user)
        ]
        if need.connection == "completed":
            completed.append((need, row, provider_user))
            feedback += _feedback(need, row, provider_user, rng)
    Message.objects.bulk_create(messages, batch_size=2000)
    Feedback.objects.bulk_create(feedback)
    return {"messages": len(messages), "feedback": len(feedback), "completed": completed}


def _feedback(need: NeedPlan, row: Connection, provider_user: int, rng) -> list[Feedback]:
    return [
        Feedback(
            connection_id=row.pk,
            author_id=need.requester_id,
            rating=rng.randint(4, 5),
            comment=rng.choice(REQUESTER_FEEDBACK),
        ),
        Feedback(
            connection_id=row.pk,
            author_id=provider_user,
            rating=rng.randint(3, 5),
            comment=rng.choice(PROVIDER_FEEDBACK),
        ),
    ]


def _write_evidence(completed: list, today: date) -> int:
    """Evidence through its service (idempotent, audited): the provider taught the offered
    capacity, the requesting side learned each capacity the need asked for."""
    users = User.objects.in_bulk(
        {n.requester_id for n, _r, _u in completed} | {u for _n, _r, u in completed}
    )
    capacities = Capacity.objects.in_bulk(
        {c for n, _r, _u in completed for c in [n.offer.capacity_id, *n.capacities]}
    )
    holders = [h for n, _r, _u in completed for h in (n.holder, n.offer.holder)]
    profiles = Profile.objects.in_bulk({h.pk for h in holders if h.kind == "person"})
    orgs = Organization.objects.in_bulk({h.pk for h in holders if h.kind == "organization"})

    def holder(h: Holder) -> dict:
        return {"profile": profiles[h.pk]} if h.kind == "person" else {"organization": orgs[h.pk]}

    recorded = 0
    for need, row, provider_user in completed:
        source = f"exchange.connection:{row.pk}"
        evidence_record(
            **holder(need.offer.holder),
            capacity=capacities[need.offer.capacity_id],
            kind=Evidence.Kind.TAUGHT,
            source=source,
            occurred_on=today,
            confirmed_by=users[need.requester_id],
        )
        for capacity_id in need.capacities:
            evidence_record(
                **holder(need.holder),
                capacity=capacities[capacity_id],
                kind=Evidence.Kind.LEARNED,
                source=source,
                occurred_on=today,
                confirmed_by=users[provider_user],
            )
        recorded += 1 + len(need.capacities)
    return recorded
