"""Capacities (list and search, tree, detail), the methods toolbox, and capacity proposals."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from capacityhub.core.languages import language_name
from capacityhub.taxonomy import selectors, services
from capacityhub.taxonomy.models import Capacity, CapacityProposal

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ_AUTH,
    READ_ERRORS,
    READ_OPENAPI,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    CodePath,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Text,
)

router = Router(tags=["capacities"])


def capacity_codes() -> dict[int, str]:
    return {cid: code for code, cid in selectors.capacity_code_map().items()}


def capacity_refs(ids, labels: dict, codes: dict[int, str]) -> list[tuple[int, str, str]]:
    """[(id, code, label)] for capacity ids. The caches expire separately, so an id the code
    cache does not know yet is skipped for a minute rather than failing the request."""
    refs = []
    for capacity_id in ids:
        code = codes.get(capacity_id)
        if code is not None:
            label = labels.get(capacity_id)
            refs.append((capacity_id, code, label.label if label else code))
    return refs


def capacity_id_for(code: str | None, field: str) -> int | None:
    """The id of a capacity given by code in a filter or body; an unknown code is a 422."""
    if code is None:
        return None
    capacity_id = selectors.capacity_code_map().get(code)
    if capacity_id is None:
        raise ValidationError({field: _("Unknown capacity “%s”.") % code})
    return capacity_id


# Schemas ---------------------------------------------------------------------------------------


class CapacityRef(Schema):
    code: str
    label: str


class CapacityOut(Schema):
    code: str
    parent: str | None = Field(description="Code of the parent capacity; null for a root.")
    label: str
    label_language: str = Field(description="Language the label is in, after fallback.")
    wikidata_qid: str


class CapacityPage(Page[CapacityOut]):
    pass


class CapacityNode(Schema):
    code: str
    label: str
    label_language: str
    children: list["CapacityNode"]


class TranslationOut(Schema):
    language: str
    language_name: str
    label: str
    description: str
    aliases: list[str]


class MethodRef(Schema):
    code: str
    label: str


class CapacityDetail(CapacityOut):
    description: str
    is_active: bool
    translations: list[TranslationOut]
    children: list[str] = Field(description="Codes of the capacities directly beneath.")
    ancestors: list[CapacityRef] = Field(description="From the root down to the parent.")
    methods: list[MethodRef]


class MethodOut(Schema):
    code: str
    label: str
    description: str
    capacities: list[str]


class ProposalIn(Input):
    label: Text(200, min_length=1)
    language: LanguageCode = "en"
    description: Text(8000) = ""
    rationale: Text(4000) = ""
    parent: CapacityCode | None = Field(
        None, description="Code of the capacity a new one belongs under."
    )
    capacity: CapacityCode | None = Field(
        None, description="Code of an existing capacity whose label or place should change."
    )
    code: Text(80) = Field("", description="Suggested code for a new capacity.")


class ProposalOut(Schema):
    id: int
    status: str
    label: str
    language: str
    description: str
    rationale: str
    code: str
    parent: str | None
    capacity: str | None
    proposer: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str
    created_at: datetime

    @staticmethod
    def resolve_parent(proposal: CapacityProposal) -> str | None:
        return proposal.parent.code if proposal.parent else None

    @staticmethod
    def resolve_capacity(proposal: CapacityProposal) -> str | None:
        return proposal.capacity.code if proposal.capacity else None

    @staticmethod
    def resolve_proposer(proposal: CapacityProposal) -> str | None:
        return proposal.proposer.username if proposal.proposer else None

    @staticmethod
    def resolve_decided_by(proposal: CapacityProposal) -> str | None:
        return proposal.decided_by.username if proposal.decided_by else None


class ProposalPage(Page[ProposalOut]):
    pass


class DecisionIn(Input):
    note: Text(4000) = Field("", description="Why; required when rejecting.")


class CapacityQuery(PageQuery):
    parent: CapacityCode | None = Field(None, description="Only the children of this capacity.")
    q: Text(200) | None = Field(
        None, description="Search labels and aliases in every language, and codes."
    )
    lang: LanguageCode | None = Field(None, description="Language of the labels.")


class LanguageQuery(Schema):
    lang: LanguageCode | None = Field(None, description="Language of the labels.")


class ProposalQuery(PageQuery):
    status: Literal["pending", "approved", "rejected"] | None = None


# Capacities ------------------------------------------------------------------------------------


def capacity_out(capacity: Capacity, labels: dict) -> dict:
    label = labels.get(capacity.pk) or selectors.Label(capacity.code, "", "en")
    return {
        "code": capacity.code,
        "parent": capacity.parent.code if capacity.parent_id else None,
        "label": label.label,
        "label_language": label.language,
        "description": label.description,
        "wikidata_qid": capacity.wikidata_qid,
    }


@router.get(
    "/capacities",
    response={200: CapacityPage, **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_OPENAPI,
)
def list_capacities(request: HttpRequest, filters: Query[CapacityQuery]):
    """Active capacities in taxonomy order; `q` finds a label or alias in any language."""
    capacities = selectors.capacity_list()
    parent_id = capacity_id_for(filters.parent, "parent")
    if parent_id is not None:
        capacities = capacities.filter(parent_id=parent_id)
    if filters.q is not None:
        capacities = capacities.filter(id__in=selectors.capacity_search(filters.q, limit=1000))
    labels = selectors.capacity_labels(content_language(filters.lang))
    items, count = paginate(capacities, filters.page, filters.page_size)
    results = [capacity_out(capacity, labels) for capacity in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.get(
    "/capacities/tree",
    response={200: list[CapacityNode], **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_OPENAPI,
)
def capacity_tree(request: HttpRequest, filters: Query[LanguageQuery]):
    """The whole active taxonomy as nested nodes, labelled in `lang`."""
    tree = selectors.taxonomy_tree()
    labels = selectors.capacity_labels(content_language(filters.lang))
    codes = capacity_codes()

    def nodes(ids) -> list[dict]:
        return [
            {
                "code": code,
                "label": label,
                "label_language": labels[cid].language if cid in labels else "en",
                "children": nodes(tree.children.get(cid, ())),
            }
            for cid, code, label in capacity_refs(ids, labels, codes)
        ]

    return nodes(tree.roots())


@router.get(
    "/capacities/{code}",
    response={200: CapacityDetail, **DETAIL_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_OPENAPI,
)
def capacity_detail(request: HttpRequest, code: CodePath, filters: Query[LanguageQuery]):
    """One capacity: labels in every language, its place in the tree, and its methods."""
    capacity = selectors.capacity_get(code=code)
    language = content_language(filters.lang)
    labels = selectors.capacity_labels(language)
    codes = capacity_codes()
    tree = selectors.taxonomy_tree()
    return {
        **capacity_out(capacity, labels),
        "is_active": capacity.is_active,
        "translations": [
            {
                "language": t.language,
                "language_name": language_name(t.language, language),
                "label": t.label,
                "description": t.description,
                "aliases": t.aliases,
            }
            for t in selectors.capacity_translations(capacity)
        ],
        "children": [
            code
            for _id, code, _label in capacity_refs(
                tree.children.get(capacity.pk, ()), labels, codes
            )
        ],
        "ancestors": [
            {"code": code, "label": label}
            for _id, code, label in capacity_refs(
                reversed(tree.ancestors(capacity.pk)), labels, codes
            )
        ],
        "methods": [
            {"code": method.code, "label": method.label(language)}
            for method in capacity.methods.all()
        ],
    }


@router.get(
    "/methods",
    response={200: list[MethodOut], **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=READ_OPENAPI,
)
def list_methods(request: HttpRequest, filters: Query[LanguageQuery]):
    """The toolbox: ways of building capacity, with the capacities each suits."""
    language = content_language(filters.lang)
    return [
        {
            "code": method.code,
            "label": method.label(language),
            "description": method.descriptions.get(language) or method.descriptions.get("en") or "",
            "capacities": [capacity.code for capacity in method.capacities.all()],
        }
        for method in selectors.method_list()
    ]


# Proposals -------------------------------------------------------------------------------------


def _capacity_or_error(code: str | None, field: str) -> Capacity | None:
    if code is None:
        return None
    try:
        return selectors.capacity_get(code=code)
    except ObjectDoesNotExist:
        raise ValidationError({field: _("Unknown capacity “%s”.") % code}) from None


@router.post(
    "/capacity-proposals",
    response={201: ProposalOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_proposal(request: HttpRequest, payload: ProposalIn):
    """Propose a new capacity (give `parent`) or a new label or place for one (`capacity`)."""
    proposal = services.capacity_proposal_create(
        actor=request.user,
        label=payload.label,
        language=payload.language,
        description=payload.description,
        rationale=payload.rationale,
        parent=_capacity_or_error(payload.parent, "parent"),
        capacity=_capacity_or_error(payload.capacity, "capacity"),
        code=payload.code,
    )
    return Status(201, proposal)


@router.get(
    "/capacity-proposals",
    response={200: ProposalPage, **READ_ERRORS},
    auth=WRITE_AUTH,
)
def list_proposals(request: HttpRequest, filters: Query[ProposalQuery]):
    """Your own proposals; staff see everyone's."""
    proposals = selectors.proposal_list(viewer=request.user, status=filters.status)
    proposals = proposals.select_related("decided_by")
    items, count = paginate(proposals, filters.page, filters.page_size)
    return page_out(request, items, count, filters.page, filters.page_size)


def _proposal(request: HttpRequest, proposal_id: int) -> CapacityProposal:
    return selectors.proposal_list(viewer=request.user).get(pk=proposal_id)


@router.post(
    "/capacity-proposals/{proposal_id}/approve",
    response={200: ProposalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def approve_proposal(request: HttpRequest, proposal_id: ObjectId, payload: DecisionIn):
    """Staff: accept the proposal into the taxonomy."""
    proposal = services.capacity_proposal_approve(
        actor=request.user, proposal=_proposal(request, proposal_id), note=payload.note
    )
    return _proposal(request, proposal.pk)


@router.post(
    "/capacity-proposals/{proposal_id}/reject",
    response={200: ProposalOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def reject_proposal(request: HttpRequest, proposal_id: ObjectId, payload: DecisionIn):
    """Staff: turn the proposal down, saying why in `note`."""
    proposal = services.capacity_proposal_reject(
        actor=request.user, proposal=_proposal(request, proposal_id), note=payload.note
    )
    return _proposal(request, proposal.pk)
