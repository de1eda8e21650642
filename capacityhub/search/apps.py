from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "capacityhub.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .kinds import register_core_kinds

        register_core_kinds()
