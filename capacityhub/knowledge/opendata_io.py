"""The database side of the open-data dumps (opendata.py holds the formats).

`export_text(name)` writes one of the public dumps (resources.json, resources.csv,
taxonomy.json, taxonomy.csv); `resources_import(records)` creates or updates resources by uid
in one transaction, refusing the whole file (nothing written) when any row is wrong.
Importing the same file twice changes nothing the second time.
"""

from dataclasses import dataclass, fields

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from capacityhub.core.audit import audit_log
from capacityhub.taxonomy.importer import taxonomy_export_text
from capacityhub.taxonomy.models import Capacity

from . import opendata
from .models import Resource
from .opendata import OpenDataError, ResourceRecord

DUMPS = {
    "resources.json": "application/json",
    "resources.csv": "text/csv",
    "taxonomy.json": "application/json",
    "taxonomy.csv": "text/csv",
}
# Copied as they are between a record and a resource (capacities and original are looked up).
PLAIN = [f.name for f in fields(ResourceRecord) if f.name not in {"uid", "capacities", "original"}]
BATCH = 2000


def resource_records() -> list[ResourceRecord]:
    """Every published or outdated resource, oldest first (stable diffs between dumps)."""
    resources = (
        Resource.objects.filter(status__in=opendata.LISTED)
        .select_related("original")
        .prefetch_related("capacities")
        .order_by("created_at", "id")
    )
    return [_record(resource) for resource in resources.iterator(chunk_size=BATCH)]


def _record(resource: Resource) -> ResourceRecord:
    original = resource.original.uid if resource.original else ""
    return ResourceRecord(
        uid=str(resource.uid),
        capacities=sorted(capacity.code for capacity in resource.capacities.all()),
        original=str(original) if original else "",
        **{name: getattr(resource, name) for name in PLAIN},
    )


def dump_text(name: str) -> str:
    """export_text; the resource dumps are cached until a resource changes (one cheap query
    to know): 50,000 resources take seconds to write, and anyone may ask for them. The
    taxonomy is small and has its own caches."""
    if name not in DUMPS or name.startswith("taxonomy."):
        return export_text(name)
    stamp = Resource.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    key = f"opendata:{name}:{stamp['n']}:{stamp['last'].isoformat() if stamp['last'] else ''}"
    text = cache.get(key)
    if text is None:
        text = export_text(name)
        cache.set(key, text, 24 * 3600)
    return text


def export_text(name: str) -> str:
    """One dump's text. KeyError for a name not in DUMPS."""
    if name not in DUMPS:
        raise KeyError(name)
    if name.startswith("taxonomy."):
        return taxonomy_export_text(name.rsplit(".", 1)[1])
    if name == "resources.csv":
        return opendata.to_csv(resource_records())
    return opendata.to_json(resource_records(), generated_at=timezone.now().isoformat())


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def parse(name: str, text: str) -> list[ResourceRecord]:
    """Records from a file's text, by its extension (.json or .csv)."""
    if name.lower().endswith(".json"):
        return opendata.parse_json(text)
    if name.lower().endswith(".csv"):
        return opendata.parse_csv(text)
    raise OpenDataError("the file name must end with .json or .csv")


def resources_import(records: list[ResourceRecord], *, actor=None) -> ImportResult:
    """Create or update resources by uid; all or nothing (OpenDataError naming the row)."""
    codes = dict(Capacity.objects.values_list("code", "id"))
    for row, record in enumerate(records, start=1):
        unknown = [code for code in record.capacities if code not in codes]
        if unknown:
            message = f"unknown capacity code {unknown[0]!r}"
            raise OpenDataError(message, row=row, field_name="capacities")
    with transaction.atomic():
        existing = _by_uid([r.uid for r in records], "capacities")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        saved = {}
        for record in records:
            resource, outcome = _upsert(record, existing.get(record.uid), codes)
            counts[outcome] += 1
            saved[record.uid] = resource
        _link_originals(records, saved)
        result = ImportResult(**counts)
        if actor is not None and (result.created or result.updated):
            audit_log(
                actor=actor,
                action="knowledge.opendata_import",
                target=next(iter(saved.values())),
                changes={"created": result.created, "updated": result.updated},
            )
    return result


def _by_uid(uids: list[str], *related: str) -> dict[str, Resource]:
    """Resources by uid, in chunks (SQLite takes a bounded number of parameters)."""
    found = {}
    for start in range(0, len(uids), BATCH):
        chunk = Resource.objects.filter(uid__in=uids[start : start + BATCH])
        found.update({str(r.uid): r for r in chunk.prefetch_related(*related)})
    return found


def _upsert(record: ResourceRecord, resource: Resource | None, codes) -> tuple[Resource, str]:
    wanted = {name: getattr(record, name) for name in PLAIN}
    capacity_ids = {codes[code] for code in record.capacities}
    if resource is None:
        # The original is linked afterwards (it may come later in the file).
        wanted.update(relation="")
        resource = Resource.objects.create(uid=record.uid, **wanted)
        resource.capacities.set(capacity_ids)
        return resource, "created"
    wanted.pop("relation")  # set with the original, see _link_originals
    changed = [name for name, value in wanted.items() if getattr(resource, name) != value]
    same_capacities = {c.pk for c in resource.capacities.all()} == capacity_ids
    if not changed and same_capacities:
        return resource, "unchanged"
    for name in changed:
        setattr(resource, name, wanted[name])
    if changed:
        resource.version += 1
        resource.save(update_fields=[*changed, "version", "updated_at"])
    if not same_capacities:
        resource.capacities.set(capacity_ids)
        resource.save(update_fields=["updated_at"])  # re-indexes it
    return resource, "updated"


def _link_originals(records: list[ResourceRecord], saved: dict[str, Resource]) -> None:
    wanted_originals = {r.original for r in records if r.original} - set(saved)
    known = _by_uid(sorted(wanted_originals))
    known.update(saved)
    for row, record in enumerate(records, start=1):
        resource = saved[record.uid]
        original = known.get(record.original) if record.original else None
        if record.original and original is None:
            message = f"no resource with uid {record.original} here or in the file"
            raise OpenDataError(message, row=row, field_name="original")
        if original is not None and original.pk == resource.pk:
            raise OpenDataError(
                "a resource cannot be its own original", row=row, field_name="original"
            )
        original_id = original.pk if original else None
        if (resource.original_id, resource.relation) != (original_id, record.relation):
            resource.original_id, resource.relation = original_id, record.relation
            resource.save(update_fields=["original", "relation", "updated_at"])
