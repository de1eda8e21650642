import pytest
from django.core.management import call_command
from django.db import transaction

from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.search.indexing import flush
from capacityhub.search.models import SearchDocument
from capacityhub.search.selectors import search

pytestmark = pytest.mark.django_db


def titles(viewer, query) -> list[str]:
    return [r.title for r in search(viewer=viewer, query=query).results]


# Each test makes its people inside the capture: marks made before it are flushed by a
# callback registered before it, which the capture does not run.


def test_saving_a_profile_updates_the_index_on_commit(
    db, anonymous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile = UserFactory(username="quinn").profile
        profile.bio = "Loves quokkas."
        profile.save()

    assert titles(anonymous, "quokkas") == [profile.display_name]


def test_deleting_a_need_removes_it_from_the_index(
    db, anonymous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(title="Transcribe the axolotl letters")
    assert titles(anonymous, "axolotl") == ["Transcribe the axolotl letters"]

    with django_capture_on_commit_callbacks(execute=True):
        need.delete()

    assert titles(anonymous, "axolotl") == []


def test_a_deactivated_member_is_no_longer_found(db, anonymous, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = UserFactory(username="ngozi")
    assert titles(anonymous, "ngozi") == ["Ngozi"]

    member.is_active = False
    member.save()

    assert titles(anonymous, "ngozi") == []


def test_many_changes_in_one_transaction_are_indexed_together(
    db, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for n in range(20):
            UserFactory(username=f"pangolin-{n}")

    flushes = [callback for callback in callbacks if callback is flush]
    assert len(flushes) == 1
    with django_assert_max_num_queries(8):
        flushes[0]()
    assert SearchDocument.objects.filter(kind="profile").count() == 60  # three audiences each


def test_the_reindex_command_rebuilds_everything(indexed, capsys):
    SearchDocument.objects.all().delete()

    call_command("search_reindex")

    assert "search documents indexed" in capsys.readouterr().out
    assert SearchDocument.objects.filter(kind="capacity").count() == 2


def test_a_rolled_back_savepoint_does_not_lose_the_marks_made_before_it(
    db, anonymous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        UserFactory(username="okapi")
        try:
            with transaction.atomic():
                UserFactory(username="ibis")
                raise RuntimeError
        except RuntimeError:
            pass
        NeedFactory(title="Okapi photos")

    assert sorted(titles(anonymous, "okapi")) == ["Okapi", "Okapi photos"]
    assert titles(anonymous, "ibis") == []
