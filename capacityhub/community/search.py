"""People and organizations in search: kinds "profile" (one document per audience, each with
only the fields that audience may see) and "organization", with language and region facets.
Registered from CommunityConfig.ready(), as every app registers its own kinds."""

from django.utils.translation import gettext_lazy as _

from capacityhub.core.models import Visibility
from capacityhub.core.regions import region_of
from capacityhub.search.indexing import document
from capacityhub.search.models import SearchDocument
from capacityhub.search.registry import SearchKind, register

from .models import Organization, OrganizationLanguage, Profile, ProfileLanguage, User

Level = SearchDocument.Level


def profile_documents(profile: Profile) -> list[SearchDocument]:
    """One document per audience, each with only the fields that audience may see."""
    if not profile.user.is_active:
        return []
    fields = [
        (profile.wikimedia_username, profile.wikimedia_username_visibility),
        (profile.bio, profile.bio_visibility),
    ]
    audiences = {
        Level.PUBLIC: {Visibility.PUBLIC},
        Level.MEMBERS: {Visibility.PUBLIC, Visibility.MEMBERS},
        Level.PRIVATE: {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE},
    }
    documents = []
    for audience, shown in audiences.items():
        doc = document(
            "profile",
            profile.pk,
            profile.display_name,
            [profile.user.username, *(text for text, level in fields if level in shown)],
            visibility=audience,
            owner_id=profile.user_id,
        )
        doc.facets = profile_facets(profile, shown)
        documents.append(doc)
    return documents


def profile_facets(profile: Profile, shown: set[str]) -> list[tuple[str, str]]:
    """Region and languages, each only in the documents of audiences allowed to see them: a
    facet is as visible as the document that carries it."""
    facets = []
    region = region_of(profile.country)
    if region and profile.location_visibility in shown:
        facets.append(("region", region))
    if profile.languages_visibility in shown:
        facets += [("language", entry.language) for entry in profile.languages.all()]
    return facets


def locate_profiles(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    # A deactivated account may still be indexed (no signal on users); never show it.
    profiles = Profile.objects.filter(pk__in=ids, user__is_active=True)
    return {
        pk: (name, User(username=username).get_absolute_url())
        for pk, name, username in profiles.values_list("pk", "display_name", "user__username")
    }


def organization_documents(organization: Organization) -> list[SearchDocument]:
    names = [name for name in organization.names.values() if isinstance(name, str)]
    parts = [organization.slug.replace("-", " "), *names, organization.description]
    doc = document("organization", organization.pk, organization.name, parts)
    doc.facets = [("language", entry.language) for entry in organization.languages.all()]
    if organization.region:
        doc.facets.append(("region", organization.region))
    return [doc]


def locate_organizations(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    return {
        o.pk: (o.localized_name(language), o.get_absolute_url())
        for o in Organization.objects.filter(pk__in=ids)
    }


def register_community_kinds() -> None:
    register(
        SearchKind(
            name="profile",
            label=_("People"),
            load=lambda ids: (
                Profile.objects.filter(pk__in=ids)
                .select_related("user")
                .prefetch_related("languages")
            ),
            documents=profile_documents,
            locate=locate_profiles,
            # Users themselves are not watched (every sign-in saves one): deleting an account
            # deletes its profile, and a deactivated account's profile is left out by locate.
            watch=((Profile, "pk"), (ProfileLanguage, "profile_id")),
        )
    )
    register(
        SearchKind(
            name="organization",
            label=_("Organizations"),
            load=lambda ids: Organization.objects.filter(pk__in=ids).prefetch_related("languages"),
            documents=organization_documents,
            locate=locate_organizations,
            watch=((Organization, "pk"), (OrganizationLanguage, "organization_id")),
        )
    )
