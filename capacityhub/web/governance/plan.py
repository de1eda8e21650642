"""The annual plan's public dashboard (plan against progress), and setting a target."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.governance.selectors import plan_progress, plan_years
from capacityhub.governance.services import plan_target_set
from capacityhub.governance.services.common import today
from capacityhub.governance.services.plan import may_plan
from capacityhub.web.core.cldr import number_text
from capacityhub.web.core.forms import add_service_errors

from .forms import PlanTargetForm


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else today().year


def _page(request, year: int, form=None):
    rows = plan_progress(year=year)
    headers = [_("Recommendation"), _("Measure"), _("Baseline"), _("Target"), _("So far"),
               _("Progress")]  # fmt: skip
    table = [
        [f"{r.target.recommendation} — {r.recommendation}", r.measure,
         number_text(r.target.baseline), number_text(r.target.target),
         "—" if r.value is None else number_text(r.value),
         "—" if r.share is None else f"{number_text(r.share)} %"]
        for r in rows
    ]  # fmt: skip
    context = {
        "year": year, "years": plan_years(), "plan_rows": rows, "headers": headers, "table": table,
        "may_plan": may_plan(request.user),
        "form": form or PlanTargetForm(initial={"year": year}),
    }  # fmt: skip
    return render(request, "web/governance/plan.html", context, status=400 if form else 200)


def plan(request):
    return _page(request, _year(request))


@login_required
@require_POST
def plan_target(request):
    form = PlanTargetForm(request.POST)
    if form.is_valid():
        try:
            plan_target_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target is set."))
            return redirect(f"/unit/plan/?year={form.cleaned_data['year']}")
    return _page(request, _year(request), form)


urlpatterns = [
    path("unit/plan/", plan, name="governance-plan"),
    path("unit/plan/targets/", plan_target, name="governance-plan-target"),
]
