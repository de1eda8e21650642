"""The first visit: two actions on home, what the hub holds near the reader, the checklist."""

import pytest
from django.utils import translation

from capacityhub.community.models import CapacityClaim, ProfileLanguage, Relation
from capacityhub.exchange.models import Need
from capacityhub.exchange.selectors.first_visit import first_steps, nearby, reader_place

pytestmark = pytest.mark.django_db


def a_need(user, title, languages=(), region="", visibility="public"):
    return Need.objects.create(
        requester=user,
        title=title,
        languages=list(languages),
        region=region,
        visibility=visibility,
    )


def test_home_leads_with_ask_for_help_and_offer_help(client):
    html = client.get("/").content.decode()

    assert 'href="/needs/new/"' in html and "Ask for help" in html
    assert 'href="/offers/new/"' in html and "Offer help" in html


def test_a_new_member_sees_the_checklist_with_nothing_done(owner, owner_client):
    checklist = first_steps(user=owner)

    assert checklist.done_count == 0
    assert checklist.next_step == "languages"
    html = owner_client.get("/").content.decode()
    assert "Your first steps" in html
    assert "0 of 4 done." in html


def test_the_checklist_follows_what_the_member_did(owner, taxonomy):
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    CapacityClaim.objects.create(
        profile=owner.profile, capacity=taxonomy["fundraising"], relation=Relation.WANTS, level=1
    )

    checklist = first_steps(user=owner)

    assert checklist.done == {
        "languages": True,
        "capacities": True,
        "need_or_offer": False,
        "people": False,
    }
    assert checklist.next_step == "need_or_offer"

    a_need(owner, "Learn grant writing")
    assert first_steps(user=owner).next_step == "people"


def test_the_checklist_takes_one_query(owner, django_assert_num_queries):
    with django_assert_num_queries(1):
        first_steps(user=owner)


def test_anonymous_visitors_get_no_checklist(client):
    from django.contrib.auth.models import AnonymousUser

    assert first_steps(user=AnonymousUser()) is None
    assert "Your first steps" not in client.get("/").content.decode()


def test_the_checklist_shows_on_your_own_profile_until_it_is_done(owner, owner_client, other):
    assert "Your first steps" in owner_client.get("/people/owner/").content.decode()
    assert "Your first steps" not in owner_client.get("/people/other/").content.decode()


def test_near_you_means_the_readers_languages_and_region(owner, other):
    owner.profile.country = "NG"
    owner.profile.save()
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    in_hausa = a_need(other, "Hausa wiki training", languages=["ha"])
    in_region = a_need(other, "Nigerian photo walk", region="ssa")
    a_need(other, "Unrelated", languages=["fi"], region="eur")

    languages, region = reader_place(user=owner, fallback_language="en")
    shown = nearby(viewer=owner, languages=languages, region=region)

    assert (languages, region) == (["ha"], "ssa")
    assert {need.pk for need in shown.needs} == {in_hausa.pk, in_region.pk}
    assert shown.need_count == 2


def test_an_anonymous_reader_sees_needs_in_the_page_language(client, other):
    a_need(other, "Formation en français", languages=["fr"])
    a_need(other, "English training", languages=["en"])

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Formation en français" in html
    assert "English training" not in html


def test_near_you_never_shows_a_need_the_reader_may_not_see(client, other):
    a_need(other, "Secret plan", languages=["en"], visibility="private")

    assert "Secret plan" not in client.get("/").content.decode()


def test_an_empty_neighbourhood_says_what_to_do_next(client):
    html = client.get("/").content.decode()

    assert "No open needs here yet" in html
    assert "No offers here yet" in html


def test_home_in_arabic_lists_languages_the_arabic_way(owner, owner_client):
    owner.preferred_language = "ar"
    owner.save()
    for code in ("ha", "yo"):
        ProfileLanguage.objects.create(profile=owner.profile, language=code, proficiency=0)

    html = owner_client.get("/").content.decode()

    with translation.override("ar"):
        assert " و" in html.split('id="nearby-heading"')[1].split("</p>")[0]


def test_home_runs_a_bounded_number_of_queries(owner, owner_client, other, taxonomy):
    for n in range(5):
        a_need(other, f"Need {n}", languages=["en"])
    ProfileLanguage.objects.create(profile=owner.profile, language="en", proficiency=0)

    owner_client.get("/")  # warm the capacity label cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        owner_client.get("/")
    for n in range(5, 25):
        a_need(other, f"Need {n}", languages=["en"])
    with CaptureQueriesContext(connection) as more:
        owner_client.get("/")

    assert len(more) == len(queries)
