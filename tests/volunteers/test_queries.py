"""Volunteer pages, panels and the API read in a fixed number of queries however many shifts,
sign-ups and hours there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.volunteers import services

from .conftest import SATURDAY, make_shift, volunteers

pytestmark = pytest.mark.django_db


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200, path
    return len(ctx.captured_queries)


def test_pages_do_not_grow(client, shift, builders, olga, mia):
    people = volunteers(6)
    services.sign_up(shift=shift, user=mia)
    client.force_login(olga)
    pages = [
        "/oslo/volunteers/i/courtyard/",
        f"/oslo/volunteers/s/{shift.pk}/",
        f"/oslo/volunteers/s/{shift.pk}/sheet/",
        "/oslo/initiatives/courtyard/",
        "/api/v1/hubs/oslo/initiatives/courtyard/shifts",
    ]
    [_count(client, p) for p in pages]  # once to make what is made on first visit
    first = [_count(client, p) for p in pages]
    for i, person in enumerate(people):
        other = make_shift(builders, olga, starts_at=SATURDAY + timedelta(hours=i + 1))
        services.sign_up(shift=other, user=person)
        services.sign_up(shift=shift, user=person, waiting_list=True)
    assert [_count(client, p) for p in pages] == first


def test_my_shifts_do_not_grow(client, builders, olga, mia):
    client.force_login(mia)
    pages = ["/oslo/volunteers/mine/", "/me/", "/oslo/volunteers/mine.ics"]
    services.sign_up(shift=make_shift(builders, olga), user=mia)
    [_count(client, p) for p in pages]  # the calendar address is made on the first visit
    first = [_count(client, p) for p in pages]
    for i in range(5):
        services.sign_up(
            shift=make_shift(builders, olga, starts_at=SATURDAY + timedelta(days=i + 1)), user=mia
        )
    assert [_count(client, p) for p in pages] == first
