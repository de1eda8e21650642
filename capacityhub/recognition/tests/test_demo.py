"""The demo content: barnstars, badges and valid signed credentials (one revoked)."""

from capacityhub.recognition.credentials.verify import verify
from capacityhub.recognition.demo import write_demo
from capacityhub.recognition.models import Achievement, Award, Barnstar


def test_demo_writes_barnstars_badges_and_credentials(owner, other, manager, staff):
    summary = write_demo(seed=7)

    assert "Recognition" in summary
    assert Barnstar.objects.exists() and Achievement.objects.count() == 3
    statuses = sorted(verify(a.credential).status for a in Award.objects.all())
    assert statuses.count("revoked") == 1 and "valid" in statuses
