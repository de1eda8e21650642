from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "capacityhub.community"
    label = "community"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
        from .search import register_community_kinds

        register_community_kinds()
