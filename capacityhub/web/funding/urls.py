"""The funding pages."""

from . import finance, public

urlpatterns = [*finance.urlpatterns, *public.urlpatterns]
