"""Editing a cohort run after it was scheduled: dates, title and facilitators, by the course's
authors and staff, with the same date rule as scheduling and optimistic locking."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from capacityhub.learning.services.cohorts import cohort_mark_done, cohort_update

from .factories import author_user, cohort_of, course_with_lessons

pytestmark = pytest.mark.django_db
API = "/api/v1"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def cohort(author, owner, taxonomy):
    course, *_ = course_with_lessons(authors=[author], capacities=[taxonomy["grant-writing"]])
    return cohort_of(course, facilitators=[owner])


def _form(cohort, **changes) -> dict:
    data = {
        "title": cohort.title,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "facilitators": "",
        "version": cohort.version,
    }
    return {**data, **changes}


# Services --------------------------------------------------------------------------------------


def test_an_author_moves_the_dates_and_changes_the_facilitators(author, other, cohort):
    cohort_update(
        actor=author,
        cohort=cohort,
        expected_version=1,
        starts_on=cohort.starts_on + DAY,
        ends_on=cohort.ends_on + 7 * DAY,
        facilitators=[other.username],
    )

    cohort.refresh_from_db()
    assert cohort.version == 2
    assert list(cohort.facilitators.all()) == [other]


def test_a_run_cannot_be_moved_to_end_before_it_starts(author, cohort):
    before = (cohort.starts_on, cohort.ends_on)

    # when only the end is moved before the kept start
    with pytest.raises(ValidationError) as error:
        cohort_update(actor=author, cohort=cohort, ends_on=cohort.starts_on - DAY)

    assert "ends_on" in error.value.message_dict
    cohort.refresh_from_db()
    assert (cohort.starts_on, cohort.ends_on) == before and cohort.version == 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(author, cohort):
    cohort_update(actor=author, cohort=cohort, expected_version=1, title="First edit")

    with pytest.raises(ValidationError) as error:
        cohort_update(actor=author, cohort=cohort, expected_version=1, title="Second edit")

    assert "version" in error.value.message_dict
    cohort.refresh_from_db()
    assert cohort.title == "First edit"


def test_unknown_facilitators_are_refused_by_name(author, cohort):
    with pytest.raises(ValidationError) as error:
        cohort_update(actor=author, cohort=cohort, facilitators=["nobody-here"])

    assert "nobody-here" in error.value.message_dict["facilitators"][0]


def test_a_run_marked_done_no_longer_changes(author, cohort):
    cohort_mark_done(actor=author, cohort=cohort)

    with pytest.raises(ValidationError) as error:
        cohort_update(actor=author, cohort=cohort, title="Too late")

    assert "is_done" in error.value.message_dict


@pytest.mark.parametrize("who", ["owner", "other", "manager"])
def test_people_who_are_not_its_authors_cannot_edit_a_run(request, cohort, who):
    # given a member, even the run's facilitator (owner), who is not among the course's authors
    person = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        cohort_update(actor=person, cohort=cohort, title="Mine now")


def test_another_course_author_cannot_edit_a_run(cohort):
    with pytest.raises(PermissionDenied):
        cohort_update(actor=author_user("someone-else"), cohort=cohort, title="Mine now")


def test_staff_edit_any_run(staff, cohort):
    cohort_update(actor=staff, cohort=cohort, title="Fixed by staff")

    cohort.refresh_from_db()
    assert cohort.title == "Fixed by staff"


# Pages -----------------------------------------------------------------------------------------


def test_the_course_page_links_to_editing_each_open_run(author_client, cohort):
    response = author_client.get(reverse("web:course-detail", args=[cohort.course.slug]))

    assert reverse("web:cohort-edit", args=[cohort.course.slug, cohort.pk]) in (
        response.content.decode()
    )


def test_the_author_edits_a_run_on_its_page(author_client, other, cohort):
    url = reverse("web:cohort-edit", args=[cohort.course.slug, cohort.pk])
    assert author_client.get(url).status_code == 200

    response = author_client.post(
        url, _form(cohort, title="Autumn", facilitators=other.username), follow=True
    )

    assert "The cohort run was saved." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.title == "Autumn" and list(cohort.facilitators.all()) == [other]


def test_the_page_refuses_a_backwards_run_with_a_422_naming_the_date(author_client, cohort):
    url = reverse("web:cohort-edit", args=[cohort.course.slug, cohort.pk])

    response = author_client.post(url, _form(cohort, ends_on=cohort.starts_on - DAY))

    assert response.status_code == 422
    assert "cannot end before it starts" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.version == 1


def test_the_page_tells_about_a_concurrent_edit(author_client, author, cohort):
    url = reverse("web:cohort-edit", args=[cohort.course.slug, cohort.pk])
    cohort_update(actor=author, cohort=cohort, title="Meanwhile")

    response = author_client.post(url, _form(cohort, title="Mine", version=1))

    assert response.status_code == 422
    assert "Someone else changed this" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("client", 302), ("owner_client", 403), ("other_client", 403), ("staff_client", 200)],
)
def test_only_authors_and_staff_open_the_edit_page(request, cohort, who, status):
    client = request.getfixturevalue(who)

    response = client.get(reverse("web:cohort-edit", args=[cohort.course.slug, cohort.pk]))

    assert response.status_code == status


# API -------------------------------------------------------------------------------------------


def test_the_api_edits_a_run_and_returns_its_new_version(author_client, cohort):
    response = author_client.patch(
        f"{API}/cohorts/{cohort.pk}",
        {"version": 1, "ends_on": str(cohort.ends_on + DAY)},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["ends_on"] == str(cohort.ends_on + DAY)


def test_the_api_refuses_a_backwards_run_naming_the_field(author_client, cohort):
    response = author_client.patch(
        f"{API}/cohorts/{cohort.pk}",
        {"version": 1, "ends_on": str(cohort.starts_on - DAY)},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "ends_on" in str(response.json())


def test_the_api_answers_a_stale_version_with_409(author_client, author, cohort):
    cohort_update(actor=author, cohort=cohort, title="Meanwhile")

    response = author_client.patch(
        f"{API}/cohorts/{cohort.pk}",
        {"version": 1, "title": "Mine"},
        content_type="application/json",
    )

    assert response.status_code == 409


@pytest.mark.parametrize(("who", "status"), [("other_client", 403), ("client", 401)])
def test_the_api_refuses_edits_by_others(request, cohort, who, status):
    client = request.getfixturevalue(who)

    response = client.patch(
        f"{API}/cohorts/{cohort.pk}",
        {"title": "Mine", "version": 1},
        content_type="application/json",
    )

    assert response.status_code == status
    cohort.refresh_from_db()
    assert cohort.title != "Mine"
