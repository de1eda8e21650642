from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "capacityhub.core"
    label = "core"
