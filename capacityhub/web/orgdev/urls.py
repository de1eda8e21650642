"""The orgdev pages."""

urlpatterns: list = []
