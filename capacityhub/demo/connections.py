"""The demo exchange's connections: who each need is connected with, and their messages."""

import random

from .exchange_texts import DEMO_MEMBER, DEMO_MEMBER_TITLE
from .needs import NeedPlan
from .offers import OfferPlan


def plan_connections(seed, needs: list[NeedPlan], offers: list[OfferPlan], availability):
    """Gives in-progress needs an accepted connection, fulfilled ones a completed one, and a
    few open ones an invitation, to a provider of a capacity the need asks for who is not on
    the requesting side, not away and (for accepted ones) not at capacity. A need that finds
    nobody stays open (or, if it was to be fulfilled, is closed)."""
    rng = random.Random(f"exchange-connections:{seed}")
    by_capacity: dict[int, list[OfferPlan]] = {}
    for offer in offers:
        by_capacity.setdefault(offer.capacity_id, []).append(offer)
    limits = {(a["holder"].kind, a["holder"].pk): a for a in availability}
    accepted: dict[tuple[str, int], int] = {}
    for need in needs:
        if need.title == DEMO_MEMBER_TITLE and need.holder.key == DEMO_MEMBER:
            continue  # Amina's need waits for her to invite someone
        wanted = {"in_progress": "accepted", "fulfilled": "completed"}.get(need.status, "")
        if need.status == "open" and rng.random() < 0.12:
            wanted = "invited"
        if not wanted:
            continue
        requesting = {need.requester_id}
        if need.holder.kind == "organization":
            requesting |= set(need.holder.managers)
        candidates = []
        for capacity_id in need.capacities:
            for offer in by_capacity.get(capacity_id, []):
                key = (offer.holder.kind, offer.holder.pk)
                limit = limits.get(key)
                if offer.holder is need.holder or offer.holder.user_id in requesting:
                    continue
                if requesting & set(offer.holder.managers):
                    continue
                if offer.holder.kind == "person" and offer.holder.user_id is None:
                    continue
                if offer.holder.kind == "organization" and not offer.holder.managers:
                    continue
                if limit and limit["away_until"] is not None:
                    continue
                most = limit["max_connections"] if limit else 2
                if wanted == "accepted" and accepted.get(key, 0) >= most:
                    continue
                candidates.append(offer)
        if not candidates:
            if need.status == "fulfilled":
                need.status = "closed"
            elif need.status == "in_progress":
                need.status = "open"
            continue
        offer = rng.choice(candidates)
        need.connection, need.offer = wanted, offer
        if wanted == "accepted":
            key = (offer.holder.kind, offer.holder.pk)
            accepted[key] = accepted.get(key, 0) + 1


def connection_messages(need: NeedPlan, label: str, provider_user: int) -> list[tuple[int, str]]:
    invite = (
        f"Hello! I saw that you offer help with {label}. Would you have time to help with "
        f"“{need.title}”?"
    )
    messages = [(need.requester_id, invite)]
    if need.connection in ("accepted", "completed"):
        messages += [
            (provider_user, "Happy to help. Shall we start with a short call next week?"),
            (need.requester_id, "Great, thank you! I will send you a few dates."),
        ]
    if need.connection == "completed":
        messages += [
            (provider_user, "Here are the notes and links from our two sessions."),
            (need.requester_id, "Thank you — we used them and it went well."),
        ]
    return messages
