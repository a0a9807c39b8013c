"""A volunteer takes the last place of a shift from the initiative page; the next person finds
it full and joins the waiting list."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress

from apps.initiatives.models import Initiative
from apps.volunteers import services
from tests.browser.test_join_journey import sign_in, sign_out
from tests.factories import PASSWORD, HubFactory, UserFactory

from .conftest import SATURDAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email, name):
    user = UserFactory(email=email, name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_the_last_place_then_the_waiting_list(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    olga = person("olga@example.org", "Olga Owner")
    initiative = Initiative.objects.create(hub=oslo, slug="courtyard", title="Grønn gårdsplass", owner=olga)
    role = services.role_create(initiative=initiative, actor=olga, name="Bygger")
    shift = services.shift_create(
        role=role,
        actor=olga,
        starts_at=SATURDAY,
        ends_at=SATURDAY + timedelta(hours=4),
        place="Gården",
        capacity=2,
    )
    services.sign_up(shift=shift, user=person("first@example.org", "Første Frivillig"))
    person("ada@example.org", "Ada Volunteer")
    person("ben@example.org", "Ben Next")

    # Ada finds the shift on the initiative's page and takes the last place.
    sign_in(page, "ada@example.org", PASSWORD)
    page.goto("/oslo/initiatives/courtyard/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Volunteer"))
    panel.get_by_role("link", name="Volunteer").first.click()
    assert re.search(rf"/oslo/volunteers/s/{shift.pk}/$", page.url)
    page.get_by_role("button", name="Sign up for this shift").click()
    assert "You have a place on this shift" in page.get_by_test_id("my-status").inner_text()
    sign_out(page)

    # Ben comes next: the shift is full, and he joins the waiting list.
    sign_in(page, "ben@example.org", PASSWORD)
    page.goto(f"/oslo/volunteers/s/{shift.pk}/")
    assert "This shift is full" in page.get_by_test_id("full").inner_text()
    assert page.get_by_role("button", name="Sign up for this shift").count() == 0
    page.get_by_role("button", name="Join the waiting list").click()
    assert "waiting list" in page.get_by_test_id("my-status").inner_text()
    shift.refresh_from_db()
    assert (shift.confirmed_count, shift.signups.filter(status="waiting").count()) == (2, 1)
