"""A deterministic demo exchange on top of the demo community (`community/demo.py`).

`write_demo_exchange()` reads the demo people and organizations already in the database and
writes, with a handful of `bulk_create` calls in one transaction:

- an Offer for every `offers` capacity claim (of a person only when they also *know* the
  capacity: offers ⊆ knows, as `services.offers` requires), with 1–3 methods, the holder's
  languages and region, mostly online;
- Availability for about 60 % of the providers (2–10 hours a month, 1–4 connections at once,
  about 5 % away until a date in the coming weeks);
- about one need per four people, from what they *want* to learn, and about ten needs stated
  by organizations through a manager; mostly public and open, some in progress, fulfilled or
  closed, each change of status recorded by a NeedEvent. demo-member (Amina, in the personas)
  gets an open need "How to run an edit-a-thon, in English or Hausa";
- a few connections (invited, accepted, completed) with messages, and for the completed ones
  feedback from both sides and evidence (`community.evidence.evidence_record`).

What is chosen depends only on the seed and on the community (itself deterministic); dates are
relative to `today`. Only `seed_demo` and `benchmarks/` use this module.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

DEMO_MEMBER = "demo-member"
DEMO_MEMBER_TITLE = "How to run an edit-a-thon, in English or Hausa"
DEMO_MEMBER_DESCRIPTION = (
    "I edit Hausa Wikipedia in the evenings and would like to organise my first edit-a-thon "
    "in Kano. I am looking for someone who has run one before: how to plan the day, find a "
    "venue and a good internet connection, invite new editors and keep them editing afterwards. "
    "English or Hausa are both fine; two or three online calls would be ideal."
)
DEMO_MEMBER_CAPACITIES = ("event-organizing", "edit-a-thon")
DEMO_MEMBER_METHODS = ("mentoring", "documentation", "live-online-session")
ORGANIZATION_NEEDS = 10
PEOPLE_PER_NEED = 4
AVAILABILITY_SHARE = 0.6
AWAY_SHARE = 0.05
ONLINE_SHARE = 0.85
WINDOW_DAYS = 90

# Titles for needs about well-known capacities; the others use GENERIC_TITLES.
TITLES: dict[str, tuple[str, ...]] = {
    "event-organizing": ("How to run an edit-a-thon", "Planning our first community meetup"),
    "edit-a-thon": ("Planning our first edit-a-thon", "Keeping edit-a-thon participants editing"),
    "grant-writing": ("Help with my first grant application", "Writing a Rapid Fund proposal"),
    "grant-reporting": ("Writing the report for our first grant",),
    "fundraising": ("Finding funding for our user group", "Starting local fundraising"),
    "lua-scripting": ("Fixing the Lua modules on our wiki", "Learning Lua to maintain templates"),
    "templates": ("Importing infobox templates to a small wiki",),
    "wikidata": ("Getting started with Wikidata for our project",),
    "sparql-queries": ("Writing SPARQL queries for a project page",),
    "photo-contests": ("Running a local photo contest", "Judging a Wiki Loves Monuments round"),
    "photography": ("Taking better photos of heritage sites",),
    "board-governance": ("How should a small board work?", "Onboarding new board members"),
    "organizational-governance": ("Setting up the governance of a new chapter",),
    "conflict-resolution": ("Handling a long-running content dispute",),
    "mentoring": ("Learning to mentor newcomers",),
    "onboarding-newcomers": ("Keeping newcomers after an event",),
    "wikipedia-in-education": ("Bringing Wikipedia into a university course",),
    "classroom-assignments": ("Designing a Wikipedia assignment for my students",),
    "translation": ("Translating articles well", "Using Content Translation without errors"),
    "content-translation": ("Using Content Translation without errors",),
    "copyright-and-licensing": ("Which licence can I upload these photos under?",),
    "social-media": ("Growing our community on social media",),
    "public-speaking": ("Preparing my first conference talk",),
    "glam-partnerships": ("Approaching a museum about a partnership",),
    "library-partnerships": ("Working with our national library",),
    "strategic-planning": ("Writing our first strategic plan",),
    "volunteer-management": ("Keeping volunteers motivated through the year",),
    "program-metrics": ("Measuring the outcomes of our programmes",),
    "evaluation": ("Evaluating a year of activities",),
    "digital-security": ("Keeping our accounts safe",),
    "gender-gap": ("Closing the gender gap on our Wikipedia",),
    "writing-articles": ("Writing my first good article",),
    "referencing": ("Finding and citing reliable sources in my language",),
    "bots": ("Running a bot on a small wiki",),
    "openstreetmap": ("Mapping our city with OpenStreetMap and Wikidata",),
}
GENERIC_TITLES = (
    "How to get started with {label}",
    "Looking for a mentor in {label}",
    "Help with {label} for our community",
    "Learning {label} step by step",
    "Advice on {label}",
)
LANGUAGE_SUFFIX = ", in {languages}"
NEED_OPENINGS = (
    "I am active in my local Wikimedia community and want to learn more about {label}.",
    "Our group is planning its activities for the coming months, and nobody among us has "
    "experience with {label} yet.",
    "I have read the pages on Meta-Wiki about {label}, but would like to talk to someone who "
    "has done it.",
    "I started contributing two years ago and would now like to take on {label}.",
)
NEED_ASKS = (
    "A few online sessions would be ideal.",
    "Examples from other communities would help a lot.",
    "I can meet in the evenings or at weekends.",
    "A step-by-step guide and someone to answer questions would be perfect.",
    "I would like to try it on a small scale first and get feedback.",
)
ORGANIZATION_NEED = (
    "{name} wants to strengthen its {label}. We would welcome peer support from another "
    "affiliate that has been through this, and are happy to share what we learn."
)
OFFER_TEXTS = (
    "I have several years of experience with {label} and enjoy helping others get started.",
    "Happy to share what I know about {label}: I can review your plans, answer questions and "
    "point you to good examples.",
    "I have helped other communities with {label}. Write to me with what you are working on.",
    "I learned {label} the hard way and would like to make it easier for the next person.",
)
ORGANIZATION_OFFER = (
    "Our team can support other communities with {label}, drawing on our own programmes."
)
ORGANIZATION_KINDS = {
    "chapter": "chapter",
    "user_group": "user group",
    "hub": "hub",
    "thematic": "organization",
    "informal": "group",
    "partner": "organization",
}
CLOSING_NOTES = ("No longer needed.", "We found help elsewhere.", "Postponed to next year.")
FULFILLED_NOTES = ("Thank you, this worked out.", "Done: it went well.", "")
REQUESTER_FEEDBACK = (
    "Very helpful and patient; I now know where to start.",
    "Clear explanations and good examples from other communities.",
    "Exactly what we needed, thank you!",
)
PROVIDER_FEEDBACK = (
    "Well prepared questions; a pleasure to work with.",
    "Motivated and quick to put things into practice.",
    "Good conversations; I learned from them too.",
)
# Words that stay capitalized inside a sentence.
PROPER = ("Wiki", "Lua", "SPARQL", "MediaWiki", "OpenStreetMap", "Commons", "CentralNotice")
PROPER += ("VRT", "UX", "API", "GLAM", "Creative", "Content", "Meta")


def _mid(label: str) -> str:
    """A capacity label inside a sentence: "Grant writing" → "grant writing"."""
    if label[:1].isupper() and label[1:2].islower() and not label.startswith(PROPER):
        return label[0].lower() + label[1:]
    return label


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# What is read from the database -----------------------------------------------------------------


@dataclass
class _Holder:
    """A demo person (profile) or organization, with what the exchange needs of it."""

    kind: str  # "person" or "organization"
    pk: int  # profile id or organization id
    key: str  # username or slug: the order everything is chosen in
    name: str
    region: str
    languages: list[str] = field(default_factory=list)  # best first
    knows: set[int] = field(default_factory=set)
    offers: list[tuple[int, int]] = field(default_factory=list)  # (claim id, capacity id)
    wants: list[int] = field(default_factory=list)  # capacity ids
    user_id: int | None = None  # a person's user; an organization's first manager
    managers: list[int] = field(default_factory=list)  # user ids (organizations)
    org_kind: str = ""


def _read_community(organization_slugs=None):
    from django.db.models import Q

    from capacityhub.community.models import (
        CapacityClaim,
        Membership,
        Organization,
        OrganizationLanguage,
        Profile,
        ProfileLanguage,
        Relation,
    )
    from capacityhub.core.regions import region_of

    people: dict[int, _Holder] = {}
    for pk, user_id, username, name, country in (
        Profile.objects.filter(user__is_demo=True, user__is_active=True)
        .order_by("user__username")
        .values_list("id", "user_id", "user__username", "display_name", "country")
    ):
        region = region_of(country) or ""
        people[pk] = _Holder("person", pk, username, name, region, user_id=user_id)
    spoken: dict[int, list[tuple[int, str]]] = {}
    for profile_id, code, level in ProfileLanguage.objects.filter(
        profile__user__is_demo=True, profile__user__is_active=True
    ).values_list("profile_id", "language", "proficiency"):
        # native (0) first, then the most fluent (5) to the least (1)
        spoken.setdefault(profile_id, []).append((0 if level == 0 else 6 - level, code))
    for pk, rows in spoken.items():
        people[pk].languages = [code for _rank, code in sorted(rows)]

    organizations_qs = Organization.objects.all()
    if organization_slugs is not None:
        organizations_qs = organizations_qs.filter(slug__in=list(organization_slugs))
    else:
        organizations_qs = organizations_qs.filter(memberships__user__is_demo=True).distinct()
    organizations: dict[int, _Holder] = {}
    for pk, slug, name, region, kind in organizations_qs.order_by("slug").values_list(
        "id", "slug", "name", "region", "kind"
    ):
        organizations[pk] = _Holder("organization", pk, slug, name, region or "", org_kind=kind)
    for org_id, code in (
        OrganizationLanguage.objects.filter(organization_id__in=list(organizations))
        .order_by("organization_id", "language")
        .values_list("organization_id", "language")
    ):
        organizations[org_id].languages.append(code)
    for org_id, user_id in (
        Membership.objects.filter(
            organization_id__in=list(organizations),
            role=Membership.Role.MANAGER,
            user__is_active=True,
        )
        .order_by("user__username")
        .values_list("organization_id", "user_id")
    ):
        organizations[org_id].managers.append(user_id)
    for holder in organizations.values():
        holder.user_id = holder.managers[0] if holder.managers else None

    holders = Q(profile__user__is_demo=True, profile__user__is_active=True)
    holders |= Q(organization_id__in=list(organizations))
    rows = (
        CapacityClaim.objects.filter(holders, capacity__is_active=True)
        .order_by("id")
        .values_list("id", "profile_id", "organization_id", "capacity_id", "relation")
    )
    for claim_id, profile_id, org_id, capacity_id, relation in rows:
        holder = people.get(profile_id) if profile_id else organizations.get(org_id)
        if holder is None:
            continue
        if relation == Relation.KNOWS:
            holder.knows.add(capacity_id)
        elif relation == Relation.OFFERS:
            holder.offers.append((claim_id, capacity_id))
        elif relation == Relation.WANTS:
            holder.wants.append(capacity_id)
    return list(people.values()), list(organizations.values())


def _labels() -> tuple[dict[int, str], dict[int, str]]:
    """English labels (falling back to the code) and codes of every capacity."""
    from capacityhub.taxonomy.models import Capacity, CapacityTranslation

    codes = dict(Capacity.objects.values_list("id", "code"))
    labels = {pk: code.replace("-", " ").capitalize() for pk, code in codes.items()}
    labels |= dict(
        CapacityTranslation.objects.filter(language="en").values_list("capacity_id", "label")
    )
    return labels, codes


def _methods() -> tuple[list[int], dict[int, list[int]], dict[str, int]]:
    from capacityhub.taxonomy.models import Method

    ids = dict(Method.objects.order_by("code").values_list("code", "id"))
    linked: dict[int, list[int]] = {}
    for method_id, capacity_id in Method.capacities.through.objects.order_by(
        "capacity_id", "method_id"
    ).values_list("method_id", "capacity_id"):
        linked.setdefault(capacity_id, []).append(method_id)
    return sorted(ids.values()), linked, ids


# The plan ---------------------------------------------------------------------------------------


@dataclass
class _OfferPlan:
    holder: _Holder
    claim_id: int
    capacity_id: int
    description: str
    methods: list[int]
    languages: list[str]
    online: bool
    region: str
    pk: int | None = None


@dataclass
class _NeedPlan:
    holder: _Holder  # the person, or the organization it is stated for
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
    offer: _OfferPlan | None = None
    pk: int | None = None


def _pick_methods(rng, all_methods, linked, capacity_id, low, high) -> list[int]:
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


def _plan_offers(seed, people, organizations, labels, methods) -> list[_OfferPlan]:
    rng = random.Random(f"exchange-offers:{seed}")
    all_methods, linked, _codes = methods
    plans = []
    for holder in [*people, *organizations]:
        for claim_id, capacity_id in holder.offers:
            if holder.kind == "person" and capacity_id not in holder.knows:
                continue  # offers ⊆ knows
            label = _mid(labels[capacity_id])
            if holder.kind == "person":
                text = rng.choice(OFFER_TEXTS).format(label=label)
            else:
                text = ORGANIZATION_OFFER.format(label=label)
            plans.append(
                _OfferPlan(
                    holder=holder,
                    claim_id=claim_id,
                    capacity_id=capacity_id,
                    description=text,
                    methods=_pick_methods(rng, all_methods, linked, capacity_id, 1, 3),
                    languages=list(holder.languages),
                    online=rng.random() < ONLINE_SHARE,
                    region=holder.region,
                )
            )
    return plans


def _plan_availability(seed, offers: list[_OfferPlan], today: date) -> list[dict]:
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


def _need_languages(rng, holder: _Holder) -> list[str]:
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
        title = rng.choice(GENERIC_TITLES).format(label=_mid(labels[capacity_id]))
    if languages and rng.random() < 0.3:
        from capacityhub.core.languages import language_name

        names = [language_name(c, "en") or c for c in languages]
        title += LANGUAGE_SUFFIX.format(languages=_join(names))
    return title[:200]


def _plan_needs(seed, people, organizations, labels, codes, methods, today) -> list[_NeedPlan]:
    rng = random.Random(f"exchange-needs:{seed}")
    all_methods, linked, method_ids = methods
    plans: list[_NeedPlan] = []
    member = next((p for p in people if p.key == DEMO_MEMBER), None)
    if member is not None:
        plans.append(_demo_member_need(member, codes, method_ids, today))
    candidates = [p for p in people if p.wants and not p.key.startswith("demo-")]
    count = min(len(candidates), round(len(people) / PEOPLE_PER_NEED))
    for holder in sorted(rng.sample(candidates, count), key=lambda p: p.key):
        wants = rng.sample(holder.wants, min(len(holder.wants), 1 if rng.random() < 0.7 else 2))
        languages = _need_languages(rng, holder)
        label = _mid(labels[wants[0]])
        description = " ".join(
            [rng.choice(NEED_OPENINGS).format(label=label), rng.choice(NEED_ASKS)]
        )
        online = rng.random() < 0.8
        starts_on, ends_on = _window(rng, today)
        plans.append(
            _NeedPlan(
                holder=holder,
                requester_id=holder.user_id,
                title=_title(rng, wants[0], labels, codes, languages),
                description=description,
                capacities=wants,
                desired_level=rng.randint(2, 4),
                languages=languages,
                online=online,
                region=holder.region if (not online or rng.random() < 0.5) else "",
                methods=_pick_methods(rng, all_methods, linked, wants[0], 0, 2),
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
        label = _mid(labels[wants[0]])
        online = rng.random() < 0.7
        starts_on, ends_on = _window(rng, today)
        plans.append(
            _NeedPlan(
                holder=holder,
                requester_id=rng.choice(holder.managers),
                title=_title(rng, wants[0], labels, codes, []),
                description=ORGANIZATION_NEED.format(name=holder.name, label=label),
                capacities=wants,
                desired_level=rng.randint(2, 4),
                languages=holder.languages[:2],
                online=online,
                region=holder.region,
                methods=_pick_methods(rng, all_methods, linked, wants[0], 1, 2),
                starts_on=starts_on,
                ends_on=ends_on,
                visibility="public" if rng.random() < 0.9 else "members",
                status=_status(rng),
            )
        )
    return plans


def _demo_member_need(member: _Holder, codes, method_ids, today) -> _NeedPlan:
    """Amina's need (docs/personas): open, public, for event organizing."""
    by_code = {code: pk for pk, code in codes.items()}
    capacities = [by_code[c] for c in DEMO_MEMBER_CAPACITIES[:1] if by_code.get(c) in member.wants]
    capacities = capacities or member.wants[:1]
    languages = [c for c in ("en", "ha") if c in member.languages] or member.languages[:2]
    return _NeedPlan(
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


def _plan_connections(seed, needs: list[_NeedPlan], offers: list[_OfferPlan], availability):
    """Gives in-progress needs an accepted connection, fulfilled ones a completed one, and a
    few open ones an invitation, to a provider of a capacity the need asks for who is not on
    the requesting side, not away and (for accepted ones) not at capacity. A need that finds
    nobody stays open (or, if it was to be fulfilled, is closed)."""
    rng = random.Random(f"exchange-connections:{seed}")
    by_capacity: dict[int, list[_OfferPlan]] = {}
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


# Writing ----------------------------------------------------------------------------------------


def _create(model, objects: list, batch_size: int = 1000) -> list:
    """bulk_create, with the primary keys set (one save each where the database cannot
    return them from a bulk insert)."""
    from django.db import connection

    if connection.features.can_return_rows_from_bulk_insert:
        return model.objects.bulk_create(objects, batch_size=batch_size)
    for obj in objects:
        obj.save()
    return objects


def _events(need: _NeedPlan, rng) -> list[tuple[str, str, str]]:
    """(from, to, note) of the need's history, its creation first."""
    events = [("", "open", "")]
    if need.status in ("in_progress", "fulfilled"):
        events.append(("open", "in_progress", ""))
    if need.status == "fulfilled":
        events.append(("in_progress", "fulfilled", rng.choice(FULFILLED_NOTES)))
    if need.status == "closed":
        events.append(("open", "closed", rng.choice(CLOSING_NOTES)))
    return events


def _messages(need: _NeedPlan, label: str, provider_user: int) -> list[tuple[int, str]]:
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


def write_demo_exchange(
    *, seed: int = 2030, today: date | None = None, organization_slugs=None
) -> dict[str, int]:
    """Write the demo exchange for the demo community in the database. Returns row counts;
    writes nothing (and returns zeros) when the demo people already have needs or offers."""
    from django.db import transaction
    from django.utils import timezone

    from capacityhub.community.evidence import evidence_record
    from capacityhub.community.models import Evidence, Organization, Profile, User
    from capacityhub.taxonomy.models import Capacity

    from .models import Availability, Connection, Feedback, Message, Need, NeedEvent, Offer
    from .selectors.matching_index import matching_cache_clear, matching_index_changed

    counts = dict.fromkeys(
        ("offers", "availability", "needs", "events", "connections", "messages", "feedback"), 0
    )
    counts["evidence"] = 0
    today = today or timezone.localdate()
    with transaction.atomic():
        if (
            Offer.objects.filter(claim__profile__user__is_demo=True).exists()
            or Need.objects.filter(requester__is_demo=True).exists()
        ):
            return counts
        people, organizations = _read_community(organization_slugs)
        labels, codes = _labels()
        methods = _methods()
        offers = _plan_offers(seed, people, organizations, labels, methods)
        availability = _plan_availability(seed, offers, today)
        needs = _plan_needs(seed, people, organizations, labels, codes, methods, today)
        _plan_connections(seed, needs, offers, availability)

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
            [
                Need.capacities.through(need_id=n.pk, capacity_id=c)
                for n in needs
                for c in n.capacities
            ],
            batch_size=2000,
        )
        Need.methods.through.objects.bulk_create(
            [Need.methods.through(need_id=n.pk, method_id=m) for n in needs for m in n.methods],
            batch_size=2000,
        )
        rng = random.Random(f"exchange-events:{seed}")
        events = [
            NeedEvent(need_id=n.pk, actor_id=n.requester_id, from_status=a, to_status=b, note=note)
            for n in needs
            for a, b, note in _events(n, rng)
        ]
        NeedEvent.objects.bulk_create(events, batch_size=2000)

        connected = [n for n in needs if n.connection]
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
            label = _mid(labels[need.offer.capacity_id])
            messages += [
                Message(connection_id=row.pk, sender_id=sender, body=body)
                for sender, body in _messages(need, label, provider_user)
            ]
            if need.connection == "completed":
                completed.append((need, row, provider_user))
                feedback += [
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
        Message.objects.bulk_create(messages, batch_size=2000)
        Feedback.objects.bulk_create(feedback)

        # Evidence through its service (idempotent, audited): the provider taught the offered
        # capacity, the requesting side learned each capacity the need asked for.
        users = User.objects.in_bulk(
            {n.requester_id for n, _r, _u in completed} | {u for _n, _r, u in completed}
        )
        capacities = Capacity.objects.in_bulk(
            {c for n, _r, _u in completed for c in [n.offer.capacity_id, *n.capacities]}
        )
        profiles = Profile.objects.in_bulk(
            {h.pk for n, _r, _u in completed for h in (n.holder, n.offer.holder)
             if h.kind == "person"}
        )  # fmt: skip
        orgs = Organization.objects.in_bulk(
            {h.pk for n, _r, _u in completed for h in (n.holder, n.offer.holder)
             if h.kind == "organization"}
        )  # fmt: skip

        def holder(h: _Holder) -> dict:
            return (
                {"profile": profiles[h.pk]} if h.kind == "person" else {"organization": orgs[h.pk]}
            )

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
            counts["evidence"] += 1 + len(need.capacities)

        matching_cache_clear()  # this process now, every process once committed
        transaction.on_commit(matching_index_changed)
    counts.update(
        offers=len(offers),
        availability=len(availability),
        needs=len(needs),
        events=len(events),
        connections=len(connected),
        messages=len(messages),
        feedback=len(feedback),
    )
    return counts
