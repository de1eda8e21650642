"""Pages of the knowledge app."""

urlpatterns: list = []
