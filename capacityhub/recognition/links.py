"""Absolute URLs for credentials (they are read outside the hub): settings.SITE_URL + path."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

HUB_ISSUER_NAME = "Capacity Hub"


def absolute(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(f"web:{name}", args=args)


def absolute_static(path: str) -> str:
    url = static(path)
    return url if url.startswith("http") else settings.SITE_URL.rstrip("/") + url


def hub_issuer_id() -> str:
    return absolute("recognition-issuer")


def key_url(key_id: str) -> str:
    return absolute("recognition-key", key_id)


def status_list_url(number: int) -> str:
    return absolute("recognition-status-list", number)


def schema_url() -> str:
    return absolute("recognition-schema")
