"""Barnstars and badges issued as verifiable Open Badges 3.0 credentials."""

from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "capacityhub.recognition"
    label = "recognition"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from capacityhub.community.evidence import register_evidence_listener

        from .personal_data import register_personal_data
        from .services.awards import on_evidence_recorded

        register_evidence_listener(on_evidence_recorded)
        register_personal_data()
