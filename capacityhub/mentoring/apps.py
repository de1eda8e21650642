from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "capacityhub.mentoring"
    label = "mentoring"
    default_auto_field = "django.db.models.BigAutoField"
