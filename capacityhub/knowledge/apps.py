from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "capacityhub.knowledge"
    label = "knowledge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from capacityhub.exchange.suggestions import register

        from .personal_data import register_personal_data
        from .search import register_resource_kind
        from .suggestions import resource_suggestions

        register_resource_kind()
        register(resource_suggestions)
        register_personal_data()
