"""What changes matching: change records written when something matching reads is saved.

Matching reads a few fields of a few models. A save is recorded (`MatchingChange`) only when one
of those fields differs from what was loaded (the values are noted when an instance is loaded,
`post_init`), so editing a bio, a description or a title records nothing. An offer, a claim,
availability, a profile, its languages, an account being (de)activated, an organization or its
languages record the one provider concerned; connections and feedback record their provider
(whose load and rating change); needs and memberships (managers may not answer their
organization's needs) record "needs". Deletions always record.

`QuerySet.update()` and `bulk_create()` send no signal: code that writes these models in bulk
calls `matching_index_changed()` (records "everything").
"""

from collections.abc import Callable, Iterable

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    User,
)

from ..matching.columns import KIND_SHIFT
from ..models import Availability, Connection, Feedback, MatchingChange, Need, Offer

PROVIDER, NEEDS, ALL = (MatchingChange.Scope.PROVIDER, MatchingChange.Scope.NEEDS, "all")
NOT_LOADED = object()


class _Local:
    """Set after a write in this process: its index looks for change records at the next read."""

    dirty = False


local = _Local()


def _person(profile_id) -> list[int]:
    return [KIND_SHIFT + profile_id] if profile_id else []


def _organization(organization_id) -> list[int]:
    return [organization_id] if organization_id else []


def _claim_providers(claim_id) -> list[int]:
    row = CapacityClaim.objects.filter(pk=claim_id).values_list("profile_id", "organization_id")
    return [code for p, o in row for code in (*_person(p), *_organization(o))]


def _user_providers(user_id) -> list[int]:
    return _person(Profile.objects.filter(user_id=user_id).values_list("id", flat=True).first())


# model → (fields matching reads, who it concerns: providers, or None for the open needs)
WATCHED: dict[type, tuple[tuple[str, ...], Callable | None]] = {
    Offer: (
        ("claim_id", "languages", "online", "region", "is_active"),
        lambda o: _claim_providers(o.claim_id),
    ),
    CapacityClaim: (
        ("profile_id", "organization_id", "capacity_id", "relation", "level"),
        lambda c: [*_person(c.profile_id), *_organization(c.organization_id)],
    ),
    Availability: (
        ("profile_id", "organization_id", "max_connections", "away_until"),
        lambda a: [*_person(a.profile_id), *_organization(a.organization_id)],
    ),
    Profile: (
        (
            "country",
            "time_zone",
            "capacities_visibility",
            "languages_visibility",
            "location_visibility",
        ),
        lambda p: _person(p.pk),
    ),  # fmt: skip
    ProfileLanguage: (
        ("profile_id", "language", "proficiency"),
        lambda pl: _person(pl.profile_id),
    ),
    User: (("is_active",), lambda u: _user_providers(u.pk)),
    Organization: (("region",), lambda o: _organization(o.pk)),
    OrganizationLanguage: (
        ("organization_id", "language"),
        lambda ol: _organization(ol.organization_id),
    ),
    Connection: (
        ("status", "provider_id", "provider_organization_id"),
        lambda c: [*_user_providers(c.provider_id), *_organization(c.provider_organization_id)],
    ),
    Feedback: (
        ("rating", "connection_id", "author_id"),
        lambda f: _connection_providers(f.connection_id),
    ),
    Need: (
        (
            "status",
            "desired_level",
            "languages",
            "online",
            "region",
            "visibility",
            "organization_id",
            "requester_id",
        ),
        None,
    ),  # fmt: skip
    Membership: (("organization_id", "user_id", "role"), None),
}
# Who requested a need matters to matching only through the requester's time zone and
# whether they are active: both are recorded with the requester as a provider too.
ALSO_NEEDS = {Profile, User}


def _connection_providers(connection_id) -> list[int]:
    row = Connection.objects.filter(pk=connection_id).values_list(
        "provider__profile__id", "provider_organization_id"
    )
    return [code for p, o in row for code in (*_person(p), *_organization(o))]


def record(scope: str, providers: Iterable[int] = ()) -> None:
    """Write the change records (inside the writer's transaction: they commit with it)."""
    if scope == PROVIDER:
        MatchingChange.objects.bulk_create(
            [MatchingChange(scope=PROVIDER, provider=code) for code in dict.fromkeys(providers)]
        )
    else:
        MatchingChange.objects.create(scope=scope)
    local.dirty = True  # this process looks at once


def _seen(instance, fields) -> tuple:
    return tuple(instance.__dict__.get(field, NOT_LOADED) for field in fields)


def _loaded(sender, instance, **kwargs) -> None:
    instance._matching_seen = _seen(instance, WATCHED[sender][0])


def _saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    fields, concerns = WATCHED[sender]
    names = {field.removesuffix("_id") for field in fields} | set(fields)
    if update_fields is not None and not names & set(update_fields):
        return
    before = getattr(instance, "_matching_seen", None)
    now = _seen(instance, fields)
    instance._matching_seen = now
    if not created and before == now:
        return
    _changed(sender, instance, concerns)


def _deleted(sender, instance, **kwargs) -> None:
    _changed(sender, instance, WATCHED[sender][1])


def _changed(sender, instance, concerns) -> None:
    if concerns is None or sender in ALSO_NEEDS:
        record(NEEDS)
    if concerns is not None:
        providers = concerns(instance)
        if providers:
            record(PROVIDER, providers)


def _need_capacities_changed(sender, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        record(NEEDS)


def connect() -> None:
    for model in WATCHED:
        name = model.__name__
        post_init.connect(_loaded, sender=model, dispatch_uid=f"matching-i-{name}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"matching-s-{name}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"matching-d-{name}")
    m2m_changed.connect(
        _need_capacities_changed, sender=Need.capacities.through, dispatch_uid="matching-nc"
    )
