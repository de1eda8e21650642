"""Taxonomy import and export: the database side of `interchange`.

Import upserts by code, so importing the same file twice changes nothing the second time.
A file is refused whole: everything runs in one transaction and any problem rolls it back.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_staff

from .interchange import (
    FORMATS,
    CapacityRecord,
    InterchangeError,
    MethodRecord,
    parse_commons_tab,
    parse_csv,
    parse_json,
    parse_skos,
    serialise,
)
from .interchange.records import find_loop, load_json
from .models import Capacity, Method
from .selectors import taxonomy_changed
from .services import capacity_translation_set


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    methods_created: int = 0
    methods_updated: int = 0
    methods_unchanged: int = 0


def import_summary(result: ImportResult) -> str:
    return _(
        "Capacities: %(created)d created, %(updated)d updated, %(unchanged)d unchanged. "
        "Methods: %(m_created)d created, %(m_updated)d updated, %(m_unchanged)d unchanged."
    ) % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "m_created": result.methods_created,
        "m_updated": result.methods_updated,
        "m_unchanged": result.methods_unchanged,
    }


# Choosing the parser ----------------------------------------------------------------------


def detect_format(name: str, text: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".tab", ".tab.json")):
        return "tab"
    if lowered.endswith(".json"):
        document = load_json(text)
        is_tab = isinstance(document, dict) and "schema" in document and "data" in document
        return "tab" if is_tab else "json"
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith((".ttl", ".turtle")):
        return "skos"
    raise InterchangeError(_("cannot tell the format from the file name; choose one."))


def parse_file(
    path_or_name: str,
    text: str,
    *,
    known_codes: Collection[str],
    fmt: str | None = None,
    default_parent: str | None = None,
    current_parents: Mapping[str, str | None] | None = None,
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    """Parse with the parser for `fmt` ("json", "csv", "skos", "tab") or the file name."""
    fmt = fmt or detect_format(path_or_name, text)
    if fmt == "json":
        return parse_json(text, known_codes)
    if fmt == "csv":
        return parse_csv(text, known_codes)
    if fmt == "skos":
        return parse_skos(text, known_codes)
    if fmt == "tab":
        return parse_commons_tab(text, known_codes, default_parent, current_parents=current_parents)
    raise InterchangeError(_("unknown format “%s”.") % fmt)


def current_parents() -> dict[str, str | None]:
    """{code: parent code} for every capacity in the database."""
    return dict(Capacity.objects.values_list("code", "parent__code"))


def taxonomy_is_empty() -> bool:
    return not Capacity.objects.exists()


def taxonomy_import_text(
    *, actor, name: str, text: str, fmt: str | None = None, default_parent: str | None = None
) -> ImportResult:
    """Parse a file's text and import it. `actor=None` is a trusted command-line call."""
    if actor is not None:
        require_staff(actor)
    parents = current_parents()
    capacities, methods = parse_file(
        name,
        text,
        known_codes=set(parents),
        fmt=fmt,
        default_parent=default_parent,
        current_parents=parents,
    )
    return taxonomy_import(actor=actor, capacities=capacities, methods=methods, source=name)


# Import -----------------------------------------------------------------------------------


def _checked_order(capacities: list[CapacityRecord]) -> list[CapacityRecord]:
    """Refuse parents that do not exist and moves that would loop through existing
    capacities; return the records parents-first."""
    parent_of = current_parents()
    parent_of.update({record.code: record.parent for record in capacities})
    for record in capacities:
        if record.parent is not None and record.parent not in parent_of:
            message = _("unknown parent code “%s”.") % record.parent
            raise InterchangeError(message, field="parent")
        if loop := find_loop(record.code, parent_of):
            message = _("the parent chain loops: %s.") % " → ".join(loop)
            raise InterchangeError(message, field="parent")

    def depth(code: str) -> int:
        steps, up = 0, parent_of.get(code)
        while up is not None:
            steps, up = steps + 1, parent_of.get(up)
        return steps

    return sorted(capacities, key=lambda record: depth(record.code))


def _save(instance: Capacity | Method) -> None:
    try:
        # Codes are known unique and parents known to exist: skip the per-row queries.
        instance.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field_name = next(iter(error.message_dict), None)
        message = _("“%(code)s”: %(error)s") % {
            "code": instance.code,
            "error": " ".join(error.messages),
        }
        raise InterchangeError(message, field=field_name) from error
    instance.save()


def _set_translations(capacity: Capacity, record: CapacityRecord, fresh: bool) -> bool:
    """Write the file's languages; languages the file lacks are left as they are."""
    current = {} if fresh else {t.language: t for t in capacity.translations.all()}
    changed = False
    for language, label in record.labels.items():
        wanted = (label, record.descriptions.get(language, ""), record.aliases.get(language, []))
        found = current.get(language)
        if found and (found.label, found.description, found.aliases) == wanted:
            continue
        try:
            capacity_translation_set(
                capacity=capacity,
                language=language,
                label=wanted[0],
                description=wanted[1],
                aliases=wanted[2],
            )
        except ValidationError as error:
            message = _("capacity “%(code)s”: %(error)s") % {
                "code": capacity.code,
                "error": " ".join(error.messages),
            }
            raise InterchangeError(message, field="labels") from error
        changed = True
    return changed


def _upsert_capacity(record: CapacityRecord, by_code: dict[str, Capacity], position: int) -> str:
    parent = by_code[record.parent] if record.parent else None
    capacity = by_code.get(record.code)
    if capacity is None:
        capacity = Capacity(
            code=record.code, parent=parent, wikidata_qid=record.wikidata_qid, position=position
        )
        _save(capacity)
        by_code[record.code] = capacity
        _set_translations(capacity, record, fresh=True)
        return "created"
    moved = capacity.parent_id != (parent.pk if parent else None)
    if moved or capacity.wikidata_qid != record.wikidata_qid:
        capacity.parent = parent
        capacity.wikidata_qid = record.wikidata_qid
        _save(capacity)
        _set_translations(capacity, record, fresh=False)
        return "updated"
    return "updated" if _set_translations(capacity, record, fresh=False) else "unchanged"


def _import_capacities(capacities: list[CapacityRecord]) -> tuple[dict[str, int], list]:
    ordered = _checked_order(capacities)
    wanted = {r.code for r in ordered} | {r.parent for r in ordered if r.parent}
    by_code = {
        c.code: c for c in Capacity.objects.filter(code__in=wanted).prefetch_related("translations")
    }
    counts: dict[str, int] = defaultdict(int)
    for position, record in enumerate(ordered, 1):
        counts[_upsert_capacity(record, by_code, position)] += 1
    return counts, [by_code[record.code] for record in ordered]


def _upsert_method(
    record: MethodRecord, method: Method | None, ids: list[int], position: int
) -> tuple[str, Method]:
    if method is None:
        method = Method(code=record.code, position=position)
        current_ids: set[int] = set()
    else:
        current_ids = {capacity.pk for capacity in method.capacities.all()}
    labels = {**method.labels, **record.labels}
    descriptions = {**method.descriptions, **record.descriptions}
    state = "created" if method.pk is None else "updated"
    if (labels, descriptions, set(ids)) == (method.labels, method.descriptions, current_ids):
        return "unchanged", method
    method.labels, method.descriptions = labels, descriptions
    _save(method)
    method.capacities.set(ids)
    return state, method


def _import_methods(methods: list[MethodRecord]) -> tuple[dict[str, int], list[Method]]:
    codes = {code for method in methods for code in method.capacities}
    ids = dict(Capacity.objects.filter(code__in=codes).values_list("code", "id"))
    existing = {
        m.code: m
        for m in Method.objects.filter(code__in=[r.code for r in methods]).prefetch_related(
            "capacities"
        )
    }
    counts: dict[str, int] = defaultdict(int)
    saved = []
    for position, record in enumerate(methods, 1):
        if missing := [code for code in record.capacities if code not in ids]:
            message = _("unknown capacity code “%s”.") % missing[0]
            raise InterchangeError(message, row=position, field="capacities", unit="method")
        capacity_ids = [ids[code] for code in record.capacities]
        state, method = _upsert_method(record, existing.get(record.code), capacity_ids, position)
        counts[state] += 1
        saved.append(method)
    return counts, saved


@transaction.atomic
def taxonomy_import(
    *, actor, capacities: list[CapacityRecord], methods: list[MethodRecord], source: str
) -> ImportResult:
    """Upsert capacities and methods by code. Staff only; `actor=None` is a trusted system
    call (management command). Raises InterchangeError, after which nothing has changed."""
    if actor is not None:
        require_staff(actor)
    counts, touched = _import_capacities(capacities)
    method_counts, methods_saved = _import_methods(methods)
    result = ImportResult(
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        methods_created=method_counts["created"],
        methods_updated=method_counts["updated"],
        methods_unchanged=method_counts["unchanged"],
    )
    target = next(iter(touched), None) or next(iter(methods_saved), None)
    if target is not None:
        changes = {"source": source, **asdict(result)}
        audit_log(actor=actor, action="taxonomy.import", target=target, changes=changes)
    transaction.on_commit(taxonomy_changed)
    return result


# Export -----------------------------------------------------------------------------------


def _tree_order(capacities: list[Capacity]) -> list[Capacity]:
    """Depth first from the roots, siblings in their display order (position, code)."""
    children: dict[int | None, list[Capacity]] = defaultdict(list)
    for capacity in capacities:
        children[capacity.parent_id].append(capacity)
    ordered: list[Capacity] = []
    stack = list(reversed(children[None]))
    while stack:
        capacity = stack.pop()
        ordered.append(capacity)
        stack.extend(reversed(children[capacity.pk]))
    return ordered


def _with_ancestors(capacities: list[Capacity], codes: Collection[str]) -> list[Capacity]:
    by_id = {capacity.pk: capacity for capacity in capacities}
    keep: set[int] = set()
    for capacity in capacities:
        if capacity.code in codes:
            node: Capacity | None = capacity
            while node is not None and node.pk not in keep:
                keep.add(node.pk)
                node = by_id.get(node.parent_id)
    return [capacity for capacity in capacities if capacity.pk in keep]


def _capacity_record(capacity: Capacity, code_of: dict[int, str]) -> CapacityRecord:
    translations = list(capacity.translations.all())
    return CapacityRecord(
        code=capacity.code,
        parent=code_of.get(capacity.parent_id),
        wikidata_qid=capacity.wikidata_qid,
        labels={t.language: t.label for t in translations},
        descriptions={t.language: t.description for t in translations if t.description},
        aliases={t.language: list(t.aliases) for t in translations if t.aliases},
    )


def taxonomy_export_records(
    codes: Collection[str] | None = None,
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    """Every capacity (active or not) in tree order, and every method. With `codes`, only
    those capacities and their ancestors (so the file stands alone) and no methods."""
    capacities = list(Capacity.objects.prefetch_related("translations"))
    code_of = {capacity.pk: capacity.code for capacity in capacities}
    if codes is not None:
        capacities = _with_ancestors(capacities, set(codes))
    records = [_capacity_record(c, code_of) for c in _tree_order(capacities)]
    if codes is not None:
        return records, []
    methods = [
        MethodRecord(
            code=method.code,
            labels=dict(method.labels),
            descriptions=dict(method.descriptions),
            capacities=[capacity.code for capacity in method.capacities.all()],
        )
        for method in Method.objects.prefetch_related("capacities")
    ]
    return records, methods


def default_base_uri() -> str:
    return settings.SITE_URL.rstrip("/") + "/capacity/"


def taxonomy_export_text(fmt: str, codes: Collection[str] | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    capacities, methods = taxonomy_export_records(codes)
    return serialise(fmt, capacities, methods, base_uri=default_base_uri())
