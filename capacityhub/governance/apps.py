from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "capacityhub.governance"
    label = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import personal_data
        from .measures import register_builtin_measures
        from .measures_apps import register_app_measures

        register_builtin_measures()
        register_app_measures()
        personal_data.register_part()
