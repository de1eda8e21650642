"""Suggestions for a need: what the registered providers propose, on the need's pages and API."""

import pytest

from capacityhub.community.models import ProfileLanguage
from capacityhub.exchange import suggestions
from capacityhub.exchange.suggestions import Suggestion, need_context, suggestions_for_need

from .factories_needs import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    """A provider that proposes one guide per capacity the need asks for (descendants too)
    and remembers the context it was called with."""
    seen = []

    def propose(context, limit):
        seen.append(context)
        return [
            Suggestion(
                kind="resource",
                kind_label="Resource",
                object_id=capacity_id,
                title=f"Guide {capacity_id}",
                url=f"/resources/{capacity_id}/",
                score=1 / capacity_id,
                reasons=["In English"],
            )
            for capacity_id in sorted(context.related_ids)
        ][:limit]

    suggestions.register(propose)
    yield seen
    suggestions.PROVIDERS.remove(propose)


def test_the_context_has_the_capacities_with_their_descendants(owner, other, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["fundraising"]])

    context = need_context(need, other)

    assert context.capacity_ids == {taxonomy["fundraising"].pk}
    assert context.related_ids == {
        taxonomy[code].pk for code in ["fundraising", "grant-writing", "grant-reporting"]
    }


def test_the_requesters_languages_count_only_where_the_viewer_may_see_them(owner, other, client):
    # given: the requester reads Hausa, but shows their languages to members only
    need = NeedFactory(requester=owner, languages=["en"])
    ProfileLanguage.objects.create(profile=owner.profile, language="ha", proficiency=0)
    owner.profile.__class__.objects.filter(pk=owner.profile.pk).update(
        languages_visibility="members"
    )

    # then: a member's suggestions consider Hausa, an anonymous reader's do not
    assert need_context(need, other).languages == ("en", "ha")
    assert need_context(need, client.get("/").wsgi_request.user).languages == ("en",)


def test_suggestions_are_best_first_and_limited(provider, owner, other, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["fundraising"]])

    found = suggestions_for_need(need=need, viewer=other, limit=2)

    assert [s.object_id for s in found] == sorted(s.object_id for s in found)
    assert len(found) == 2


def test_without_providers_there_are_no_suggestions_and_no_queries(
    owner, other, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(suggestions, "PROVIDERS", [])
    need = NeedFactory(requester=owner)
    with django_assert_num_queries(0):
        assert suggestions_for_need(need=need, viewer=other) == []


def test_the_need_page_and_matches_page_show_the_suggestions(provider, owner, client, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-writing"]])

    for path in [f"/needs/{need.pk}/", f"/needs/{need.pk}/matches/"]:
        page = client.get(path).content.decode()
        assert "Resources, courses and events that could help" in page
        assert f'href="/resources/{taxonomy["grant-writing"].pk}/"' in page


def test_the_api_lists_the_suggestions_of_a_visible_need_only(provider, owner, client, taxonomy):
    public = NeedFactory(requester=owner, capacities=[taxonomy["grant-writing"]])
    private = NeedFactory(requester=owner, visibility="private")

    response = client.get(f"/api/v1/needs/{public.pk}/suggestions")
    hidden = client.get(f"/api/v1/needs/{private.pk}/suggestions")

    assert response.status_code == 200
    [suggestion] = response.json()
    assert suggestion["kind"] == "resource"
    assert suggestion["url"].endswith(f"/resources/{taxonomy['grant-writing'].pk}/")
    assert suggestion["reasons"] == ["In English"]
    assert hidden.status_code == 404
