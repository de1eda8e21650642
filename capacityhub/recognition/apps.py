from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "capacityhub.recognition"
    label = "recognition"
    default_auto_field = "django.db.models.BigAutoField"
