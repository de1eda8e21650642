from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "capacityhub.funding"
    label = "funding"
    default_auto_field = "django.db.models.BigAutoField"
