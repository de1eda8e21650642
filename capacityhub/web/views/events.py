"""Pages of the events app."""

urlpatterns: list = []
