from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "capacityhub.events"
    label = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .personal_data import register_personal_data
        from .search import register_search_kinds
        from .suggestions import register_suggestions

        register_search_kinds()
        register_suggestions()
        register_personal_data()
