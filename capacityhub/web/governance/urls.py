"""The governance pages."""

urlpatterns: list = []
