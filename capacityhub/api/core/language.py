"""The language a response is written in."""

from django.utils.translation import get_language


def content_language(lang: str | None) -> str:
    """The language asked for, else the reader's language: `pt-BR` → `pt`."""
    return (lang or get_language() or "en").replace("_", "-").split("-")[0].lower()
