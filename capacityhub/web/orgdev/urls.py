"""The orgdev pages."""

from . import plans, rounds

urlpatterns = [*rounds.urlpatterns, *plans.urlpatterns]
