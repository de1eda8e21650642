from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "capacityhub.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .kinds import register_capacity_kind

        register_capacity_kind()
