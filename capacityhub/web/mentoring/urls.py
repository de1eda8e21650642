"""The mentoring pages."""

from . import cohorts, mentors, mentorships, programmes

urlpatterns = [
    *programmes.urlpatterns,
    *cohorts.urlpatterns,
    *mentors.urlpatterns,
    *mentorships.urlpatterns,
]
