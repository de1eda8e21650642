"""Taxonomy pages: the browser, a capacity, proposing capacities and deciding proposals."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacityhub.community.models import Relation
from capacityhub.community.selectors import (
    capacity_claim_counts,
    capacity_holders,
    organization_list,
    profile_view,
    with_profile_details,
)
from capacityhub.taxonomy.models import Capacity
from capacityhub.taxonomy.selectors import (
    capacity_code_map,
    capacity_get,
    capacity_labels,
    capacity_search,
    capacity_translations,
    method_list,
    proposal_list,
    taxonomy_tree,
)
from capacityhub.taxonomy.services import (
    capacity_proposal_approve,
    capacity_proposal_create,
    capacity_proposal_reject,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.taxonomy.forms_capacities import (
    CapacitySearchForm,
    DecisionForm,
    ProposalFilterForm,
    ProposalForm,
    RejectForm,
)

HOLDERS_SHOWN = 20


def _codes() -> dict[int, str]:
    return {cid: code for code, cid in capacity_code_map().items()}


def _tree_nodes(node_ids, tree, codes, counts) -> list[dict]:
    return [
        {
            "id": cid,
            "code": codes[cid],
            "offers": counts.get(cid, {}).get("offers", 0),
            "wants": counts.get(cid, {}).get("wants", 0),
            "children": _tree_nodes(tree.children.get(cid, ()), tree, codes, counts),
        }
        for cid in node_ids
        if cid in codes  # the cached tree and codes may briefly disagree after an import
    ]


def _path(cid: int, tree, codes) -> list[dict]:
    """Ancestors from the root down, for breadcrumbs."""
    return [{"id": up, "code": codes[up]} for up in reversed(tree.ancestors(cid)) if up in codes]


def capacity_list(request):
    tree, codes = taxonomy_tree(), _codes()
    form = CapacitySearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = [
        {"id": cid, "code": codes[cid], "path": _path(cid, tree, codes)}
        for cid in (capacity_search(query) if query else [])
        if cid in codes
    ]
    nodes = _tree_nodes(tree.roots(), tree, codes, capacity_claim_counts(viewer=request.user))
    context = {"form": form, "query": query, "results": results, "nodes": nodes}
    return render(request, "web/taxonomy/capacity_list.html", context)


def _capacity_or_404(code: str) -> Capacity:
    return object_or_404(capacity_get, _("No such capacity."), code=code)


def _methods(capacity: Capacity) -> list[dict]:
    language = (get_language() or "en").split("-")[0]
    return [
        {
            "code": method.code,
            "label": method.label(language),
            "description": method.descriptions.get(language) or method.descriptions.get("en", ""),
        }
        for method in method_list().filter(capacities=capacity)
    ]


def _holders(request, capacity: Capacity, relation: str) -> dict:
    people = with_profile_details(
        capacity_holders(
            viewer=request.user, capacity_id=capacity.pk, relation=relation, limit=HOLDERS_SHOWN
        )
    )
    organizations = organization_list(capacity_id=capacity.pk, relation=relation)
    return {
        "relation": relation,
        "people": [profile_view(profile, request.user) for profile in people],
        "organizations": list(organizations[:HOLDERS_SHOWN]),
    }


def capacity_detail(request, code: str):
    capacity = _capacity_or_404(code)
    tree, codes = taxonomy_tree(), _codes()
    context = {
        "capacity": capacity,
        "path": _path(capacity.pk, tree, codes),
        "children": [
            {"id": cid, "code": codes[cid]}
            for cid in tree.children.get(capacity.pk, ())
            if cid in codes
        ],
        "methods": _methods(capacity),
        "translations": capacity_translations(capacity),
        "offers": _holders(request, capacity, Relation.OFFERS),
        "wants": _holders(request, capacity, Relation.WANTS),
    }
    return render(request, "web/taxonomy/capacity_detail.html", context)


def _proposal_initial(capacity: Capacity | None) -> dict:
    language = (get_language() or "en").split("-")[0]
    if capacity is None:
        return {"language": language}
    label = capacity_labels(language).get(capacity.pk)
    return {
        "language": language,
        "label": label.label if label else "",
        "description": label.description if label else "",
        "parent": capacity.parent.code if capacity.parent else "",
    }


@login_required
def capacity_propose(request):
    change = _capacity_or_404(request.GET["change"]) if request.GET.get("change") else None
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, initial=_proposal_initial(change))
    if data is not None and form.is_valid():
        try:
            capacity_proposal_create(actor=request.user, capacity=change, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Staff will review your proposal."))
            return redirect("web:proposal-list")
    return render(request, "web/taxonomy/proposal_form.html", {"form": form, "change": change})


@login_required
def proposals(request):
    form = ProposalFilterForm(request.GET) if request.user.is_staff else None
    status = form.status_filter() if form else None
    page = Paginator(
        proposal_list(viewer=request.user, status=status), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "web/taxonomy/proposal_list.html", {"form": form, "page_obj": page})


def _decide(request, proposal, forms) -> bool:
    """Run the staff decision the POST asks for; True when it went through.

    Forms are always valid here (the note is optional at the form level), so the service,
    which checks permission first, is always the one to refuse."""
    decision = request.POST.get("decision")
    decide = {"approve": capacity_proposal_approve, "reject": capacity_proposal_reject}
    if decision not in decide:
        forms["approve"].add_error(None, _("Choose to approve or reject."))
        return False
    form = forms[decision]
    if not form.is_valid():
        return False
    try:
        decide[decision](actor=request.user, proposal=proposal, note=form.cleaned_data["note"])
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(proposal_list(viewer=request.user), pk=pk)
    data = request.POST if request.method == "POST" else None
    forms = {
        "approve": DecisionForm(data, prefix="approve"),
        "reject": RejectForm(data, prefix="reject"),
    }
    if data is not None and _decide(request, proposal, forms):
        messages.success(request, _("Decision saved."))
        return redirect("web:proposal-detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "approve_form": forms["approve"],
        "reject_form": forms["reject"],
    }
    return render(request, "web/taxonomy/proposal_detail.html", context)


urlpatterns = [
    path("capacities/", capacity_list, name="capacity-list"),
    # Before capacities/<code>/ so that "propose" is never read as a capacity code.
    path("capacities/propose/", capacity_propose, name="capacity-propose"),
    path("capacities/<slug:code>/", capacity_detail, name="capacity-detail"),
    path("proposals/", proposals, name="proposal-list"),
    path("proposals/<int:pk>/", proposal_detail, name="proposal-detail"),
]
