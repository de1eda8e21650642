"""/dashboard/: what needs the reader's attention, by role, with counts.

Everyone signed in sees their own first steps and inbox; organizers their organizations'
needs, invitations, events and registrations; curators the reports queue; staff the capacity
proposals waiting for a decision; course authors their courses and learners; reviewers the
reviews they owe, and those who run calls the applications waiting for screening. A fixed number
of queries whatever the number of organizations or items (counts, not lists)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from capacityhub.community.selectors import organizations_managed_by
from capacityhub.core.notifications import notification_unread_count
from capacityhub.events.selectors.dashboard import organization_event_counts
from capacityhub.exchange.selectors.dashboard import organization_exchange_counts
from capacityhub.exchange.selectors.first_visit import first_steps
from capacityhub.knowledge.selectors import is_curator, report_queue
from capacityhub.learning.selectors.courses import can_author
from capacityhub.learning.selectors.dashboard import author_course_counts
from capacityhub.review.selectors import review_queue_counts
from capacityhub.taxonomy.models import CapacityProposal
from capacityhub.taxonomy.selectors import proposal_list


def _organizations(user) -> list[dict]:
    organizations = list(organizations_managed_by(user).order_by("name")[:20])
    ids = [organization.pk for organization in organizations]
    exchange = organization_exchange_counts(organization_ids=ids)
    events = organization_event_counts(organization_ids=ids)
    return [{"organization": o, **exchange[o.pk], **events[o.pk]} for o in organizations]


@login_required
def dashboard(request):
    user = request.user
    checklist = first_steps(user=user)
    context = {
        "checklist": checklist if checklist and not checklist.complete else None,
        "unread": notification_unread_count(user=user),
        "organizations": _organizations(user),
        "reports": report_queue().count() if is_curator(user) else None,
        "proposals": (
            proposal_list(viewer=user, status=CapacityProposal.Status.PENDING).count()
            if user.is_staff
            else None
        ),
        "courses": author_course_counts(user=user) if can_author(user) else None,
        "review": review_queue_counts(user=user),
    }
    return render(request, "web/dashboard/dashboard.html", context)


urlpatterns = [path("dashboard/", dashboard, name="dashboard")]
