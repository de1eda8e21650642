"""`{% event_when event %}`: an event's times in the reader's own time zone (their profile's,
else the event's), with machine-readable <time> elements."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from capacityhub.events.timezones import local_times, reader_zone

register = template.Library()


def _zone_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    return getattr(profile, "time_zone", None)


@register.simple_tag(takes_context=True)
def event_when(context, event):
    request = context.get("request")
    zone = reader_zone(_zone_of(getattr(request, "user", None)), event.time_zone)
    times = local_times(event.starts_at, event.ends_at, zone)
    end_format = "TIME_FORMAT" if times.same_day else "DATETIME_FORMAT"
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>'
        ' <span class="muted">({})</span>',
        times.starts.isoformat(),
        date_format(times.starts, "DATETIME_FORMAT"),
        times.ends.isoformat(),
        date_format(times.ends, end_format),
        _("%(zone)s time") % {"zone": zone},
    )


@register.simple_tag(takes_context=True)
def event_moment(context, event, moment):
    """One instant of the event (e.g. its registration deadline) in the reader's zone."""
    request = context.get("request")
    zone = reader_zone(_zone_of(getattr(request, "user", None)), event.time_zone)
    local = local_times(moment, moment, zone).starts
    return format_html(
        '<time datetime="{}">{}</time> <span class="muted">({})</span>',
        local.isoformat(),
        date_format(local, "DATETIME_FORMAT"),
        _("%(zone)s time") % {"zone": zone},
    )
