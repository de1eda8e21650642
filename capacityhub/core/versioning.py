"""Optimistic locking shared by every editable record that carries a `version` column."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _


def version_bump(model, instance, expected_version: int | None) -> None:
    """Optimistic locking: the second of two concurrent edits gets a conflict, not a silent
    overwrite. Must run inside the caller's transaction, before other writes."""
    rows = model.objects.filter(pk=instance.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) == 0:
        raise ValidationError(
            {"version": _("Someone else changed this in the meantime. Reload and try again.")}
        )
    instance.version = model.objects.values_list("version", flat=True).get(pk=instance.pk)
