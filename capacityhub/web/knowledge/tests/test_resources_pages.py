"""The knowledge base pages, as readers, authors and specialists use them."""

import pytest
from django.urls import reverse

from capacityhub.community.models import Profile, ProfileLanguage
from capacityhub.exchange.models import Need
from capacityhub.knowledge.models import Endorsement, Resource, ResourceReport, ResourceUse
from capacityhub.knowledge.tests.factories import (
    LearningPatternFactory,
    ResourceFactory,
    ResourceReportFactory,
    ResourceUseFactory,
)

pytestmark = pytest.mark.django_db


def detail(resource):
    return reverse("web:resource-detail", args=[resource.pk])


def test_the_list_shows_listed_resources_with_an_empty_state(client, taxonomy):
    assert "No resource matches" in client.get(reverse("web:resource-list")).content.decode()

    ResourceFactory(title="Edit-a-thon guide", capacities=[taxonomy["fundraising"]])
    ResourceFactory(title="Withdrawn guide", status=Resource.Status.WITHDRAWN)
    page = client.get(reverse("web:resource-list")).content.decode()

    assert "Edit-a-thon guide" in page and "Withdrawn guide" not in page


def test_the_list_filters_by_capacity_including_narrower_ones_and_by_kind(client, taxonomy):
    ResourceFactory(title="Writing grants", capacities=[taxonomy["grant-writing"]])
    ResourceFactory(title="Lua basics", capacities=[taxonomy["lua-scripting"]])
    LearningPatternFactory(title="Grant buddies", capacities=[taxonomy["grant-writing"]])

    page = client.get(reverse("web:resource-list"), {"capacity": "fundraising"}).content.decode()
    patterns = client.get(
        reverse("web:resource-list"), {"kind": "learning_pattern"}
    ).content.decode()

    assert "Writing grants" in page and "Grant buddies" in page and "Lua basics" not in page
    assert "Grant buddies" in patterns and "Writing grants" not in patterns


def test_relevance_puts_resources_in_the_readers_language_first(owner_client, owner, taxonomy):
    profile = Profile.objects.get(user=owner)
    ProfileLanguage.objects.create(profile=profile, language="ha", proficiency=0)
    ResourceFactory(title="Jagora a Hausa", language="ha")
    ResourceFactory(title="Guide in French", language="fr")

    page = owner_client.get(reverse("web:resource-list")).content.decode()

    assert page.index("Jagora a Hausa") < page.index("Guide in French")


@pytest.mark.parametrize("sort", ["relevance", "new", "rated"])
def test_the_list_runs_a_bounded_number_of_queries(
    owner_client, taxonomy, sort, django_assert_max_num_queries
):
    for n in range(25):
        resource = ResourceFactory(capacities=[taxonomy["lua-scripting"], taxonomy["fundraising"]])
        ResourceUseFactory(resource=resource)

    with django_assert_max_num_queries(16):
        response = owner_client.get(reverse("web:resource-list"), {"sort": sort})
    assert response.status_code == 200


def test_the_detail_shows_where_it_was_tested_and_the_family(client, taxonomy):
    original = ResourceFactory(title="Original guide", body="**Bold** <script>x</script>")
    ResourceFactory(
        title="Guide en français", language="fr", original=original, relation="translation"
    )
    ResourceUseFactory(resource=original, region="ssa", rating=4)

    page = client.get(detail(original)).content.decode()

    assert "Guide en français" in page
    assert "Sub-Saharan Africa" in page
    assert "<strong>Bold</strong>" in page and "<script>x" not in page


def test_the_detail_of_a_learning_pattern_shows_its_sections(client):
    pattern = LearningPatternFactory()

    page = client.get(detail(pattern)).content.decode()

    assert "Problem" in page and "Newcomers leave after their first edit." in page


def test_a_merged_resource_redirects_to_the_survivor(client):
    survivor = ResourceFactory()
    merged = ResourceFactory(status=Resource.Status.MERGED, merged_into=survivor)

    assert client.get(detail(merged)).url == detail(survivor)


def test_a_withdrawn_resource_is_hidden_from_others_but_not_its_creator(
    client, other_client, owner_client, owner
):
    resource = ResourceFactory(created_by=owner, status=Resource.Status.WITHDRAWN)

    assert client.get(detail(resource)).status_code == 404
    assert other_client.get(detail(resource)).status_code == 404
    assert owner_client.get(detail(resource)).status_code == 200


def test_an_outdated_resource_shows_a_banner(client):
    resource = ResourceFactory(status=Resource.Status.OUTDATED, outdated_note="Tool retired.")

    assert "Tool retired." in client.get(detail(resource)).content.decode()


def test_a_huge_or_unknown_id_is_a_404(client):
    assert client.get("/resources/99999999999999999999/").status_code == 404
    assert client.get("/resources/4242/").status_code == 404


def test_adding_a_resource_starts_with_its_kind_then_publishes(owner_client, taxonomy):
    chooser = owner_client.get(reverse("web:resource-create"))
    form = owner_client.get(reverse("web:resource-create"), {"kind": "video"})
    response = owner_client.post(
        reverse("web:resource-create"),
        {
            "kind": "video",
            "title": "Uploading to Commons",
            "summary": "A short video.",
            "language": "en",
            "url": "https://commons.wikimedia.org/wiki/File:Upload.webm",
            "duration_minutes": "12",
            "capacities": ["fundraising"],
            "audience": "newcomers",
            "level": "introductory",
            "licence": "CC-BY-SA-4.0",
        },
    )

    assert "Learning pattern" in chooser.content.decode()
    assert "Duration" in form.content.decode()
    resource = Resource.objects.get()
    assert response.url == detail(resource)
    assert resource.duration_minutes == 12


def test_adding_a_learning_pattern_without_a_problem_says_so(owner_client, taxonomy):
    response = owner_client.post(
        reverse("web:resource-create"),
        {
            "kind": "learning_pattern",
            "title": "Buddies",
            "summary": "Pair newcomers.",
            "language": "en",
            "capacities": ["fundraising"],
            "audience": "everyone",
            "level": "introductory",
            "licence": "CC-BY-SA-4.0",
            "solution": "Pair them.",
        },
    )

    assert response.status_code == 200
    assert "Describe the problem" in response.content.decode()
    assert not Resource.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("web:resource-create"))

    assert response.status_code == 302 and "login" in response.url


def test_only_editors_reach_the_edit_page(owner_client, other_client, owner, taxonomy):
    resource = ResourceFactory(created_by=owner, capacities=[taxonomy["fundraising"]])
    url = reverse("web:resource-edit", args=[resource.pk])

    assert other_client.get(url).status_code == 403
    assert owner_client.get(url).status_code == 200
    data = {
        "kind": "guide",
        "title": "Renamed",
        "summary": resource.summary,
        "language": "en",
        "body": "Text",
        "capacities": ["fundraising"],
        "audience": "everyone",
        "level": "introductory",
        "licence": "CC-BY-SA-4.0",
        "version": "1",
    }
    assert other_client.post(url, data).status_code == 403
    assert owner_client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Renamed"


def test_a_member_translates_a_resource(other_client, owner, taxonomy):
    original = ResourceFactory(created_by=owner, capacities=[taxonomy["fundraising"]])
    url = reverse("web:resource-derive", args=[original.pk])

    assert original.title in other_client.get(url, {"relation": "translation"}).content.decode()
    other_client.post(
        url,
        {
            "relation": "translation",
            "kind": "guide",
            "title": "Guía",
            "summary": "Una guía.",
            "language": "es",
            "body": "Texto",
            "capacities": ["fundraising"],
            "audience": "everyone",
            "level": "introductory",
            "licence": "CC-BY-SA-4.0",
        },
    )

    translation = Resource.objects.get(title="Guía")
    assert (translation.original, translation.relation) == (original, "translation")


def test_withdrawing_asks_for_confirmation(owner_client, other_client, owner):
    resource = ResourceFactory(created_by=owner)
    url = reverse("web:resource-withdraw", args=[resource.pk])

    assert "Are you sure?" in owner_client.get(url).content.decode()
    assert other_client.post(url).status_code == 403
    owner_client.post(url)
    resource.refresh_from_db()
    assert resource.status == "withdrawn"


def test_a_member_records_a_use_endorses_and_reports(owner_client):
    pattern = LearningPatternFactory()

    owner_client.post(
        reverse("web:resource-use", args=[pattern.pk]),
        {
            "used_on": "2026-01-10",
            "region": "lac",
            "language": "es",
            "organization_kind": "chapter",
            "audience_size": "30",
            "outcome": "worked_well",
            "rating": "5",
        },
    )
    owner_client.post(reverse("web:resource-endorse", args=[pattern.pk]), {"comment": "Yes"})
    owner_client.post(reverse("web:resource-report", args=[pattern.pk]), {"reason": "broken_link"})

    assert ResourceUse.objects.get().region == "lac"
    assert Endorsement.objects.filter(resource=pattern).exists()
    assert ResourceReport.objects.get().reason == "broken_link"


def test_a_bad_use_is_refused_with_a_message_and_nothing_saved(owner_client):
    resource = ResourceFactory()

    response = owner_client.post(
        reverse("web:resource-use", args=[resource.pk]), {"rating": "9"}, follow=True
    )

    assert response.status_code == 200
    assert not ResourceUse.objects.exists()


def test_anonymous_visitors_cannot_post_feedback(client):
    resource = ResourceFactory()

    for name in ("resource-use", "resource-endorse", "resource-report"):
        response = client.post(reverse(f"web:{name}", args=[resource.pk]), {})
        assert response.status_code == 302 and "login" in response.url
    assert not ResourceReport.objects.exists()


def test_asking_for_a_translation_opens_a_need(owner_client, taxonomy):
    resource = ResourceFactory(capacities=[taxonomy["fundraising"]])

    response = owner_client.post(
        reverse("web:resource-request-translation", args=[resource.pk]), {"language": "ha"}
    )

    need = Need.objects.get()
    assert response.url == reverse("web:need-detail", args=[need.pk])
    assert need.languages == ["ha"]


def test_the_curation_page_is_for_specialists_and_staff(
    client, owner_client, manager_client, specialist_client, staff_client
):
    ResourceReportFactory(details="Link is dead")
    url = reverse("web:resource-curation")

    assert client.get(url).status_code == 302
    assert owner_client.get(url).status_code == 403
    assert manager_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 200
    assert "Link is dead" in specialist_client.get(url).content.decode()


def test_specialists_feature_mark_outdated_merge_and_resolve(specialist_client, owner_client):
    resource, duplicate = ResourceFactory(), ResourceFactory()
    report = ResourceReportFactory(resource=resource)

    assert (
        owner_client.post(
            reverse("web:resource-feature", args=[resource.pk]), {"featured": "1"}
        ).status_code
        == 403
    )
    specialist_client.post(reverse("web:resource-feature", args=[resource.pk]), {"featured": "1"})
    specialist_client.post(
        reverse("web:resource-outdated", args=[resource.pk]), {"note": "Old screenshots"}
    )
    confirm = specialist_client.get(
        reverse("web:resource-merge", args=[duplicate.pk]), {"survivor": resource.pk}
    )
    specialist_client.post(
        reverse("web:resource-merge", args=[duplicate.pk]), {"survivor": resource.pk}
    )
    specialist_client.post(
        reverse("web:resource-report-resolve", args=[report.pk]), {"status": "resolved"}
    )

    resource.refresh_from_db()
    duplicate.refresh_from_db()
    report.refresh_from_db()
    assert "Are you sure?" in confirm.content.decode()
    assert resource.is_featured and resource.status == "outdated"
    assert duplicate.merged_into == resource
    assert report.status == "resolved"


def test_marking_outdated_without_a_note_says_why_and_changes_nothing(specialist_client):
    resource = ResourceFactory()

    response = specialist_client.post(
        reverse("web:resource-outdated", args=[resource.pk]), {"note": ""}, follow=True
    )

    assert "Say why it is outdated." in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == "published"


def test_the_home_page_shows_featured_resources_and_the_organization_its_own(client, organization):
    ResourceFactory(title="Star guide", is_featured=True)
    ResourceFactory(title="Chapter toolkit", organization=organization)

    assert "Star guide" in client.get("/").content.decode()
    page = client.get(reverse("web:organization-detail", args=[organization.slug]))
    assert "Chapter toolkit" in page.content.decode()


def test_the_detail_page_runs_a_bounded_number_of_queries(
    owner_client, taxonomy, django_assert_max_num_queries
):
    pattern = LearningPatternFactory(capacities=[taxonomy["fundraising"]])
    for language in ("fr", "es", "pt"):
        ResourceFactory(original=pattern, relation="translation", language=language)
    for _ in range(8):
        ResourceUseFactory(resource=pattern)

    with django_assert_max_num_queries(25):
        assert owner_client.get(detail(pattern)).status_code == 200


def test_an_anonymous_reader_sees_resources_in_the_interface_language_first(client):
    ResourceFactory(title="Guide en français", language="fr")
    ResourceFactory(title="Guide in English", language="en")  # newer: first on a tie

    page = client.get(reverse("web:resource-list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert page.index("Guide en français") < page.index("Guide in English")
