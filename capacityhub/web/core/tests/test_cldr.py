"""Dates, numbers and lists by CLDR in the reader's language and time zone, one style site-wide."""

import datetime as dt
import pathlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from capacityhub.core.models import Notification
from capacityhub.web.core import cldr

WHEN = dt.datetime(2026, 12, 17, 23, 30, tzinfo=dt.UTC)
TEMPLATES = pathlib.Path(__file__).resolve().parents[2]


def test_a_date_is_written_the_way_each_language_writes_it():
    assert cldr.date_text(WHEN.date(), "en") == "December 17, 2026"
    assert cldr.date_text(WHEN.date(), "es") == "17 de diciembre de 2026"
    assert cldr.date_text(WHEN.date(), "ar") == "17 ديسمبر 2026"


def test_an_arabic_date_never_uses_the_english_month_order():
    assert not re.search(r"ديسمبر \d+, \d+", cldr.date_text(WHEN.date(), "ar"))


def test_a_date_is_never_all_numeric():
    for language in ("en", "es", "fr", "pt", "ar"):
        assert not re.fullmatch(r"[\d/.\-\s\u200f]+", cldr.date_text(WHEN.date(), language))


def test_the_active_django_language_is_used_when_none_is_given():
    with translation.override("fr"):
        assert cldr.date_text(WHEN.date()) == "17 décembre 2026"


def test_a_datetime_is_shown_in_the_given_time_zone():
    tokyo = ZoneInfo("Asia/Tokyo")
    assert cldr.datetime_text(WHEN, "en", zone=tokyo) == "December 18, 2026, 8:30\u202fAM"
    assert cldr.datetime_text(WHEN, "en", zone=dt.UTC) == "December 17, 2026, 11:30\u202fPM"


def test_numbers_use_the_locales_separators():
    assert cldr.number_text(12345.6, "en") == "12,345.6"
    assert cldr.number_text(12345.6, "es") == "12.345,6"
    assert cldr.number_text(3.456, "en", digits=1) == "3.5"
    assert cldr.number_text(None, "en") == ""


def test_lists_use_the_locales_conjunction():
    assert cldr.list_text(["a", "b", "c"], "en") == "a, b, and c"
    assert cldr.list_text(["a", "b", "c"], "es") == "a, b y c"
    assert cldr.list_text([], "en") == ""


def test_a_month_is_named_not_numbered():
    assert cldr.month_text(WHEN.date(), "en") == "December 2026"


def test_time_ago_is_in_the_readers_language():
    earlier = WHEN - dt.timedelta(days=3)
    assert cldr.ago_text(earlier, now=WHEN, locale="en") == "3 days ago"
    assert cldr.ago_text(earlier, now=WHEN, locale="es") == "hace 3 días"


def test_no_template_formats_a_date_with_djangos_date_filter():
    # Only machine-readable ISO values for <time datetime> may still use |date.
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        for match in re.finditer(r"\|date:['\"]([^'\"]*)['\"]", path.read_text()):
            if match.group(1) not in ("c", "Y-m-d"):
                offenders.append(f"{path.name}: {match.group(0)}")
        if "|timesince" in path.read_text():
            offenders.append(f"{path.name}: |timesince")
    assert offenders == []


@pytest.mark.django_db
def test_the_inbox_shows_times_in_the_readers_own_time_zone(owner, owner_client):
    owner.profile.time_zone = "Asia/Tokyo"
    owner.profile.save()
    notification = Notification.objects.create(recipient=owner, subject="Hello")
    Notification.objects.filter(pk=notification.pk).update(created_at=WHEN)

    html = owner_client.get("/inbox/").content.decode()

    assert "December 18, 2026, 8:30\u202fAM" in html


@pytest.mark.django_db
def test_the_inbox_dates_are_arabic_for_an_arabic_reader(owner, owner_client):
    owner.preferred_language = "ar"
    owner.save()
    notification = Notification.objects.create(recipient=owner, subject="Hello")
    Notification.objects.filter(pk=notification.pk).update(created_at=WHEN)

    html = owner_client.get("/inbox/").content.decode()

    assert "17 ديسمبر 2026" in html
