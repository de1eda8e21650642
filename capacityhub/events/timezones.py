"""Time-zone display, pure: an instant shown in the reader's own zone."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from capacityhub.core.languages import is_time_zone as is_zone


def reader_zone(profile_zone: str | None, event_zone: str) -> str:
    """The reader's own zone when they set a valid one, else the event's."""
    if profile_zone and is_zone(profile_zone):
        return profile_zone
    return event_zone if is_zone(event_zone) else "UTC"


@dataclass(frozen=True)
class LocalTimes:
    starts: datetime
    ends: datetime
    zone: str

    @property
    def same_day(self) -> bool:
        return self.starts.date() == self.ends.date()


def local_times(starts_at: datetime, ends_at: datetime, zone: str) -> LocalTimes:
    """The two instants (aware) expressed in `zone`."""
    tz = ZoneInfo(zone if is_zone(zone) else "UTC")
    return LocalTimes(starts_at.astimezone(tz), ends_at.astimezone(tz), zone)


def make_aware_in(naive: datetime, zone: str) -> datetime:
    """A wall-clock time typed by a host, read in the event's zone."""
    return naive.replace(tzinfo=ZoneInfo(zone if is_zone(zone) else "UTC"))
