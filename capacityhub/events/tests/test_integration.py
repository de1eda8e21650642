"""Sessions and events elsewhere in the hub: search, suggestions for a need, the home page,
a person's page and an organization's page; .ics and time-zone helpers."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from capacityhub.events.ics import Entry, build_calendar
from capacityhub.events.suggestions import event_suggestions, score
from capacityhub.events.timezones import local_times, reader_zone
from capacityhub.exchange.suggestions import need_context
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.search.indexing import reindex_all
from capacityhub.search.selectors import search

from .factories import EventFactory, PastEventFactory, registered

# Pure helpers ---------------------------------------------------------------------------------


def test_the_readers_zone_wins_over_the_events_and_bad_zones_fall_back():
    assert reader_zone("Asia/Tokyo", "UTC") == "Asia/Tokyo"
    assert reader_zone("", "Africa/Lagos") == "Africa/Lagos"
    assert reader_zone("Nowhere/Atlantis", "Nowhere/Else") == "UTC"


def test_local_times_convert_both_ends():
    starts = datetime(2031, 1, 1, 23, 30, tzinfo=UTC)

    times = local_times(starts, starts + timedelta(hours=1), "Asia/Tokyo")

    assert times.starts.hour == 8 and times.same_day


def test_an_ics_file_holds_one_event_per_entry_with_a_stable_uid():
    starts = datetime(2031, 1, 1, 10, tzinfo=UTC)
    entry = Entry("event-1@hub", "Lua clinic", starts, starts + timedelta(hours=1), "https://x/1")

    body = build_calendar([entry, entry], name="Hub").decode()

    assert body.count("BEGIN:VEVENT") == 2
    assert "UID:event-1@hub" in body and "DTSTART:20310101T100000Z" in body


def test_a_closer_event_scores_higher_at_equal_fit_and_fit_counts_most():
    assert score(exact=True, days_away=1) > score(exact=True, days_away=30)
    assert score(exact=True, days_away=60) > score(exact=False, days_away=1)


# With the database ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_sessions_and_events_are_found_in_search_with_facets(
    owner, organization, taxonomy, anonymous
):
    EventFactory(
        title="Lua clinic online", languages=["fr"], capacities=[taxonomy["lua-scripting"]]
    )
    EventFactory(
        kind="conference",
        title="Lua regional conference",
        organization=organization,
        online=False,
        place="Kano",
        region="ssa",
        languages=["ha"],
    )
    reindex_all()

    found = search(viewer=anonymous, query="Lua")
    in_region = search(viewer=anonymous, query="Lua", filters={"region": ["ssa"]})

    assert {r.kind for r in found.results} >= {"session", "event"}
    assert [r.title for r in in_region.results] == ["Lua regional conference"]


@pytest.mark.django_db
def test_a_need_is_suggested_upcoming_sessions_on_its_capacities_in_a_language_it_reads(
    owner, other, taxonomy
):
    need = NeedFactory(requester=owner, capacities=[taxonomy["fundraising"]], languages=["fr"])
    narrower = EventFactory(
        title="Grant writing", languages=["fr"], capacities=[taxonomy["grant-writing"]]
    )
    EventFactory(title="In German", languages=["de"], capacities=[taxonomy["fundraising"]])
    EventFactory(title="Off topic", languages=["fr"], capacities=[taxonomy["lua-scripting"]])
    PastEventFactory(title="Over", languages=["fr"], capacities=[taxonomy["fundraising"]])

    found = event_suggestions(need_context(need, other), 10)

    assert [s.object_id for s in found] == [narrower.pk]
    assert found[0].url == reverse("web:session-detail", args=[narrower.pk])


@pytest.mark.django_db
def test_the_home_page_shows_a_few_upcoming_items_in_bounded_queries(
    client, django_assert_max_num_queries
):
    for n in range(8):
        EventFactory(title=f"Soon {n}")

    with django_assert_max_num_queries(25):
        body = client.get(reverse("web:home")).content.decode()

    assert "Soon 0" in body and "Soon 7" not in body


@pytest.mark.django_db
def test_a_persons_page_shows_what_they_attended_unless_their_capacities_are_hidden(
    owner, other, client, other_client
):
    session = PastEventFactory(title="Attended clinic")
    registered(session, owner).__class__.objects.update(attended=True)
    url = reverse("web:profile-detail", args=["owner"])

    assert "Attended clinic" in other_client.get(url).content.decode()
    owner.profile.__class__.objects.filter(pk=owner.profile.pk).update(
        capacities_visibility="private"
    )
    assert "Attended clinic" not in other_client.get(url).content.decode()


@pytest.mark.django_db
def test_an_organizations_page_shows_the_events_it_organized(client, organization):
    EventFactory(kind="workshop", organization=organization, title="Kano workshop")

    body = client.get(reverse("web:organization-detail", args=[organization.slug])).content

    assert b"Kano workshop" in body
