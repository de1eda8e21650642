"""The knowledge base's part of a person's data (community.personal_data): resources they added
or wrote, their reports of use, endorsements and reports. Deleting the account keeps them, as
contributions under the anonymous name."""

from django.db.models import Q

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Endorsement, Resource, ResourceReport, ResourceUse


def export_knowledge(user: User) -> dict:
    resources = (
        Resource.objects.filter(Q(created_by=user) | Q(authors=user))
        .distinct()
        .order_by("created_at", "id")
    )
    return {
        "resources": [
            {
                "uid": str(r.uid),
                "kind": r.kind,
                "title": r.title,
                "summary": r.summary,
                "language": r.language,
                "status": r.status,
                "i_added_it": r.created_by_id == user.pk,
                "created_at": when(r.created_at),
            }
            for r in resources
        ],
        "uses": [
            {
                "resource": str(u.resource.uid),
                "region": u.region,
                "language": u.language,
                "organization_kind": u.organization_kind,
                "audience_size": u.audience_size,
                "outcome": u.outcome,
                "rating": u.rating,
                "comment": u.comment,
                "used_on": when(u.used_on),
            }
            for u in ResourceUse.objects.filter(user=user).select_related("resource")
        ],
        "endorsements": [
            {"resource": str(e.resource.uid), "comment": e.comment, "at": when(e.created_at)}
            for e in Endorsement.objects.filter(user=user).select_related("resource")
        ],
        "reports": [
            {
                "resource": str(report.resource.uid),
                "reason": report.reason,
                "details": report.details,
                "status": report.status,
            }
            for report in ResourceReport.objects.filter(reporter=user).select_related("resource")
        ],
    }


def register_personal_data() -> None:
    register(PersonalDataPart(name="knowledge", export=export_knowledge))
