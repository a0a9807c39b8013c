"""Pages: public counts without names, the team's tools, 403/404/400."""

from datetime import timedelta

import pytest

from apps.volunteers import services
from apps.volunteers.models import HoursLog, Shift, Signup, VolunteerRole
from tests.factories import consent

from .conftest import SATURDAY

pytestmark = pytest.mark.django_db


def url(shift, name="shift"):
    suffix = {
        "shift": "",
        "signup": "signup/",
        "cancel_signup": "signup/cancel/",
        "cancel": "cancel/",
        "message": "message/",
        "hours": "hours/",
        "sheet": "sheet/",
    }[name]
    return f"/oslo/volunteers/s/{shift.pk}/{suffix}"


def test_the_public_page_shows_counts_not_names(client, shift, mia, vic):
    services.sign_up(shift=shift, user=mia)
    page = client.get("/oslo/volunteers/i/courtyard/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Bygger" in body and "1 place left" in body
    detail = client.get(url(shift)).content.decode()
    assert mia.name not in detail and "1 of 2" in detail


def test_the_team_sees_names_and_the_day_sheet_phone_only_with_consent(client, shift, olga, mia, vic):
    mia.profile.phone = "+47 400 00 001"
    mia.profile.save()
    vic.profile.phone = "+47 400 00 002"
    vic.profile.save()
    consent(vic, contact=True)
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=shift, user=vic)
    client.force_login(olga)
    assert mia.name in client.get(url(shift)).content.decode()
    sheet = client.get(url(shift, "sheet")).content.decode()
    assert mia.name in sheet and vic.name in sheet
    assert "+47 400 00 002" in sheet and "+47 400 00 001" not in sheet
    assert "@media print" in sheet


@pytest.mark.parametrize("who", ["mia", "vic", "sven", "bob"])
def test_the_day_sheet_is_for_the_team_only(client, shift, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(shift, "sheet")).status_code == 403


def test_anonymous_day_sheet_is_refused(client, shift):
    assert client.get(url(shift, "sheet")).status_code in (302, 403)


def test_another_hubs_address_is_404(client, shift, sodertorn, sven):
    client.force_login(sven)
    assert client.get(f"/sodertorn/volunteers/s/{shift.pk}/").status_code == 404
    assert client.post(f"/sodertorn/volunteers/s/{shift.pk}/signup/").status_code == 404
    assert client.get("/oslo/volunteers/i/nowhere/").status_code == 404
    assert client.get("/oslo/volunteers/s/99999/").status_code == 404


def test_sign_up_then_full_then_waiting_list(client, shift, mia, vic, bob):
    for person in (mia, vic):
        client.force_login(person)
        assert client.post(url(shift, "signup")).status_code == 302
    client.force_login(bob)
    page = client.get(url(shift)).content.decode()
    assert "Join the waiting list" in page
    refused = client.post(url(shift, "signup"))
    assert refused.status_code == 400
    assert "waiting list" in refused.content.decode()
    assert client.post(url(shift, "signup"), {"waiting_list": "1"}).status_code == 302
    assert Signup.objects.get(user=bob).status == "waiting"
    assert client.post(url(shift, "signup"), {"waiting_list": "1"}).status_code == 400  # twice
    client.force_login(mia)
    assert client.post(url(shift, "cancel_signup")).status_code == 302
    assert Signup.objects.get(user=bob).status == "confirmed"


def test_signing_up_needs_a_sign_in_and_post(client, shift):
    assert client.post(url(shift, "signup")).status_code == 302
    assert not Signup.objects.exists()


def test_cancelled_shift_refuses_sign_up_with_400(client, shift, olga, mia):
    client.force_login(olga)
    assert client.post(url(shift, "cancel"), {"reason": "Regn"}).status_code == 302
    assert Shift.objects.get().status == "cancelled"
    client.force_login(mia)
    response = client.post(url(shift, "signup"))
    assert response.status_code == 400
    assert "cancelled" in response.content.decode()


def test_only_the_team_cancels_and_messages(client, shift, mia, sven):
    services.sign_up(shift=shift, user=mia)
    for person in (mia, sven):
        client.force_login(person)
        assert client.post(url(shift, "cancel")).status_code == 403
        assert client.post(url(shift, "message"), {"subject": "x", "text": "y"}).status_code == 403
    assert Shift.objects.get().status == "open"


def test_the_team_messages_and_a_blank_message_is_400(client, shift, tom, mia):
    services.sign_up(shift=shift, user=mia)
    client.force_login(tom)
    assert client.post(url(shift, "message"), {"subject": "", "text": ""}).status_code == 400
    assert client.post(url(shift, "message"), {"subject": "Hansker", "text": "Ta med"}).status_code == 302


def test_the_team_adds_roles_and_shifts_and_bad_input_is_400(client, courtyard, lena, mia):
    client.force_login(lena)
    assert client.post("/oslo/volunteers/i/courtyard/roles/", {"name": "Vert"}).status_code == 302
    role = VolunteerRole.objects.get(name="Vert")
    assert client.post("/oslo/volunteers/i/courtyard/roles/", {"name": "vert"}).status_code == 400
    good = {
        "role": role.pk,
        "starts_at": f"{SATURDAY:%Y-%m-%d}T10:00",
        "ends_at": f"{SATURDAY:%Y-%m-%d}T14:00",
        "place": "Tøyen",
        "capacity": "4",
    }
    assert client.post("/oslo/volunteers/i/courtyard/shifts/", good).status_code == 302
    shift = Shift.objects.get()
    assert shift.starts_at == SATURDAY  # read in the hub's time
    assert client.post("/oslo/volunteers/i/courtyard/shifts/", {**good, "capacity": "0"}).status_code == 400
    assert (
        client.post(
            "/oslo/volunteers/i/courtyard/shifts/", {**good, "ends_at": f"{SATURDAY:%Y-%m-%d}T09:00"}
        ).status_code
        == 400
    )
    assert Shift.objects.count() == 1
    client.force_login(mia)
    assert client.post("/oslo/volunteers/i/courtyard/roles/", {"name": "Z"}).status_code == 403
    assert client.post("/oslo/volunteers/i/courtyard/shifts/", good).status_code == 403


def test_hours_logged_and_confirmed_through_the_pages(client, shift, tom, mia, clock):
    services.sign_up(shift=shift, user=mia)
    clock.move_to(SATURDAY + timedelta(hours=5))
    client.force_login(mia)
    assert client.post(url(shift, "hours"), {"hours": "30"}).status_code == 400
    assert client.post(url(shift, "hours"), {"hours": "-1"}).status_code == 400
    assert client.post(url(shift, "hours"), {"hours": "4"}).status_code == 302
    log = HoursLog.objects.get()
    assert client.post(f"/oslo/volunteers/hours/{log.pk}/confirm/").status_code == 403
    client.force_login(tom)
    assert "Hours waiting for confirmation" in client.get("/oslo/volunteers/i/courtyard/").content.decode()
    assert client.post(f"/oslo/volunteers/hours/{log.pk}/confirm/", {"next": "initiative"}).status_code == 302
    assert HoursLog.objects.get().status == "confirmed"


def test_someone_without_a_place_cannot_log_hours(client, shift, vic, clock):
    clock.move_to(SATURDAY + timedelta(hours=5))
    client.force_login(vic)
    assert client.post(url(shift, "hours"), {"hours": "3"}).status_code in (400, 403)
    assert not HoursLog.objects.exists()


def test_initiative_panel_and_my_page(client, shift, mia):
    page = client.get("/oslo/initiatives/courtyard/").content.decode()
    assert "Bygger" in page and "Volunteer" in page
    services.sign_up(shift=shift, user=mia)
    client.force_login(mia)
    me = client.get("/me/").content.decode()
    assert "My volunteer shifts" in me and "Grønn gårdsplass" in me
    mine = client.get("/oslo/volunteers/mine/")
    assert mine.status_code == 200 and "/oslo/volunteers/feed/" in mine.content.decode()
