import pytest
from django.test import Client

from capacityhub.core.languages import country_name, language_choices, language_name
from capacityhub.core.regions import REGIONS, countries_in, country_regions, region_of

pytestmark = pytest.mark.django_db


def test_every_country_maps_to_exactly_one_of_the_eight_regions():
    import pycountry

    mapping = country_regions()
    assert {c.alpha_2 for c in pycountry.countries} == set(mapping)
    assert set(mapping.values()) == set(REGIONS)


def test_regions_follow_the_wikimedia_funding_regions():
    assert region_of("NG") == "ssa"
    assert region_of("br") == "lac"
    assert region_of("IN") == "sa"
    assert region_of("EG") == "mena"
    assert region_of("XX") is None
    assert "NG" in countries_in("ssa")


def test_language_and_country_names_come_from_cldr_in_the_readers_language():
    assert language_name("ha", "en") == "Hausa"
    assert language_name("de", "fr") == "allemand"
    assert country_name("NG", "ar") == "نيجيريا"
    assert ("ha", "Hausa") in language_choices("en")


def test_the_saved_language_wins_over_cookie_and_browser(owner):
    owner.preferred_language = "pt"
    owner.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.cookies["capacityhub_language"] = "es"
    client.force_login(owner)
    assert client.get("/").headers["Content-Language"] == "pt"


def test_the_cookie_wins_over_the_browser_language():
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.cookies["capacityhub_language"] = "es"
    assert client.get("/").headers["Content-Language"] == "es"


def test_arabic_pages_are_right_to_left():
    response = Client(HTTP_ACCEPT_LANGUAGE="ar").get("/")
    assert b'dir="rtl"' in response.content


def test_pages_carry_a_content_security_policy():
    response = Client().get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Capacidades"), ("fr", "Capacités"), ("pt", "Capacidades"), ("ar", "القدرات")],
)
def test_pages_are_translated_into_every_shipped_language(language, text):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/")
    assert text in response.content.decode()


def test_every_shipped_catalogue_is_complete():
    from pathlib import Path

    from babel.messages.pofile import read_po
    from django.conf import settings

    for code, _name in settings.LANGUAGES[1:]:
        path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        missing = [
            m.id
            for m in catalog
            if m.id
            and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
        ]
        assert missing == [], f"{code}: untranslated {missing[:5]}"
