"""iCalendar (.ics) files, pure: built from plain entries, no database."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//Capacity Hub//events//EN"


@dataclass(frozen=True)
class Entry:
    uid: str  # stable across edits, so calendar apps update rather than duplicate
    title: str
    starts_at: datetime
    ends_at: datetime
    url: str
    description: str = ""
    location: str = ""
    updated_at: datetime | None = None
    cancelled: bool = False


def _event(entry: Entry) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", entry.uid)
    event.add("summary", entry.title)
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    event.add("dtstamp", entry.updated_at or entry.starts_at)
    event.add("url", entry.url)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return event


def build_calendar(entries: Iterable[Entry], *, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(_event(entry))
    return calendar.to_ical()
