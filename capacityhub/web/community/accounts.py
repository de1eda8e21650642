"""Language switching and the settings pages: API tokens, data download, account deletion."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacityhub.community.accounts import (
    last_managed_organizations,
    user_delete,
    user_export_data,
)
from capacityhub.community.selectors import api_token_list
from capacityhub.community.services import api_token_create, api_token_revoke, user_set_language
from capacityhub.core.ratelimit import RateLimited
from capacityhub.web.community.forms_accounts import AccountDeleteForm, ApiTokenForm, LanguageForm
from capacityhub.web.community.organizations import add_service_errors

# Django's default language cookie lasts only for the browser session; a choice should stick.
LANGUAGE_COOKIE_DEFAULT_AGE = 365 * 24 * 60 * 60


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:home")


@require_POST
def set_language(request):
    """The language switcher: a cookie for everyone, the saved setting for members."""
    response = redirect(_safe_next(request))
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This language is not available."))
        return response
    language = form.cleaned_data["language"]
    user_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or LANGUAGE_COOKIE_DEFAULT_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _settings_context(request, **extra) -> dict:
    return {
        "language_form": LanguageForm(initial={"language": translation.get_language()}),
        "token_form": ApiTokenForm(),
        "tokens": api_token_list(user=request.user),
        **extra,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """GET shows the settings; POST creates an API token and shows its secret this once."""
    if request.method == "GET":
        return render(request, "web/accounts/settings.html", _settings_context(request))
    form = ApiTokenForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            token, secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
            status = 429 if isinstance(error, RateLimited) else 400
        else:
            context = _settings_context(request, new_token=token, new_secret=secret)
            return render(request, "web/accounts/settings.html", context)
    context = _settings_context(request, token_form=form)
    return render(request, "web/accounts/settings.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    # Only the person's own active tokens can be found here: anyone else's is a 404.
    token = api_token_list(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404(_("No such token."))
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%s” was revoked.") % token.name)
    return redirect("web:settings")


@login_required
@require_GET
def settings_export(request):
    data = user_export_data(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"capacityhub-{request.user.get_username()}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    organizations = last_managed_organizations(user=request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete(actor=request.user, user=request.user, successors=form.successors())
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, "web/accounts/delete.html", {"form": form}, status=400)
        logout(request)
        messages.success(request, _("Your account was deleted. Thank you for your contributions."))
        return redirect("web:home")
    return render(request, "web/accounts/delete.html", {"form": form})


urlpatterns = [
    path("language/", set_language, name="set-language"),
    path("settings/", settings_page, name="settings"),
    path("settings/tokens/<int:pk>/revoke/", token_revoke, name="token-revoke"),
    path("settings/export/", settings_export, name="settings-export"),
    path("settings/delete/", account_delete, name="account-delete"),
]
