"""The unit's public page (its board, terms and renewal), staff seating members, and the
Popolo download."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.governance.models import Term
from capacityhub.governance.popolo import popolo_document
from capacityhub.governance.selectors import (
    board_get,
    board_main,
    meeting_list,
    renewal_schedule,
    roster,
    term_history,
)
from capacityhub.governance.services import term_end, term_start
from capacityhub.governance.services.common import is_officer
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .common import reader_language, run
from .forms import TermForm


def _board_page(request, board, form=None):
    context = {
        "board": board,
        "language": reader_language(),
        "roster": roster(board=board),
        "renewal": renewal_schedule(board=board),
        "history": term_history(board=board)[:50],
        "meetings": meeting_list(board=board)[:20],
        "is_staff": request.user.is_authenticated and request.user.is_staff,
        "is_officer": is_officer(request.user, board),
        "term_form": form or TermForm(),
    }
    return render(request, "web/governance/board.html", context, status=400 if form else 200)


def unit(request):
    board = board_main()
    if board is None:
        return render(request, "web/governance/board.html", {"board": None})
    return _board_page(request, board)


def board_detail(request, slug: str):
    return _board_page(request, object_or_404(board_get, _("No such board."), slug=slug))


@login_required
@require_POST
def term_add(request, slug: str):
    board = object_or_404(board_get, _("No such board."), slug=slug)
    if not request.user.is_staff:
        raise PermissionDenied(_("Only Capacity Building Unit staff can do this."))
    form = TermForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = get_user_model().objects.filter(username=data["username"], is_active=True).first()
        if person is None:
            form.add_error("username", _("No such person."))
        else:
            try:
                term_start(actor=request.user, board=board, person=person, role=data["role"],
                           chosen_by=data["chosen_by"], starts_on=data["starts_on"],
                           ends_on=data["ends_on"])  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The term is recorded."))
                return redirect("web:governance-board", slug=board.slug)
    return _board_page(request, board, form)


@login_required
@require_POST
def term_stop(request, pk: int):
    term = object_or_404(Term.objects.select_related("board").get, _("No such term."), pk=pk)
    return run(request, lambda: term_end(actor=request.user, term=term),
               _("The term has ended."), term.board.get_absolute_url())  # fmt: skip


def popolo(request, slug: str):
    board = object_or_404(board_get, _("No such board."), slug=slug)
    response = JsonResponse(popolo_document(board), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{board.slug}-popolo.json"'
    return response


urlpatterns = [
    path("unit/", unit, name="governance-unit"),
    path("unit/boards/<slug:slug>/", board_detail, name="governance-board"),
    path("unit/boards/<slug:slug>/terms/", term_add, name="governance-term-add"),
    path("unit/boards/<slug:slug>/popolo.json", popolo, name="governance-popolo"),
    path("unit/terms/<int:pk>/end/", term_stop, name="governance-term-end"),
]
