"""The demo exchange's needs: from what people and organizations want to learn, with the
status each reaches, its history, and demo-member's own need."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from capacityhub.core.languages import language_name

from .exchange_texts import (
    CLOSING_NOTES,
    DEMO_MEMBER,
    DEMO_MEMBER_CAPACITIES,
    DEMO_MEMBER_DESCRIPTION,
    DEMO_MEMBER_METHODS,
    DEMO_MEMBER_TITLE,
    FULFILLED_NOTES,
    GENERIC_TITLES,
    LANGUAGE_SUFFIX,
    NEED_ASKS,
    NEED_OPENINGS,
    ORGANIZATION_NEED,
    ORGANIZATION_NEEDS,
    PEOPLE_PER_NEED,
    TITLES,
    WINDOW_DAYS,
    join_or,
    mid_sentence,
)
from .holders import Holder
from .offers import OfferPlan, pick_methods


@dataclass
class NeedPlan:
    holder: Holder  # the person, or the organization it is stated for
    requester_id: int
    title: str
    description: str
    capacities: list[int]
    desired_level: int
    languages: list[str]
    online: bool
    region: str
    methods: list[int]
    starts_on: date | None
    ends_on: date | None
    visibility: str
    status: str
    connection: str = ""  # "", "invited", "accepted" or "completed"
    offer: OfferPlan | None = None
    pk: int | None = None


def _need_languages(rng, holder: Holder) -> list[str]:
    if not holder.languages:
        return []
    chosen = holder.languages[: rng.randint(1, 2)]
    if "en" in holder.languages and "en" not in chosen and rng.random() < 0.5:
        chosen.append("en")
    return chosen


def _window(rng, today: date) -> tuple[date | None, date | None]:
    if rng.random() < 0.2:
        return None, None
    starts = today + timedelta(days=rng.randint(0, 30))
    ends = min(starts + timedelta(days=rng.randint(14, 60)), today + timedelta(days=WINDOW_DAYS))
    return starts, ends


def _visibility(rng) -> str:
    roll = rng.random()
    return "public" if roll < 0.8 else "members" if roll < 0.95 else "private"


def _status(rng) -> str:
    roll = rng.random()
    if roll < 0.68:
        return "open"
    if roll < 0.80:
        return "in_progress"
    return "fulfilled" if roll < 0.91 else "closed"


def _title(rng, capacity_id, labels, codes, languages) -> str:
    code = codes[capacity_id]
    if code in TITLES and rng.random() < 0.7:
        title = rng.choice(TITLES[code])
    else:
        title = rng.choice(GENERIC_TITLES).format(label=mid_sentence(labels[capacity_id]))
    if languages and rng.random() < 0.3:
        names = [language_name(c, "en") or c for c in languages]
        title += LANGUAGE_SUFFIX.format(languages=join_or(names))
    return title[:200]


def plan_needs(seed, people, organizations, labels, codes, methods, today) -> list[NeedPlan]:
    rng = random.Random(f"exchange-needs:{seed}")
    all_methods, linked, method_ids = methods
    plans: list[NeedPlan] = []
    member = next((p for p in people if p.key == DEMO_MEMBER), None)
    if member is not None:
        plans.append(_demo_member_need(member, codes, method_ids, today))
    candidates = [p for p in people if p.wants and not p.key.startswith("demo-")]
    count = min(len(candidates), round(len(people) / PEOPLE_PER_NEED))
    for holder in sorted(rng.sample(candidates, count), key=lambda p: p.key):
        wants = rng.sample(holder.wants, min(len(holder.wants), 1 if rng.random() < 0.7 else 2))
        languages = _need_languages(rng, holder)
        label = mid_sentence(labels[wants[0]])
        description = " ".join(
            [rng.choice(NEED_OPENINGS).format(label=label), rng.choice(NEED_ASKS)]
        )
        online = rng.random() < 0.8
        starts_on, ends_on = _window(rng, today)
        plans.append(
            NeedPlan(
                holder=holder,
                requester_id=holder.user_id,
                title=_title(rng, wants[0], labels, codes, languages),
                description=description,
                capacities=wants,
                desired_level=rng.randint(2, 4),
                languages=languages,
                online=online,
                region=holder.region if (not online or rng.random() < 0.5) else "",
                methods=pick_methods(rng, all_methods, linked, wants[0], 0, 2),
                starts_on=starts_on,
                ends_on=ends_on,
                visibility=_visibility(rng),
                status=_status(rng),
            )
        )
    stating = [o for o in organizations if o.wants and o.managers]
    chosen = rng.sample(stating, min(len(stating), ORGANIZATION_NEEDS))
    for holder in sorted(chosen, key=lambda o: o.key):
        wants = rng.sample(holder.wants, min(len(holder.wants), rng.randint(1, 2)))
        label = mid_sentence(labels[wants[0]])
        online = rng.random() < 0.7
        starts_on, ends_on = _window(rng, today)
        plans.append(
            NeedPlan(
                holder=holder,
                requester_id=rng.choice(holder.managers),
                title=_title(rng, wants[0], labels, codes, []),
                description=ORGANIZATION_NEED.format(name=holder.name, label=label),
                capacities=wants,
                desired_level=rng.randint(2, 4),
                languages=holder.languages[:2],
                online=online,
                region=holder.region,
                methods=pick_methods(rng, all_methods, linked, wants[0], 1, 2),
                starts_on=starts_on,
                ends_on=ends_on,
                visibility="public" if rng.random() < 0.9 else "members",
                status=_status(rng),
            )
        )
    return plans


def _demo_member_need(member: Holder, codes, method_ids, today) -> NeedPlan:
    """Amina's need (docs/personas): open, public, for event organizing."""
    by_code = {code: pk for pk, code in codes.items()}
    capacities = [by_code[c] for c in DEMO_MEMBER_CAPACITIES[:1] if by_code.get(c) in member.wants]
    capacities = capacities or member.wants[:1]
    languages = [c for c in ("en", "ha") if c in member.languages] or member.languages[:2]
    return NeedPlan(
        holder=member,
        requester_id=member.user_id,
        title=DEMO_MEMBER_TITLE,
        description=DEMO_MEMBER_DESCRIPTION,
        capacities=capacities,
        desired_level=3,
        languages=languages,
        online=True,
        region=member.region,
        methods=[method_ids[c] for c in DEMO_MEMBER_METHODS if c in method_ids],
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=60),
        visibility="public",
        status="open",
    )


def need_history(need: NeedPlan, rng) -> list[tuple[str, str, str]]:
    """(from, to, note) of the need's history, its creation first."""
    events = [("", "open", "")]
    if need.status in ("in_progress", "fulfilled"):
        events.append(("open", "in_progress", ""))
    if need.status == "fulfilled":
        events.append(("in_progress", "fulfilled", rng.choice(FULFILLED_NOTES)))
    if need.status == "closed":
        events.append(("open", "closed", rng.choice(CLOSING_NOTES)))
    return events
