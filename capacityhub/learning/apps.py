from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "capacityhub.learning"
    label = "learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .personal_data import register_personal_data
        from .search import register_course_kind
        from .suggestions import register_suggestions

        register_course_kind()
        register_suggestions()
        register_personal_data()
