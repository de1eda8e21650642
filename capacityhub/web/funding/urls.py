"""The funding pages."""

urlpatterns: list = []
