"""Budgets and the append-only, hash-chained double-entry funding ledger; public reports."""

from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "capacityhub.funding"
    label = "funding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from capacityhub.integrity.services import register_decision_effect

        from .personal_data import register_personal_data
        from .services import checkpoint_decision_effect, line_decision_effect

        register_decision_effect("funding.budgetline", line_decision_effect)
        register_decision_effect("funding.ledgercheckpoint", checkpoint_decision_effect)
        register_personal_data()
