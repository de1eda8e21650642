"""The governance pages."""

from . import advice, board, meetings, plan

urlpatterns = [*board.urlpatterns, *meetings.urlpatterns, *advice.urlpatterns, *plan.urlpatterns]
