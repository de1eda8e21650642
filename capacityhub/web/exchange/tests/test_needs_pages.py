"""The needs pages: list, my needs, detail, state, edit, change status."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import Need
from capacityhub.exchange.services.needs import need_close
from capacityhub.exchange.tests.factories_needs import MethodFactory, NeedFactory

pytestmark = pytest.mark.django_db

LIST = reverse("web:need-list")
CREATE = reverse("web:need-create")
MINE = reverse("web:my-needs")
TODAY = timezone.localdate()


def _detail(need):
    return reverse("web:need-detail", args=[need.pk])


def _edit(need):
    return reverse("web:need-edit", args=[need.pk])


def _status(need):
    return reverse("web:need-status", args=[need.pk])


def _form_data(**overrides):
    data = {
        "title": "Run an edit-a-thon",
        "capacities": ["grant-reporting"],
        "description": "In English or Hausa",
        "desired_level": "3",
        "languages": ["en", "ha"],
        "online": "on",
        "region": "ssa",
        "starts_on": "",
        "ends_on": "",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def _state(need):
    need.refresh_from_db()
    return (need.title, need.status, need.version)


# --- list --------------------------------------------------------------------------------------


def test_the_list_shows_visible_open_needs_with_their_capacities(client, owner, taxonomy):
    NeedFactory(requester=owner, title="Grant help", capacities=[taxonomy["grant-reporting"]])
    NeedFactory(requester=owner, title="Members only", visibility="members")
    NeedFactory(requester=owner, title="Done already", status="fulfilled")

    page = client.get(LIST).content.decode().partition('id="results-heading"')[2]

    assert "Grant help" in page
    assert "Grant reporting" in page
    assert "Members only" not in page
    assert "Done already" not in page


def test_the_list_filters_by_capacity_including_narrower_ones(client, owner, taxonomy):
    NeedFactory(requester=owner, title="Grant help", capacities=[taxonomy["grant-reporting"]])
    NeedFactory(requester=owner, title="Lua help", capacities=[taxonomy["lua-scripting"]])

    page = client.get(LIST, {"capacity": "fundraising"}).content.decode()
    exact = client.get(LIST, {"capacity": "fundraising", "exact": "on"}).content.decode()

    assert "Grant help" in page
    assert "Lua help" not in page
    assert "Grant help" not in exact


def test_bad_filters_are_ignored_rather_than_failing(client, owner, taxonomy):
    NeedFactory(requester=owner, title="Grant help")

    response = client.get(LIST, {"capacity": "astrology", "status": "nonsense", "page": "x"})

    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(
    client, owner, organization, taxonomy, count, django_assert_num_queries
):
    for i in range(count):
        NeedFactory(
            requester=owner,
            organization=organization if i % 2 else None,
            capacities=[taxonomy["grant-reporting"], taxonomy["lua-scripting"]],
        )
    client.get(LIST)  # warm the taxonomy caches

    # session-less: count, page, capacities, methods
    with django_assert_num_queries(4):
        assert client.get(LIST).status_code == 200


def test_my_needs_lists_mine_in_every_status_and_needs_sign_in(
    client, owner_client, owner, other, taxonomy
):
    NeedFactory(requester=owner, title="My private one", visibility="private")
    NeedFactory(requester=owner, title="My closed one", status="closed")
    NeedFactory(requester=other, title="Someone else's")

    page = owner_client.get(MINE).content.decode()

    assert "My private one" in page
    assert "My closed one" in page
    assert "Someone else" not in page
    assert client.get(MINE).status_code == 302


# --- detail ------------------------------------------------------------------------------------


def test_the_detail_shows_the_need_and_its_history(owner_client, owner, taxonomy):
    MethodFactory(code="mentoring", labels={"en": "Mentoring"})
    need = NeedFactory(requester=owner, title="Grant help", ends_on=TODAY + timedelta(days=9))
    need.methods.set([MethodFactory(code="mentoring")])
    need_close(actor=owner, need=need, note="Found a mentor")

    page = owner_client.get(_detail(need)).content.decode()

    assert "Grant help" in page
    assert "Mentoring" in page
    assert "Found a mentor" in page
    assert "Closed" in page


def test_a_private_need_is_a_404_for_others(other_client, client, owner, taxonomy):
    need = NeedFactory(requester=owner, visibility="private")

    assert other_client.get(_detail(need)).status_code == 404
    assert client.get(_detail(need)).status_code == 404
    assert client.get(reverse("web:need-detail", args=[999999])).status_code == 404


def test_only_those_who_may_edit_see_the_status_form(owner_client, other_client, owner, taxonomy):
    need = NeedFactory(requester=owner)

    assert 'name="status"' in owner_client.get(_detail(need)).content.decode()
    assert 'name="status"' not in other_client.get(_detail(need)).content.decode()


def test_the_detail_works_without_the_matching_and_connections_includes(client, owner, taxonomy):
    need = NeedFactory(requester=owner)

    response = client.get(_detail(need))

    assert response.status_code == 200
    assert response.context["connections_enabled"] in {True, False}


# --- create ------------------------------------------------------------------------------------


def test_a_member_states_a_need_from_the_form(owner_client, owner, taxonomy):
    response = owner_client.post(CREATE, _form_data())

    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(need)
    assert need.requester == owner
    assert need.languages == ["en", "ha"]
    assert [c.code for c in need.capacities.all()] == ["grant-reporting"]


def test_a_window_ending_before_it_starts_is_shown_on_the_field(owner_client, taxonomy):
    data = _form_data(starts_on=str(TODAY + timedelta(days=5)), ends_on=str(TODAY))

    response = owner_client.post(CREATE, data)

    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert not Need.objects.exists()


def test_unknown_capacities_are_refused_by_the_form(owner_client, taxonomy):
    response = owner_client.post(CREATE, _form_data(capacities=["astrology"]))

    assert response.status_code == 200
    assert "capacities" in response.context["form"].errors
    assert not Need.objects.exists()


def test_a_manager_may_state_a_need_for_their_organization(manager_client, organization, taxonomy):
    form = manager_client.get(CREATE).content.decode()
    assert "Wikimedians of Kano" in form

    manager_client.post(CREATE, _form_data(organization=organization.slug))

    assert Need.objects.get().organization == organization


@pytest.mark.parametrize("manages_another", [False, True])
def test_a_member_cannot_state_a_need_for_an_organization_they_do_not_manage(
    owner_client, owner, organization, taxonomy, manages_another
):
    if manages_another:
        theirs = OrganizationFactory(name="Their own group")
        Membership.objects.create(organization=theirs, user=owner, role="manager")

    response = owner_client.post(CREATE, _form_data(organization=organization.slug))

    assert response.status_code == 403
    assert not Need.objects.exists()


def test_an_unknown_organization_is_shown_on_the_form(owner_client, taxonomy):
    response = owner_client.post(CREATE, _form_data(organization="nowhere"))

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Need.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, taxonomy):
    assert client.get(CREATE).status_code == 302
    assert client.post(CREATE, _form_data()).status_code == 302
    assert not Need.objects.exists()


# --- edit and status ---------------------------------------------------------------------------


def test_the_requester_edits_the_need(owner_client, owner, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]])
    form = owner_client.get(_edit(need))
    assert form.status_code == 200

    response = owner_client.post(_edit(need), _form_data(title="Edited", version=need.version))

    assert response.status_code == 302
    assert _state(need) == ("Edited", "open", 2)


def test_a_stale_edit_is_refused_with_a_message(owner_client, owner, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]], version=3)

    response = owner_client.post(_edit(need), _form_data(title="Edited", version=2))

    assert response.status_code == 200
    assert "Someone else changed this" in response.content.decode()
    assert _state(need)[0] != "Edited"


@pytest.mark.parametrize("who", ["other_client", "manager_client"])
def test_someone_else_cannot_edit_or_close_the_need(owner, taxonomy, request, who):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]])
    client = request.getfixturevalue(who)
    before = _state(need)

    assert client.get(_edit(need)).status_code == 403
    assert client.post(_edit(need), _form_data(title="Hijacked", version=1)).status_code == 403
    assert client.post(_status(need), {"status": "closed"}).status_code == 403

    assert _state(need) == before


def test_the_requester_moves_the_need_along(owner_client, owner, taxonomy):
    need = NeedFactory(requester=owner)

    owner_client.post(_status(need), {"status": "in_progress", "note": "Meeting Tomás"})
    response = owner_client.post(_status(need), {"status": "fulfilled"}, follow=True)

    assert _state(need)[1] == "fulfilled"
    assert "Fulfilled" in response.content.decode()
    assert AuditEntry.objects.filter(action="need.status").count() == 2


def test_a_transition_outside_the_lifecycle_shows_a_message_and_changes_nothing(
    owner_client, owner, taxonomy
):
    need = NeedFactory(requester=owner)

    response = owner_client.post(_status(need), {"status": "fulfilled"}, follow=True)
    bogus = owner_client.post(_status(need), {"status": "expired"}, follow=True)

    assert "cannot become" in response.content.decode()
    assert bogus.status_code == 200
    assert _state(need)[1] == "open"


def test_status_changes_only_by_post(owner_client, owner, taxonomy):
    need = NeedFactory(requester=owner)

    assert owner_client.get(_status(need)).status_code == 405


def test_an_id_too_large_for_the_database_is_a_404(client, db):
    assert client.get(f"/needs/{2**64}/").status_code == 404
    assert client.get(f"/needs/{2**64}/edit/").status_code in {302, 404}
