from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for development and benchmarks: `manage.py seed_demo`. It sits above every
    domain app (it may import them all) and below the delivery layers (decision 0014)."""

    name = "capacityhub.demo"
    label = "demo"
