"""Pages of the learning app."""

urlpatterns: list = []
