"""Is a person conflicted about a subject, and why? One answer for review, mentoring, board votes
and ledger approvals.

A subject is a User, an Organization, or any object with `conflict_parties()` returning
(users, organizations) — e.g. an application returns its applicant and their organizations.
Conflicts come from *sources*: each takes the people asked about and the parties involved and
returns the links between them, in one query whatever the numbers. Built-in sources: the person
themself, same organization, declared interests, a recent exchange connection, co-authorship of
a resource. Other apps add theirs (a mentor pair) with `register_conflict_source` from
`AppConfig.ready()`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

USER = "user"
ORGANIZATION = "organization"
RECENT_CONNECTION_DAYS = 365
COLLABORATION_YEARS = 3


@dataclass(frozen=True)
class Conflict:
    kind: str  # self, same_organization, interest, connection, coauthor, mentor, …
    reason: str | Promise  # translatable, shown to staff and to the person recused
    source: str  # what it rests on, e.g. "membership:12", "interest:4", "connection:9"


Party = tuple[str, int]  # (USER | ORGANIZATION, id)


@dataclass(frozen=True)
class Link:
    person_id: int
    party: Party
    conflict: Conflict


ConflictSource = Callable[[set[int], set[int], set[int]], Iterable[Link]]
_sources: list[ConflictSource] = []


def register_conflict_source(source: ConflictSource) -> None:
    """`source(person_ids, party_user_ids, party_organization_ids)` yields `Link`s; it must do
    a bounded number of queries. Registering twice is harmless."""
    if source not in _sources:
        _sources.append(source)


def register_builtin_sources() -> None:
    for source in (
        _self_source,
        _same_organization_source,
        _interest_source,
        _connection_source,
        _coauthor_source,
    ):
        register_conflict_source(source)


# -- asking ----------------------------------------------------------------------------------


def subject_parties(subject: Any) -> tuple[set[int], set[int]]:
    """(user ids, organization ids) a subject stands for."""
    from capacityhub.community.models import Organization, User

    if isinstance(subject, User):
        return {subject.pk}, set()
    if isinstance(subject, Organization):
        return set(), {subject.pk}
    parties = getattr(subject, "conflict_parties", None)
    if parties is None:
        raise TypeError(f"{type(subject).__name__} does not expose conflict_parties()")
    users, organizations = parties()
    return {_pk(u) for u in users if u is not None}, {
        _pk(o) for o in organizations if o is not None
    }


def _pk(value: Any) -> int:
    return value if isinstance(value, int) else value.pk


def _links(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    if not people or not (users or organizations):
        return []
    found: list[Link] = []
    for source in _sources:
        found.extend(source(people, users, organizations))
    return found


def conflict_check(*, person, subject) -> list[Conflict]:
    """Every reason `person` is conflicted about `subject`; an empty list means none."""
    users, organizations = subject_parties(subject)
    parties = {(USER, u) for u in users} | {(ORGANIZATION, o) for o in organizations}
    seen: dict[tuple[str, str], Conflict] = {}
    for link in _links({person.pk}, users, organizations):
        if link.party in parties:
            seen.setdefault((link.conflict.kind, link.conflict.source), link.conflict)
    return list(seen.values())


def conflicted_pairs(people: Sequence, subjects: Sequence) -> set[tuple[int, int]]:
    """{(person id, subject index)} for every conflicted pair, in one query per source
    (plus whatever `conflict_parties()` costs: prefetch what it reads)."""
    person_ids = {_pk(p) for p in people}
    by_party: dict[Party, list[int]] = defaultdict(list)
    for index, subject in enumerate(subjects):
        users, organizations = subject_parties(subject)
        for user_id in users:
            by_party[(USER, user_id)].append(index)
        for organization_id in organizations:
            by_party[(ORGANIZATION, organization_id)].append(index)
    users = {pid for kind, pid in by_party if kind == USER}
    organizations = {pid for kind, pid in by_party if kind == ORGANIZATION}
    pairs: set[tuple[int, int]] = set()
    for link in _links(person_ids, users, organizations):
        for index in by_party.get(link.party, ()):
            pairs.add((link.person_id, index))
    return pairs


# -- built-in sources ------------------------------------------------------------------------

# Django prepares every value of an IN list one by one: past a few hundred ids it is cheaper to
# read the (small, filtered) table and keep the rows that matter in Python, which every source
# does anyway.
LARGE_IN = 300


EVERY_ROW = Q(pk__isnull=False)  # not Q(): an empty Q vanishes from an OR and narrows it


def _among(field: str, ids: set[int]) -> Q:
    return Q(**{f"{field}__in": ids}) if len(ids) <= LARGE_IN else EVERY_ROW


def _self_source(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    conflict = Conflict("self", _("This is about you."), "self")
    return [Link(p, (USER, p), conflict) for p in people & users]


def _same_organization_source(
    people: set[int], users: set[int], organizations: set[int]
) -> list[Link]:
    from capacityhub.community.models import Membership

    rows = Membership.objects.filter(_among("user_id", people | users)).values_list(
        "id", "user_id", "organization_id", "organization__name"
    )
    orgs_of: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
    members_of: dict[int, set[int]] = defaultdict(set)
    for membership_id, user_id, organization_id, name in rows:
        orgs_of[user_id][organization_id] = (membership_id, name)
        if user_id in users:
            members_of[organization_id].add(user_id)
    links = []
    # Walk from each person's organizations to their members: the work grows with the
    # conflicts found, not with people × parties. One Conflict per membership.
    for person in people:
        for organization_id, (membership_id, name) in orgs_of.get(person, {}).items():
            conflict = _org_conflict(membership_id, name)
            if organization_id in organizations:
                links.append(Link(person, (ORGANIZATION, organization_id), conflict))
            for user_id in members_of.get(organization_id, ()):
                if user_id != person:
                    links.append(Link(person, (USER, user_id), conflict))
    return links


def _org_conflict(membership_id: int, name: str) -> Conflict:
    reason = _("You belong to the same organization (%(name)s).") % {"name": name}
    return Conflict("same_organization", reason, f"membership:{membership_id}")


def _interest_source(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    from .models import Interest, InterestKind

    today = timezone.localdate()
    collaboration_cutoff = today - dt.timedelta(days=365 * COLLABORATION_YEARS)
    current = (
        Q(ended_on__isnull=True)
        | Q(ended_on__gte=today)
        | Q(kind=InterestKind.COLLABORATION, ended_on__gte=collaboration_cutoff)
    )
    rows = (
        Interest.objects.filter(withdrawn_at__isnull=True)
        .filter(current)
        .filter(
            (_among("declarant_id", people) & (_among("person_id", users) | _org_q(organizations)))
            | (_among("declarant_id", users) & _among("person_id", people))
        )
        .values_list("id", "kind", "declarant_id", "person_id", "organization_id")
    )
    links = []
    for interest_id, kind, declarant, person, organization in rows:
        conflict = Conflict("interest", _interest_reason(kind), f"interest:{interest_id}")
        if declarant in people and person in users:
            links.append(Link(declarant, (USER, person), conflict))
        if declarant in people and organization in organizations:
            links.append(Link(declarant, (ORGANIZATION, organization), conflict))
        if declarant in users and person in people:
            links.append(Link(person, (USER, declarant), conflict))
    return links


def _org_q(organizations: set[int]) -> Q:
    return _among("organization_id", organizations)


def _interest_reason(kind: str):
    from .models import InterestKind

    return {
        InterestKind.ORGANIZATION_ROLE: _("A declared role in this organization."),
        InterestKind.PERSONAL_RELATIONSHIP: _("A declared close personal relationship."),
        InterestKind.FINANCIAL: _("A declared financial interest."),
        InterestKind.COLLABORATION: _("A declared collaboration in the past 3 years."),
    }.get(kind, _("A declared interest."))


def _connection_source(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    if not apps.is_installed("capacityhub.exchange"):
        return []
    from capacityhub.exchange.models import Connection

    since = timezone.now() - dt.timedelta(days=RECENT_CONNECTION_DAYS)
    everyone = people | users
    rows = (
        Connection.objects.filter(
            status__in=[Connection.Status.ACCEPTED, Connection.Status.COMPLETED]
        )
        .filter(Q(created_at__gte=since) | Q(completed_at__gte=since))
        .filter(
            _among("need__requester_id", everyone)
            | _among("provider_id", everyone)
            | _among("need__organization_id", organizations)
            | _among("provider_organization_id", organizations)
        )
        .values_list(
            "id",
            "need__requester_id",
            "provider_id",
            "need__organization_id",
            "provider_organization_id",
        )
    )
    reason = _("You worked together through the exchange in the last 12 months.")
    links = []
    for connection_id, requester, provider, need_org, provider_org in rows:
        conflict = Conflict("connection", reason, f"connection:{connection_id}")
        for a, b in ((requester, provider), (provider, requester)):
            if a in people and b in users and a != b:
                links.append(Link(a, (USER, b), conflict))
        # A person on one side, an organization on the other (helped it, or was helped by it).
        for person, organization in ((requester, provider_org), (provider, need_org)):
            if person in people and organization in organizations:
                links.append(Link(person, (ORGANIZATION, organization), conflict))
    return links


def _coauthor_source(people: set[int], users: set[int], organizations: set[int]) -> list[Link]:
    if not apps.is_installed("capacityhub.knowledge"):
        return []
    from capacityhub.knowledge.models import Resource

    through = Resource.authors.through
    rows = through.objects.filter(
        _among("user_id", users),
        resource_id__in=through.objects.filter(_among("user_id", people)).values("resource_id"),
    ).values_list("resource_id", "user_id")
    authors_by_resource: dict[int, set[int]] = defaultdict(set)
    for resource_id, user_id in rows:
        if user_id in users:
            authors_by_resource[resource_id].add(user_id)
    if not authors_by_resource:
        return []
    mine = through.objects.filter(
        _among("resource_id", set(authors_by_resource)), _among("user_id", people)
    ).values_list("resource_id", "user_id")
    reason = _("You wrote a resource together.")
    links = []
    for resource_id, person in mine:
        if person not in people or resource_id not in authors_by_resource:
            continue
        conflict = Conflict("coauthor", reason, f"resource:{resource_id}")
        for other in authors_by_resource[resource_id] - {person}:
            links.append(Link(person, (USER, other), conflict))
    return links
