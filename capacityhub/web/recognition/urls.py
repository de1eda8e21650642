"""The recognition pages."""

urlpatterns: list = []
