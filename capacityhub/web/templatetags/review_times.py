"""`{% review_moment instant %}`: a call's date in the reader's own time zone (their
profile's, else UTC), with a machine-readable <time> element and the zone named."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from capacityhub.events.timezones import local_times, reader_zone
from capacityhub.web.core.cldr import datetime_text

register = template.Library()


@register.simple_tag(takes_context=True)
def review_moment(context, moment):
    request = context.get("request")
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    zone = reader_zone(getattr(profile, "time_zone", None), "UTC")
    local = local_times(moment, moment, zone).starts
    return format_html(
        '<time datetime="{}">{}</time> <span class="muted">({})</span>',
        local.isoformat(),
        datetime_text(local, zone=local.tzinfo),
        _("%(zone)s time") % {"zone": zone},
    )


@register.filter
def in_language(texts, language):
    from capacityhub.forms.i18n import label_for

    return label_for(texts, language)
