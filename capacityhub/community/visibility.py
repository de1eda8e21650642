"""Who may see which profile field. The single place that answers it."""

from dataclasses import dataclass, field

from capacityhub.core.models import Visibility


def visible_levels(viewer, owner_id: int | None = None) -> set[str]:
    if getattr(viewer, "is_authenticated", False):
        if viewer.is_staff or (owner_id is not None and viewer.pk == owner_id):
            return {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE}
        return {Visibility.PUBLIC, Visibility.MEMBERS}
    return {Visibility.PUBLIC}


def shared_levels(viewer) -> list[str]:
    """Levels visible to this viewer on *other people's* profiles (used in queries)."""
    levels = visible_levels(viewer)
    if getattr(viewer, "is_staff", False):
        return list(levels)
    return [level for level in levels if level != Visibility.PRIVATE]


@dataclass
class ProfileView:
    """A profile as one particular viewer may see it. Hidden fields are simply absent."""

    id: int
    username: str
    display_name: str
    is_self: bool
    wikimedia_username: str | None = None
    pronouns: str | None = None
    bio: str | None = None
    country: str | None = None
    region: str | None = None
    time_zone: str | None = None
    languages: list[tuple[str, int]] | None = None
    affiliations: list[dict] | None = None
    claims: dict[str, list[tuple[int, int]]] | None = None  # relation → [(capacity_id, level)]
    email: str | None = None
    visibility: dict[str, str] = field(default_factory=dict)
