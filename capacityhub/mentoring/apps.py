from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "capacityhub.mentoring"
    label = "mentoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from capacityhub.integrity.conflicts import register_conflict_source
        from capacityhub.integrity.services import register_decision_effect

        from .conflicts import mentor_pair_source
        from .personal_data import register_part
        from .services import admit_from_decision

        register_decision_effect("review.application", admit_from_decision)
        register_conflict_source(mentor_pair_source)
        register_part()
