"""The barnstar kinds and badge images: each with its own original drawing under
web/static/web/barnstars/ and a translatable name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BarnstarKind(models.TextChoices):
    BUILDER = "builder", _("Capacity Builder Barnstar")
    MENTOR = "mentor", _("Mentor's Barnstar")
    ORGANIZER = "organizer", _("Organizer's Barnstar")
    TEACHER = "teacher", _("Teacher's Barnstar")
    WELCOME = "welcome", _("Welcoming Barnstar")
    OFFLINE = "offline", _("Offline Outreach Barnstar")


def barnstar_image(kind: str) -> str:
    """The static path of a kind's drawing."""
    return f"web/barnstars/{kind}.svg"


BADGE_IMAGES = [
    ("star", _("Star")),
    ("book", _("Book")),
    ("bridge", _("Bridge")),
    ("globe", _("Globe")),
]


def badge_image(name: str) -> str:
    return f"web/barnstars/badge-{name}.svg"
