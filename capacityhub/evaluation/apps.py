"""Logic models, evaluation surveys, the Kirkpatrick matrix and what works where."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "capacityhub.evaluation"
    label = "evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import builtin, programmes, resources
        from .personal_data import register_personal_data

        builtin.ready()
        programmes.register()
        resources.register()  # "What worked" in the knowledge base
        register_personal_data()
