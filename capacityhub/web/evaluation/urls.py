"""The evaluation pages."""

urlpatterns: list = []
