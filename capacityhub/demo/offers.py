"""The demo exchange's offers (one per `offers` claim, offers ⊆ knows) and availability."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .exchange_texts import (
    AVAILABILITY_SHARE,
    AWAY_SHARE,
    OFFER_TEXTS,
    ONLINE_SHARE,
    ORGANIZATION_OFFER,
    mid_sentence,
)
from .holders import Holder


@dataclass
class OfferPlan:
    holder: Holder
    claim_id: int
    capacity_id: int
    description: str
    methods: list[int]
    languages: list[str]
    online: bool
    region: str
    pk: int | None = None


def pick_methods(rng, all_methods, linked, capacity_id, low, high) -> list[int]:
    if not all_methods:
        return []
    count = min(len(all_methods), rng.randint(low, high))
    if count == 0:
        return []
    own = linked.get(capacity_id, [])
    chosen = [rng.choice(own)] if own else []
    rest = [m for m in all_methods if m not in chosen]
    chosen += rng.sample(rest, min(len(rest), count - len(chosen)))
    return sorted(chosen)


def plan_offers(seed, people, organizations, labels, methods) -> list[OfferPlan]:
    rng = random.Random(f"exchange-offers:{seed}")
    all_methods, linked, _codes = methods
    plans = []
    for holder in [*people, *organizations]:
        for claim_id, capacity_id in holder.offers:
            if holder.kind == "person" and capacity_id not in holder.knows:
                continue  # offers ⊆ knows
            label = mid_sentence(labels[capacity_id])
            if holder.kind == "person":
                text = rng.choice(OFFER_TEXTS).format(label=label)
            else:
                text = ORGANIZATION_OFFER.format(label=label)
            plans.append(
                OfferPlan(
                    holder=holder,
                    claim_id=claim_id,
                    capacity_id=capacity_id,
                    description=text,
                    methods=pick_methods(rng, all_methods, linked, capacity_id, 1, 3),
                    languages=list(holder.languages),
                    online=rng.random() < ONLINE_SHARE,
                    region=holder.region,
                )
            )
    return plans


def plan_availability(seed, offers: list[OfferPlan], today: date) -> list[dict]:
    rng = random.Random(f"exchange-availability:{seed}")
    providers = list({(o.holder.kind, o.holder.pk): o.holder for o in offers}.values())
    rows = []
    for holder in providers:
        if rng.random() >= AVAILABILITY_SHARE:
            continue
        away = today + timedelta(days=rng.randint(7, 60)) if rng.random() < AWAY_SHARE else None
        rows.append(
            {
                "holder": holder,
                "hours_per_month": rng.randint(2, 10),
                "max_connections": rng.randint(1, 4),
                "away_until": away,
            }
        )
    return rows
