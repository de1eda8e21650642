from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "capacityhub.web"
    label = "web"
