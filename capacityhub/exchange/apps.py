from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "capacityhub.exchange"
    label = "exchange"
