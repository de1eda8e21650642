"""The mentoring pages."""

urlpatterns: list = []
