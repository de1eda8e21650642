from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "capacityhub.exchange"
    label = "exchange"

    def ready(self) -> None:
        # Connects the receivers that tell every process its matching index is stale.
        from .personal_data import register_personal_data
        from .search import register_exchange_kinds
        from .selectors import matching_index  # noqa: F401

        register_exchange_kinds()
        register_personal_data()
