from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "capacityhub.forms"
    label = "forms"
    verbose_name = "Forms"
    default_auto_field = "django.db.models.BigAutoField"
