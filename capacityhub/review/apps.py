from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "capacityhub.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from capacityhub.forms.selectors import register_file_view_rule

        from .selectors import reviewer_may_view_file

        register_file_view_rule(reviewer_may_view_file)
