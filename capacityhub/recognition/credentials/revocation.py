"""Which positions of a status list are revoked, read from the awards on every request (so a
revocation counts from the next request)."""

from ..models import Award
from .status import LIST_SIZE


def revoked_indexes(number: int) -> set[int]:
    """The revoked positions in status list `number`."""
    start = number * LIST_SIZE
    return {
        index - start
        for index in Award.objects.filter(
            revoked_at__isnull=False, status_index__gte=start, status_index__lt=start + LIST_SIZE
        ).values_list("status_index", flat=True)
    }
