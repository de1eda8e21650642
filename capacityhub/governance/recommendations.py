"""The ten capacity-building recommendations of the Movement Strategy seed
(seed/capacity-building-recommendations.txt), which the annual plan sets targets against."""

from django.utils.translation import gettext_lazy as _

RECOMMENDATIONS = {
    "R1": _("Building capacity for capacity building: a taxonomy and toolbox"),
    "R2": _("Matching people and knowledge resources with needs"),
    "R3": _("Capacity building in context"),
    "R4": _("Organizational development"),
    "R5": _("Resources for capacity building"),
    "R6": _("Evaluating capacity building"),
    "R7": _("Online training"),
    "R8": _("Mentoring and leadership development"),
    "R9": _("Recognizing individuals"),
    "R10": _("An independent Capacity Building Unit"),
}


def recommendation_label(code: str) -> str:
    return str(RECOMMENDATIONS.get(code, code))
