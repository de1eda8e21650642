"""Logic models, evaluation surveys, the Kirkpatrick matrix and what works where."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "capacityhub.evaluation"
    label = "evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import builtin, programmes
        from .personal_data import register_personal_data

        builtin.ready()
        programmes.register()
        register_personal_data()
