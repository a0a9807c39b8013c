"""consolidation.review_overlaps, cell by cell (see the table in apps/consolidation/rules.py)."""

import pytest

from apps.consolidation.models import OverlapPair


@pytest.fixture
def pair(oslo, toyen, hagegata):
    return OverlapPair.objects.create(hub=oslo, first=toyen, second=hagegata, score=0.7, reasons={})


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("stella", True),
        ("nora", True),
        ("bob", False),
        ("mia", False),
        ("petra", False),
        ("vic", False),
        ("sven", False),
        ("olga", False),  # in the team of one of the two
    ],
)
def test_review_overlaps(request, oslo, pair, person, allowed):
    user = request.getfixturevalue(person)
    assert user.has_perm("consolidation.review_overlaps", oslo) is allowed
    assert user.has_perm("consolidation.review_overlaps", pair) is allowed


def test_anonymous_may_not_review(oslo, pair):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("consolidation.review_overlaps", oslo)
