"""Advice requests: asking, answering (the advisers it was routed to), publishing (the asker)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import Organization
from capacityhub.governance.selectors import advice_get, advice_list
from capacityhub.governance.services import advice_answer, advice_publish, advice_request
from capacityhub.governance.services.advice import may_answer
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .common import run
from .forms import AdviceForm, AnswerForm

NO_REQUEST = _("No such advice request.")


def advice_index(request):
    mine = request.GET.get("mine") == "1" and request.user.is_authenticated
    page = Paginator(advice_list(viewer=request.user, mine=mine), 20).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "requests": page.object_list, "mine": mine}
    return render(request, "web/governance/advice_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def advice_new(request):
    form = AdviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slug = request.POST.get("organization", "")
        organization = Organization.objects.filter(slug=slug).first() if slug else None
        try:
            created = advice_request(
                actor=request.user, title=data["title"], question=data["question"],
                capacities=data["capacities"], languages=data["languages"].split(),
                organization=organization,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your question was sent to the advisers."))
            return redirect(created.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "web/governance/advice_form.html", {"form": form}, status=status)


def advice_page(request, pk: int):
    advice = object_or_404(advice_get, NO_REQUEST, pk=pk, viewer=request.user)
    context = {
        "advice": advice,
        "capacities": list(advice.capacities.all()),
        "may_answer": advice.status == "open" and may_answer(request.user, advice),
        "is_requester": request.user.is_authenticated and advice.requester_id == request.user.pk,
        "answer_form": AnswerForm(),
    }
    return render(request, "web/governance/advice.html", context)


@login_required
@require_POST
def answer(request, pk: int):
    advice = object_or_404(advice_get, NO_REQUEST, pk=pk, viewer=request.user)
    text = request.POST.get("answer", "")
    return run(request, lambda: advice_answer(actor=request.user, request=advice, answer=text),
               _("Your answer was sent."), advice.get_absolute_url())  # fmt: skip


@login_required
@require_POST
def publish(request, pk: int):
    advice = object_or_404(advice_get, NO_REQUEST, pk=pk, viewer=request.user)
    return run(request, lambda: advice_publish(actor=request.user, request=advice),
               _("The question and its answer are public."), advice.get_absolute_url())  # fmt: skip


urlpatterns = [
    path("unit/advice/", advice_index, name="governance-advice"),
    path("unit/advice/new/", advice_new, name="governance-advice-create"),
    path("unit/advice/<int:pk>/", advice_page, name="governance-advice-detail"),
    path("unit/advice/<int:pk>/answer/", answer, name="governance-advice-answer"),
    path("unit/advice/<int:pk>/publish/", publish, name="governance-advice-publish"),
]
