from . import applicants, reviewers, staff

# staff first: "calls/manage/" and "calls/new/" before "calls/<int:pk>/".
urlpatterns = [*staff.urlpatterns, *applicants.urlpatterns, *reviewers.urlpatterns]
