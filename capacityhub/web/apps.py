from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "capacityhub.web"
    label = "web"

    def ready(self) -> None:
        # The domains' sections of shared pages (home, profile, organization): see core/panels.py.
        from .events.panels import register_panels as register_events_panels
        from .integrity.panels import register_panels as register_integrity_panels
        from .knowledge import panels as knowledge_panels  # noqa: F401 - registers on import
        from .learning.panels import register_panels as register_learning_panels
        from .mentoring.panels import register_panels as register_mentoring_panels
        from .orgdev.panels import register_panels as register_orgdev_panels
        from .recognition.panels import register_panels as register_recognition_panels

        register_learning_panels()
        register_events_panels()
        register_integrity_panels()
        register_orgdev_panels()
        register_recognition_panels()
        register_mentoring_panels()
