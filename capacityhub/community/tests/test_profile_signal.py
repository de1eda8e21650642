"""Every user has a profile: created after commit by a signal, never twice."""

from capacityhub.community.models import Profile, User


def test_a_new_user_gets_a_profile(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = User.objects.create_user("newcomer", "newcomer@example.org", "pass-word-1234")
    assert Profile.objects.get(user=user).display_name == "newcomer"


def test_saving_an_existing_user_creates_no_second_profile(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = User.objects.create_user("newcomer", first_name="Amina", last_name="Yusuf")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        user.save()
    assert callbacks == []
    assert Profile.objects.filter(user=user).count() == 1
    assert Profile.objects.get(user=user).display_name == "Amina Yusuf"
