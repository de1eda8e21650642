"""Language, country and time-zone names from CLDR (Babel), in the reader's language."""

from functools import cache
from zoneinfo import available_timezones

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

PROFICIENCY_NATIVE = 0  # stored as 0 so that levels 1..5 keep their natural meaning
PROFICIENCY_LEVELS = [0, 1, 2, 3, 4, 5]


def _locale(code: str | None = None) -> Locale:
    try:
        return Locale.parse((code or get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


@cache
def language_codes() -> tuple[str, ...]:
    """Languages people can declare: every plain ISO 639 code CLDR names ('ha', 'ast', 'ckb')."""
    return tuple(sorted(c for c in Locale("en").languages if c.isalpha() and c.islower()))


def is_language(code: str) -> bool:
    return code in language_codes()


@cache
def _language_names(locale_code: str) -> dict[str, str]:
    names = _locale(locale_code).languages
    english = Locale("en").languages
    return {c: names.get(c) or english.get(c) or c for c in language_codes()}


def language_name(code: str, locale: str | None = None) -> str:
    return _language_names(locale or get_language() or "en").get(code, code)


def language_choices(locale: str | None = None) -> list[tuple[str, str]]:
    names = _language_names(locale or get_language() or "en")
    return sorted(names.items(), key=lambda item: item[1].casefold())


@cache
def country_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


def is_country(code: str) -> bool:
    return code in country_codes()


@cache
def _country_names(locale_code: str) -> dict[str, str]:
    names = _locale(locale_code).territories
    return {c: names.get(c) or pycountry.countries.get(alpha_2=c).name for c in country_codes()}


def country_name(code: str | None, locale: str | None = None) -> str:
    if not code:
        return ""
    return _country_names(locale or get_language() or "en").get(code, code)


def country_choices(locale: str | None = None) -> list[tuple[str, str]]:
    names = _country_names(locale or get_language() or "en")
    return sorted(names.items(), key=lambda item: item[1].casefold())


@cache
def time_zones() -> tuple[str, ...]:
    return tuple(sorted(tz for tz in available_timezones() if "/" in tz or tz == "UTC"))


def is_time_zone(name: str) -> bool:
    return name in time_zones()


def or_list(items: list[str], locale: str | None = None) -> str:
    """ "French, Spanish or Portuguese" as CLDR says it in the reader's language."""
    from babel.lists import format_list

    return format_list(items, style="or", locale=_locale(locale)) if items else ""
