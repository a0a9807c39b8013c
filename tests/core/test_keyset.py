"""Keyset pagination (apps.core.keyset): every row once, in order, both ways; cursors are signed
and belong to one list and one order."""

import pytest
from django.core import signing

from apps.core.keyset import BadCursor, keyset_page, make_cursor, ordering_of
from apps.hubs.models import Membership
from tests.factories import HubFactory, MembershipFactory, UserFactory


@pytest.fixture
def members(db):
    hub = HubFactory()
    # Equal names: the order falls back to e-mail, then the pk, and no row is lost between pages.
    for i in range(11):
        MembershipFactory(hub=hub, user=UserFactory(name="Same" if i % 3 else f"Name {i:02}"))
    return Membership.objects.filter(hub=hub).order_by("user__name", "user__email")


def walk(queryset, limit, scope="list"):
    seen, cursor, pages = [], None, 0
    while True:
        page = keyset_page(queryset, cursor=cursor, limit=limit, scope=scope)
        seen.extend(page.object_list)
        pages += 1
        if not page.has_next:
            return seen, pages, page
        cursor = page.next_cursor


def test_walking_forward_shows_every_row_once_in_order(members):
    seen, pages, _last = walk(members, limit=4)

    assert [m.pk for m in seen] == list(
        members.order_by("user__name", "user__email", "pk").values_list("pk", flat=True)
    )
    assert pages == 3


def test_walking_back_from_the_last_page_gives_the_pages_before(members):
    _seen, _pages, last = walk(members, limit=4)
    before = keyset_page(members, cursor=last.previous_cursor, limit=4, scope="list")
    first = keyset_page(members, cursor=before.previous_cursor, limit=4, scope="list")

    expected = list(members.order_by("user__name", "user__email", "pk"))
    assert before.object_list == expected[4:8]
    assert first.object_list == expected[:4]
    assert not first.has_previous and first.has_next


def test_the_order_ends_with_the_primary_key():
    assert ordering_of(Membership.objects.order_by("-applied_at")) == ["-applied_at", "-pk"]
    assert ordering_of(Membership.objects.order_by("user__name", "pk")) == ["user__name", "pk"]


def test_a_changed_cursor_is_refused(members):
    page = keyset_page(members, cursor=None, limit=4, scope="list")
    value, _sep, signature = page.next_cursor.rpartition(":")
    tampered = f"{value}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"

    for bad in [tampered, "nonsense", "", page.next_cursor[:-3], "x" * 3000]:
        with pytest.raises(BadCursor):
            keyset_page(members, cursor=bad or "-", limit=4, scope="list")


def test_a_cursor_of_another_list_or_order_is_refused(members):
    page = keyset_page(members, cursor=None, limit=4, scope="list")

    with pytest.raises(BadCursor):
        keyset_page(members, cursor=page.next_cursor, limit=4, scope="another-list")
    with pytest.raises(BadCursor):
        keyset_page(members.order_by("-applied_at"), cursor=page.next_cursor, limit=4, scope="list")


def test_a_signed_cursor_with_values_of_the_wrong_kind_is_refused(members):
    ordering = ordering_of(members)
    forged = signing.dumps(
        {"o": ordering, "v": [{"x": 1}, "a", 1], "d": "n"}, salt="allmenning.keyset:list", compress=True
    )
    with pytest.raises(BadCursor):
        keyset_page(members, cursor=forged, limit=4, scope="list")


def test_datetimes_travel_in_a_cursor(members):
    ordered = Membership.objects.filter(pk__in=members.values("pk")).order_by("-applied_at")
    first = keyset_page(ordered, cursor=None, limit=5, scope="list")
    second = keyset_page(ordered, cursor=first.next_cursor, limit=5, scope="list")

    assert not set(first.object_list) & set(second.object_list)
    assert make_cursor(first.object_list[0], ordering_of(ordered), "n", "list")
