"""The admin signs in and out through the hub's own pages.

Django's admin login has no limit on failed attempts (issue 10: 50 wrong passwords in 54 s, none
refused), so `/admin/login/` and `/admin/logout/` are routed to allauth's pages, which are
rate-limited (ACCOUNT_RATE_LIMITS) — one count of failures for both doors.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else reverse("admin:index")


def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """Anonymous: to the hub's sign-in, keeping `next`. Staff: on to `next`. Anyone else
    signed in: 403 (sending them to sign in again would loop)."""
    target = _next(request)
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def admin_logout(request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("account_logout"))
