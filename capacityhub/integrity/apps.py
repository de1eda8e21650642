from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "capacityhub.integrity"
    label = "integrity"
    verbose_name = "Integrity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .conflicts import register_builtin_sources

        register_builtin_sources()
