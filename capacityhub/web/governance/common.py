"""Helpers shared by the governance pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import get_language


def reader_language() -> str:
    return (get_language() or "en").split("-")[0]


def run(request, call, success: str, to):
    """Call a service from a POST-only action: its message on success, its errors as messages
    (nothing changed), then back to the page `to`. PermissionDenied becomes a 403."""
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(to)
