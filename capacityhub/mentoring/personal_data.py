"""Mentoring's part of a person's data (decision 0019): export and what deletion closes."""

from django.utils.translation import gettext as _

from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import MenteeRequest, MentorProfile, Mentorship, Participant


def export_mentoring(user) -> dict:
    profile = MentorProfile.objects.filter(user=user).prefetch_related("capacities", "away").first()
    pairs = Mentorship.objects.filter(mentor=user) | Mentorship.objects.filter(mentee=user)
    return {
        "mentor_profile": profile
        and {
            "capacities": [c.code for c in profile.capacities.all()],
            "languages": profile.languages,
            "time_zone": profile.time_zone,
            "hours_per_month": profile.hours_per_month,
            "max_mentees": profile.max_mentees,
            "away": [[when(a.starts_on), when(a.ends_on)] for a in profile.away.all()],
        },
        "requests": [
            {
                "created_at": when(r.created_at),
                "status": r.status,
                "languages": r.languages,
                "preferences": r.preferences,
            }
            for r in MenteeRequest.objects.filter(user=user)
        ],
        "mentorships": [
            {
                "role": "mentor" if m.mentor_id == user.pk else "mentee",
                "status": m.status,
                "created_at": when(m.created_at),
                "meetings": [
                    {"met_on": when(x.met_on), "notes": x.notes} for x in m.meetings.all()
                ],
            }
            for m in pairs.distinct().prefetch_related("meetings")
        ],
        "programmes": [
            {"cohort": str(p.cohort), "status": p.status, "admitted_at": when(p.admitted_at)}
            for p in Participant.objects.filter(user=user).select_related("cohort")
        ],
    }


def close_mentoring(user) -> None:
    """Live mentorships end, waiting requests are withdrawn, the mentor profile goes."""
    from django.utils import timezone

    reason = _("The account was deleted.")
    live = Mentorship.objects.filter(status__in=Mentorship.LIVE)
    (live.filter(mentor=user) | live.filter(mentee=user)).update(
        status=Mentorship.Status.ENDED, ended_reason=reason, ended_at=timezone.now()
    )
    Mentorship.objects.filter(backup=user).update(backup=None)
    MenteeRequest.objects.filter(user=user, status=MenteeRequest.Status.OPEN).update(
        status=MenteeRequest.Status.WITHDRAWN
    )
    MentorProfile.objects.filter(user=user).delete()


def register_part() -> None:
    register(PersonalDataPart(name="mentoring", export=export_mentoring, erase=close_mentoring))
