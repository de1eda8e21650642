from django.apps import AppConfig


class OrgDevConfig(AppConfig):
    name = "capacityhub.orgdev"
    label = "orgdev"
    default_auto_field = "django.db.models.BigAutoField"
