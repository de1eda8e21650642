"""Barnstar pages: the public feed, giving one, a barnstar's page (hide, report, moderate) and
the staff's open reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capacityhub.community.models import User
from capacityhub.core.permissions import require_staff
from capacityhub.recognition.selectors import (
    barnstar_feed,
    barnstar_get,
    barnstar_reports_open,
)
from capacityhub.recognition.services.barnstars import (
    barnstar_give,
    barnstar_moderate,
    barnstar_report,
    barnstar_set_hidden,
)
from capacityhub.taxonomy.models import Capacity
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404

from .forms import BarnstarForm, ReasonForm

NO_BARNSTAR = gettext_lazy("There is no such barnstar.")


@require_safe
def feed_view(request):
    page = Paginator(barnstar_feed(viewer=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "web/recognition/feed.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def give_view(request):
    form = BarnstarForm(request.POST or None, initial={"recipient": request.GET.get("to", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipient = User.objects.filter(username=data["recipient"], is_active=True).first()
        capacity = (
            Capacity.objects.filter(code=data["capacity"]).first() if data["capacity"] else None
        )
        try:
            barnstar = barnstar_give(
                actor=request.user,
                recipient=recipient,
                kind=data["kind"],
                message=data["message"],
                capacity=capacity,
                activity=data["activity"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your barnstar is on its way."))
            return redirect(barnstar.get_absolute_url())
    status = 422 if form.errors else 200
    return render(request, "web/recognition/give.html", {"form": form}, status=status)


@require_safe
def detail_view(request, pk: int):
    barnstar = object_or_404(barnstar_get, NO_BARNSTAR, viewer=request.user, pk=pk)
    context = {"barnstar": barnstar, "report_form": ReasonForm(), "moderate_form": ReasonForm()}
    return render(request, "web/recognition/barnstar.html", context)


def _act(request, pk: int, action) -> object:
    barnstar = object_or_404(barnstar_get, NO_BARNSTAR, viewer=request.user, pk=pk)
    try:
        action(barnstar)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        raise PermissionDenied(str(error)) from None
    return redirect(barnstar.get_absolute_url())


@login_required
@require_POST
def hide_view(request, pk: int):
    hidden = request.POST.get("hidden") == "1"
    return _act(
        request, pk, lambda b: barnstar_set_hidden(actor=request.user, barnstar=b, hidden=hidden)
    )


@login_required
@require_POST
def report_view(request, pk: int):
    def report(barnstar):
        barnstar_report(actor=request.user, barnstar=barnstar, reason=request.POST.get("reason"))
        messages.success(request, _("Thank you: staff will look at it."))

    return _act(request, pk, report)


@login_required
@require_POST
def moderate_view(request, pk: int):
    require_staff(request.user)
    hide = request.POST.get("hide") == "1"
    return _act(
        request,
        pk,
        lambda b: barnstar_moderate(
            actor=request.user, barnstar=b, hide=hide, reason=request.POST.get("reason", "")
        ),
    )


@login_required
@require_safe
def reports_view(request):
    reports = barnstar_reports_open(viewer=request.user)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "web/recognition/reports.html", {"page_obj": page})
