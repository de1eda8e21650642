from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "capacityhub.taxonomy"
    label = "taxonomy"
