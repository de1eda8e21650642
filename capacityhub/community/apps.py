from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "capacityhub.community"
    label = "community"
