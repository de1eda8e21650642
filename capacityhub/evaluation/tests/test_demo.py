import pytest

from capacityhub.community.tests.factories import UserFactory
from capacityhub.evaluation.demo import write_demo
from capacityhub.evaluation.models import Answer, LogicModel

from .factories import make_course

pytestmark = pytest.mark.django_db


def test_demo_writes_a_logic_model_with_results(owner):
    UserFactory(username="demo-staff", is_staff=True)
    make_course(owner)
    for i in range(40):
        UserFactory(username=f"demo{i}")
    assert "logic models" in write_demo(seed=1)
    model = LogicModel.objects.get()
    assert model.indicators.count() == 3 and Answer.objects.count() == 60
    write_demo(seed=1)
    assert LogicModel.objects.count() == 1
