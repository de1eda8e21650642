"""Organizational self-assessment rounds, development plans and reassessment."""

from django.apps import AppConfig


class OrgDevConfig(AppConfig):
    name = "capacityhub.orgdev"
    label = "orgdev"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .personal_data import register_part

        register_part()
