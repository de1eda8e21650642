"""Every app's part of a person's data: what the export holds and what deleting the account
closes (decision 0013's extension points; decision 0019).

community does not import the apps built on it, so each app registers its part from its own
`personal_data.py` in `AppConfig.ready()`:

    register(PersonalDataPart(name="exchange", export=export_exchange, erase=close_exchange))

`export(user)` returns JSON-ready data (the person's needs, registrations, …); `erase(user)`
runs inside the deletion's transaction, while the account is still active, and closes what must
not outlive it (open needs, pending invitations, seats). It may raise ValidationError to refuse
the deletion; nothing is then changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import User


@dataclass(frozen=True)
class PersonalDataPart:
    name: str
    export: Callable[[User], Any]
    erase: Callable[[User], None] | None = None


_PARTS: dict[str, PersonalDataPart] = {}


def register(part: PersonalDataPart) -> None:
    """Add (or replace, by name) an app's part; order is registration order."""
    _PARTS[part.name] = part


def parts() -> list[PersonalDataPart]:
    return list(_PARTS.values())


def export_parts(user: User) -> dict[str, Any]:
    return {part.name: part.export(user) for part in _PARTS.values()}


def erase_parts(user: User) -> None:
    for part in _PARTS.values():
        if part.erase is not None:
            part.erase(user)


def when(value) -> str | None:
    """A date or time as ISO 8601 text, for the export."""
    return value.isoformat() if value is not None else None
