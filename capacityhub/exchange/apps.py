from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "capacityhub.exchange"
    label = "exchange"

    def ready(self) -> None:
        # Connects the receivers that tell every process its matching index is stale.
        from .personal_data import register_personal_data
        from .selectors import matching_index  # noqa: F401

        register_personal_data()
