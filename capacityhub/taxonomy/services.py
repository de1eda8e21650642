"""Writes to the taxonomy. Staff edit capacities; members propose, staff decide."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, diff
from capacityhub.core.permissions import require_member, require_staff
from capacityhub.core.validation import (
    clean_language,
    clean_list,
    clean_multiline,
    clean_single_line,
)

from .models import Capacity, CapacityProposal, CapacityTranslation
from .selectors import taxonomy_changed, taxonomy_tree


def _check_parent(capacity: Capacity | None, parent: Capacity | None) -> None:
    if parent is None or capacity is None or capacity.pk is None:
        return
    if taxonomy_tree().would_cycle(capacity.pk, parent.pk):
        raise ValidationError({"parent": _("A capacity cannot sit under itself.")})


def _clean_aliases(aliases) -> list[str]:
    def alias(value):
        return clean_single_line(value, field="aliases", max_length=200)

    return clean_list(aliases or [], field="aliases", max_items=50, item_cleaner=alias)


def capacity_translation_set(
    *,
    capacity: Capacity,
    language: str,
    label: str,
    description: str = "",
    aliases: list[str] | None = None,
) -> CapacityTranslation:
    clean_language(language)
    label = clean_single_line(label, field="label", max_length=200, required=True)
    description = clean_multiline(description, field="description", max_length=20000)
    translation, _created = CapacityTranslation.objects.get_or_create(
        capacity=capacity, language=language, defaults={"label": label}
    )
    translation.label = label
    translation.description = description
    translation.aliases = [a for a in _clean_aliases(aliases) if a]
    translation.full_clean()
    translation.save()
    return translation


@transaction.atomic
def capacity_create(
    *,
    actor,
    code: str,
    labels: dict[str, str],
    parent: Capacity | None = None,
    descriptions: dict[str, str] | None = None,
    wikidata_qid: str = "",
) -> Capacity:
    require_staff(actor)
    if not labels.get("en"):
        raise ValidationError({"labels": _("An English label is required.")})
    capacity = Capacity(code=code, parent=parent, wikidata_qid=wikidata_qid)
    capacity.full_clean()
    capacity.save()
    for language, label in labels.items():
        capacity_translation_set(
            capacity=capacity,
            language=language,
            label=label,
            description=(descriptions or {}).get(language, ""),
        )
    audit_log(actor=actor, action="capacity.create", target=capacity, changes={"code": code})
    transaction.on_commit(taxonomy_changed)
    return capacity


@transaction.atomic
def capacity_update(
    *,
    actor,
    capacity: Capacity,
    parent: Capacity | None = None,
    wikidata_qid: str | None = None,
    is_active: bool | None = None,
) -> Capacity:
    require_staff(actor)
    before = {"parent": capacity.parent_id, "qid": capacity.wikidata_qid}
    _check_parent(capacity, parent)
    capacity.parent = parent
    if wikidata_qid is not None:
        capacity.wikidata_qid = wikidata_qid
    if is_active is not None:
        capacity.is_active = is_active
    capacity.full_clean()
    capacity.save()
    after = {"parent": capacity.parent_id, "qid": capacity.wikidata_qid}
    audit_log(actor=actor, action="capacity.update", target=capacity, changes=diff(before, after))
    transaction.on_commit(taxonomy_changed)
    return capacity


@transaction.atomic
def capacity_proposal_create(
    *,
    actor,
    label: str,
    language: str = "en",
    description: str = "",
    rationale: str = "",
    parent: Capacity | None = None,
    capacity: Capacity | None = None,
    code: str = "",
) -> CapacityProposal:
    """Propose a new capacity (no `capacity`) or a changed label/description for one."""
    require_member(actor)
    if capacity is None and parent is None:
        raise ValidationError({"parent": _("Choose where the new capacity belongs.")})
    clean_language(language)
    if capacity is None:
        _check_code_free(code)
    proposal = CapacityProposal(
        proposer=actor,
        capacity=capacity,
        creates_capacity=capacity is None,
        parent=parent,
        code=code,
        language=language,
        label=clean_single_line(label, field="label", max_length=200, required=True),
        description=clean_multiline(description, field="description", max_length=20000),
        rationale=clean_multiline(rationale, field="rationale", max_length=4000),
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _check_code_free(code: str) -> None:
    if code and Capacity.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code “%s” is already used.") % code})


def _unique_code(label: str) -> str:
    from django.utils.text import slugify

    base = slugify(label)[:70] or "capacity"
    code, n = base, 2
    while Capacity.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _decide(proposal: CapacityProposal, actor, status: str, note: str) -> None:
    if proposal.status != CapacityProposal.Status.PENDING:
        raise ValidationError({"status": _("This proposal has already been decided.")})
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal.save()
    audit_log(
        actor=actor,
        action=f"capacity_proposal.{status}",
        target=proposal,
        changes={"note": note, "capacity": proposal.capacity_id},
    )


@transaction.atomic
def capacity_proposal_approve(
    *, actor, proposal: CapacityProposal, note: str = ""
) -> CapacityProposal:
    require_staff(actor)
    proposal = CapacityProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.creates_capacity:
        _check_code_free(proposal.code)
        proposal.capacity = Capacity.objects.create(
            code=proposal.code or _unique_code(proposal.label), parent=proposal.parent
        )
    else:
        _check_parent(proposal.capacity, proposal.parent)
        if proposal.parent and proposal.parent != proposal.capacity.parent:
            proposal.capacity.parent = proposal.parent
            proposal.capacity.save()
    capacity_translation_set(
        capacity=proposal.capacity,
        language=proposal.language,
        label=proposal.label,
        description=proposal.description,
    )
    _decide(proposal, actor, CapacityProposal.Status.APPROVED, note)
    transaction.on_commit(taxonomy_changed)
    return proposal


@transaction.atomic
def capacity_proposal_reject(
    *, actor, proposal: CapacityProposal, note: str = ""
) -> CapacityProposal:
    require_staff(actor)
    proposal = CapacityProposal.objects.select_for_update().get(pk=proposal.pk)
    if not note.strip():
        raise ValidationError({"note": _("Tell the proposer why.")})
    _decide(proposal, actor, CapacityProposal.Status.REJECTED, note)
    return proposal
