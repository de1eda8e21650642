"""Keeps SearchDocument in step with capacities, profiles, organizations and needs.

Signals only mark what changed; the marked objects are re-indexed together once the
transaction commits (a few queries per kind, however many rows a service touched). Bulk
writes that skip signals are put right by `manage.py search_reindex`.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from capacityhub.community.models import Organization, Profile
from capacityhub.core.models import Visibility
from capacityhub.exchange.models import Need
from capacityhub.taxonomy.models import Capacity, fold

from .models import SearchDocument

Level = SearchDocument.Level
BATCH = 500


def clean(text: str) -> str:
    # The engines' match markers and NUL must never come from the content itself.
    return (text or "").translate({0: None, 2: None, 3: None})


def _document(kind: str, object_id: int, title: str, parts: Iterable[str], **fields):
    title = clean(title)[:300]
    body = clean("\n".join(part for part in parts if part))
    folded = fold(f"{title}\n{body}")
    return SearchDocument(
        kind=kind, object_id=object_id, title=title, body=body, folded=folded, **fields
    )


def capacity_documents(capacity: Capacity) -> list[SearchDocument]:
    """One document: labels, aliases and descriptions in every language."""
    if not capacity.is_active:
        return []
    translations = sorted(
        capacity.translations.all(), key=lambda t: (t.language != "en", t.language)
    )
    title = translations[0].label if translations else capacity.code
    parts = [capacity.code.replace("-", " ")]
    for translation in translations:
        parts += [translation.label, *translation.aliases, translation.description]
    return [_document("capacity", capacity.pk, title, parts)]


def profile_documents(profile: Profile) -> list[SearchDocument]:
    """One document per audience, each with only the fields that audience may see."""
    if not profile.user.is_active:
        return []
    fields = [
        (profile.wikimedia_username, profile.wikimedia_username_visibility),
        (profile.bio, profile.bio_visibility),
    ]
    audiences = {
        Level.PUBLIC: {Visibility.PUBLIC},
        Level.MEMBERS: {Visibility.PUBLIC, Visibility.MEMBERS},
        Level.PRIVATE: {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE},
    }
    return [
        _document(
            "profile",
            profile.pk,
            profile.display_name,
            [profile.user.username, *(text for text, level in fields if level in shown)],
            visibility=audience,
            owner_id=profile.user_id,
        )
        for audience, shown in audiences.items()
    ]


def organization_documents(organization: Organization) -> list[SearchDocument]:
    names = [name for name in organization.names.values() if isinstance(name, str)]
    parts = [organization.slug.replace("-", " "), *names, organization.description]
    return [_document("organization", organization.pk, organization.name, parts)]


def need_documents(need: Need) -> list[SearchDocument]:
    return [
        _document(
            "need",
            need.pk,
            need.title,
            [need.description],
            visibility=need.visibility,
            owner_id=need.requester_id,
        )
    ]


# kind → (the objects to index, given their ids; documents of one object)
SOURCES = {
    "capacity": (
        lambda ids: Capacity.objects.filter(pk__in=ids).prefetch_related("translations"),
        capacity_documents,
    ),
    "profile": (
        lambda ids: Profile.objects.filter(pk__in=ids).select_related("user"),
        profile_documents,
    ),
    "organization": (lambda ids: Organization.objects.filter(pk__in=ids), organization_documents),
    "need": (lambda ids: Need.objects.filter(pk__in=ids), need_documents),
}


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Replace the documents of these objects (removing those of objects that are gone)."""
    ids = list(ids)
    load, documents_of = SOURCES[kind]
    documents = [document for obj in load(ids) for document in documents_of(obj)]
    with transaction.atomic():
        SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)


def index_capacity(capacity: Capacity) -> None:
    reindex("capacity", [capacity.pk])


def index_profile(profile: Profile) -> None:
    reindex("profile", [profile.pk])


def index_organization(organization: Organization) -> None:
    reindex("organization", [organization.pk])


def index_need(need: Need) -> None:
    reindex("need", [need.pk])


def reindex_all() -> int:
    """Rebuild the whole index; returns the number of documents."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for kind, (load, _documents_of) in SOURCES.items():
            model = load([]).model
            ids = list(model.objects.values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                reindex(kind, ids[start : start + BATCH])
    return SearchDocument.objects.count()


# Marking changes: flushed once per transaction, on commit.


def _pending(connection) -> set:
    return connection.__dict__.setdefault("_search_pending", set())


def _flush() -> None:
    connection = transaction.get_connection()
    pending, connection._search_pending = _pending(connection), set()
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, pk in pending:
        by_kind[kind].add(pk)
    for kind, ids in by_kind.items():
        reindex(kind, ids)


def mark_changed(kind: str, pk: int) -> None:
    """Re-index this object when the transaction commits."""
    connection = transaction.get_connection()
    pending = _pending(connection)
    was_empty = not pending
    pending.add((kind, pk))
    # Django replaces its list of commit hooks whenever a rollback drops some: then our
    # marks may have lost their callback, so register it again (a spare flush does nothing).
    if was_empty or connection.__dict__.get("_search_hooks") is not connection.run_on_commit:
        transaction.on_commit(_flush, robust=True)
        connection._search_hooks = connection.run_on_commit
