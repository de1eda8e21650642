"""The matching index follows what matching reads, one provider at a time, in every process."""

import numpy as np
import pytest

from capacityhub.community.models import Profile, ProfileLanguage
from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.exchange.matching import MEMBERS, PRIVATE, PUBLIC, NeedSpec, ProviderIndex
from capacityhub.exchange.models import MatchingChange
from capacityhub.exchange.selectors import matching_index
from capacityhub.exchange.selectors.matching import matches_for_need
from capacityhub.exchange.selectors.matching_index import (
    index_version,
    matching_cache_clear,
    matching_versions,
    offer_rows,
    offers_to_index,
    provider_index,
)
from capacityhub.taxonomy.selectors import taxonomy_tree

from .factories_matching import availability, need, offer, organization_languages, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    matching_cache_clear()
    yield
    matching_cache_clear()


@pytest.fixture
def crowd(taxonomy):
    amina = person("amina", languages=(("fr", 0), ("en", 4)))
    offer(amina, taxonomy["grant-reporting"])
    offer(amina, taxonomy["lua-scripting"], level=2)
    bo = person("bo", languages=(("en", 5),), country="SE", location_visibility="members")
    offer(bo, taxonomy["grant-writing"], languages=["sv", "en"], region="ceecagc")
    chidi = person("chidi", languages=(("yo", 0),), languages_visibility="private")
    offer(chidi, taxonomy["fundraising"], online=False)
    availability(chidi, max_connections=3)
    ghana = OrganizationFactory(name="Wikimedia Ghana", region="ssa")
    organization_languages(ghana, "fr", "en")
    offer(ghana, taxonomy["grant-reporting"])
    return {"amina": amina, "bo": bo, "chidi": chidi, "ghana": ghana}


def every_ranking(index: ProviderIndex, taxonomy) -> list:
    needs = [
        NeedSpec(capacity_ids=(taxonomy[code].pk,), languages=languages, region=region)
        for code in ("fundraising", "grant-reporting", "technology")
        for languages, region in (((), ""), (("fr",), "ssa"), (("en", "sv"), "ceecagc"))
    ]
    return [index.rank(n, k=10, viewer_tier=t) for n in needs for t in (PUBLIC, MEMBERS, PRIVATE)]


def test_a_bio_edit_changes_no_version_and_rebuilds_nothing(crowd):
    provider_index()
    versions, seen = matching_versions(), index_version()
    profile = Profile.objects.get(user=crowd["amina"])

    profile.bio = "I write grant reports for a living."
    profile.display_name = "Amina A."
    profile.save()

    assert matching_versions() == versions
    assert provider_index() is not None and index_version() == seen


def test_offers_and_needs_have_versions_of_their_own(crowd, taxonomy, owner):
    versions = matching_versions()
    profile = Profile.objects.get(user=crowd["amina"])
    profile.country = "FR"
    profile.save()
    after_profile = matching_versions()
    assert after_profile["offers"] > versions["offers"]

    created = need(owner, [taxonomy["fundraising"]])
    after_need = matching_versions()
    assert after_need["needs"] > after_profile["needs"]
    assert after_need["offers"] == after_profile["offers"]

    created.title = "A better title"
    created.save()
    assert matching_versions() == after_need


def test_a_change_re_reads_only_its_provider_and_equals_a_build_from_scratch(crowd, taxonomy):
    provider_index()
    before = index_version()
    amina = Profile.objects.get(user=crowd["amina"])
    amina.location_visibility = "private"
    amina.save()
    ProfileLanguage.objects.filter(profile=amina, language="en").delete()
    offer(crowd["bo"], taxonomy["grant-reporting"], languages=["en"])
    availability(crowd["ghana"], max_connections=1)
    changes = MatchingChange.objects.filter(id__gt=before, scope="provider")
    assert len(set(changes.values_list("provider", flat=True))) == 3  # amina, bo, ghana

    incremental = every_ranking(provider_index(), taxonomy)
    matching_cache_clear()
    assert incremental == every_ranking(provider_index(), taxonomy)


def test_the_columns_from_raw_cursors_equal_the_rows_from_the_orm(crowd, taxonomy):
    rows = offer_rows(offers_to_index(), activity=True)
    from_orm = ProviderIndex(rows, taxonomy_tree())
    assert every_ranking(provider_index(), taxonomy) == every_ranking(from_orm, taxonomy)


def test_a_new_offer_is_matched_at_once_in_the_process_that_made_it(crowd, taxonomy, owner):
    wanted = need(owner, [taxonomy["lua-scripting"]], languages=[], region="")
    assert [m.name for m in matches_for_need(need=wanted, viewer=owner)] == ["Amina"]

    offer(crowd["chidi"], taxonomy["lua-scripting"], level=5)

    assert [m.name for m in matches_for_need(need=wanted, viewer=owner)] == ["Chidi", "Amina"]


def test_a_new_process_maps_the_shared_columns_instead_of_building(
    crowd, taxonomy, settings, tmp_path
):
    settings.MATCHING_INDEX_DIR = str(tmp_path)
    matching_index.matching_index_changed()  # a version to name the folder by
    built = every_ranking(provider_index(), taxonomy)
    assert len(list(tmp_path.glob("offers-*"))) == 1

    matching_cache_clear()  # as a new worker
    index = provider_index()

    assert isinstance(index.columns.offer_id, np.memmap)
    assert every_ranking(index, taxonomy) == built
    offer(crowd["bo"], taxonomy["lua-scripting"])  # copy on write: the folder stays as it was
    assert len(provider_index()) == len(index) and len(index) == 6


def test_staff_read_the_change_records_in_the_admin_and_cannot_change_them(crowd, staff):
    from django.contrib.auth.models import Permission
    from django.test import Client

    staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    listed = client.get("/admin/exchange/matchingchange/", secure=True)
    assert listed.status_code == 200
    record = MatchingChange.objects.first()
    assert (
        client.post(f"/admin/exchange/matchingchange/{record.pk}/delete/", secure=True).status_code
        == 403
    )
    assert MatchingChange.objects.filter(pk=record.pk).exists()
    assert Permission.objects.filter(codename="view_matchingchange").exists()
