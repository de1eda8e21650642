"""Rendered reasons are memoised per language, never shared between languages."""

import pytest
from django.utils.translation import override

from capacityhub.presentation.matching import reasons

PARTS = [("online", {}), ("time_zone_overlap", {"hours": 2}), ("same_region", {})]


@pytest.mark.django_db
def test_reasons_follow_the_active_language_after_being_memoised():
    with override("en"):
        english = reasons(PARTS)
    with override("fr"):
        french = reasons(PARTS)
    with override("en"):
        again = reasons(PARTS)

    assert english == again == ["online", "2 hours apart", "same region"]
    assert french != english
