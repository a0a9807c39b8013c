"""Organisation pages: register one, see it, edit it, and manage who represents it."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from apps.organisations.models import Organisation, Representative
from tests.factories import OrganisationFactory, RepresentativeFactory, UserFactory, verified_email


def text(response) -> str:
    return response.content.decode()


def registration(**overrides):
    data = {
        "name": "Digdir",
        "type": "public",
        "country": "NO",
        "org_number": "991 825 827",
        "title": "Adviser",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/organisations/new/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/organisations/new/"
    assert client.post("/organisations/new/", registration()).status_code == 302
    assert not Organisation.objects.exists()


def test_a_person_registers_an_organisation_and_represents_it(client, vic):
    client.force_login(vic)
    assert client.get("/organisations/new/").status_code == 200

    response = client.post("/organisations/new/", registration())

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/organisations/{organisation.slug}/"
    assert organisation.org_number == "991825827"
    assert Representative.objects.get(organisation=organisation).user == vic
    detail = client.get(response.url)
    assert detail.status_code == 200
    assert "Digdir" in text(detail)


def test_a_swedish_organisation_registers_with_a_dash_in_its_number(client, vic):
    client.force_login(vic)
    response = client.post(
        "/organisations/new/", registration(name="Stockholms kommun", country="SE", org_number="212000-0142")
    )
    assert response.status_code == 302
    assert Organisation.objects.get().org_number == "2120000142"


def test_after_registering_it_goes_back_where_it_was_asked_to(client, vic):
    client.force_login(vic)
    response = client.post("/organisations/new/?next=/oslo/partner/", registration())
    assert response.url == "/oslo/partner/"


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "javascript:alert(1)"])
def test_it_never_redirects_off_the_site(client, vic, next_url):
    client.force_login(vic)
    response = client.post(f"/organisations/new/?next={next_url}", registration())
    assert response.status_code == 302
    assert response.url.startswith("/organisations/")


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("NO", "991825828"),
        ("NO", "99182582"),
        ("NO", "99182582X"),
        ("SE", "556036-0794"),
        ("SE", "551036-0793"),
    ],
)
def test_an_invalid_number_is_400_with_the_error_and_nothing_saved(client, vic, country, number):
    client.force_login(vic)

    response = client.post("/organisations/new/", registration(country=country, org_number=number))

    assert response.status_code == 400
    assert "valid check digit" in text(response)
    assert not Organisation.objects.exists()
    assert not Representative.objects.exists()


def test_the_invalid_number_error_is_in_norwegian_when_asked_for(client, vic):
    english = "A Norwegian organisation number has 9 digits and a valid check digit (mod 11)."
    with translation.override("nb"):
        norwegian = gettext(english)
    assert norwegian != english, "no Norwegian translation for this message"
    client.force_login(vic)

    response = client.post(
        "/organisations/new/", registration(org_number="991825828"), HTTP_ACCEPT_LANGUAGE="nb"
    )

    assert response.status_code == 400
    assert norwegian in text(response)


def test_a_number_already_registered_is_400(client, vic):
    OrganisationFactory(country="NO", org_number="991825827")
    client.force_login(vic)

    response = client.post("/organisations/new/", registration())

    assert response.status_code == 400
    assert "An organisation with this number is already registered." in text(response)
    assert Organisation.objects.count() == 1
    assert not Representative.objects.filter(user=vic).exists()


def test_an_oversized_description_is_400(client, vic):
    client.force_login(vic)
    response = client.post("/organisations/new/", registration(description="x" * 5001))
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_an_unknown_organisation_is_404(client, db):
    assert client.get("/organisations/no-such-thing/").status_code == 404


# Editing and representatives ----------------------------------------------------------


@pytest.fixture
def rita(acme):
    return RepresentativeFactory(organisation=acme, user=UserFactory(email="rita@acme.example")).user


def test_a_representative_edits_the_organisation(client, acme, rita):
    client.force_login(rita)
    assert client.get("/organisations/acme/edit/").status_code == 200

    response = client.post(
        "/organisations/acme/edit/", {"name": "Acme Byutvikling AS", "type": "private", "website": ""}
    )

    assert response.status_code == 302
    acme.refresh_from_db()
    assert (acme.name, acme.type) == ("Acme Byutvikling AS", "private")


@pytest.mark.parametrize("who", ["stella", "vic", "sven"])
def test_people_who_do_not_represent_it_get_403(request, client, acme, rita, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/organisations/acme/edit/").status_code == 403
    assert client.post("/organisations/acme/edit/", {"name": "Taken", "type": "private"}).status_code == 403
    assert (
        client.post("/organisations/acme/representatives/", {"email": "vic@example.org"}).status_code == 403
    )
    assert client.post(f"/organisations/acme/representatives/{rita.pk}/remove/").status_code == 403

    acme.refresh_from_db()
    assert acme.name == "Acme Byutvikling"
    assert list(acme.representatives.all()) == [rita]


def test_the_organisation_number_cannot_be_changed_by_editing(client, acme, rita):
    number = acme.org_number
    client.force_login(rita)
    client.post("/organisations/acme/edit/", {"name": "Acme", "type": "private", "org_number": "974760673"})
    acme.refresh_from_db()
    assert acme.org_number == number


def _invite(client, email: str):
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/organisations/acme/representatives/", {"email": email, "title": "Board"})
    return response


def _link(message) -> str:
    return next(line for line in message.body.splitlines() if "/representatives/join/" in line).split(
        "127.0.0.1:8000", 1
    )[-1]


def test_a_representative_invites_another_who_accepts_and_is_then_removed(client, acme, rita, vic):
    client.force_login(rita)
    invited = _invite(client, "VIC@example.org")
    assert invited.status_code == 302
    assert set(acme.representatives.all()) == {rita}  # not before they accept
    assert [m.to for m in mail.outbox] == [["vic@example.org"]]
    link = _link(mail.outbox[0])

    client.force_login(vic)
    verified_email(vic)
    assert "You are invited to represent" in text(client.get(link))
    accepted = client.post(link)
    assert accepted.status_code == 302
    assert set(acme.representatives.all()) == {rita, vic}
    assert client.post(link).status_code == 404  # used once

    client.force_login(rita)
    removed = client.post(f"/organisations/acme/representatives/{vic.pk}/remove/")
    assert removed.status_code == 302
    assert list(acme.representatives.all()) == [rita]


def test_inviting_tells_nobody_whether_the_address_has_an_account(client, acme, rita, vic):
    client.force_login(rita)
    known = _invite(client, vic.email)
    known_page = text(client.get(known.url))
    known_mail = mail.outbox[0].body.replace(vic.email, "ADDRESS")
    unknown = _invite(client, "stranger@example.org")
    unknown_page = text(client.get(unknown.url))
    unknown_mail = mail.outbox[0].body.replace("stranger@example.org", "ADDRESS")
    assert known.status_code == unknown.status_code == 302

    def same(page: str, address: str) -> str:  # the page with the address and the CSRF tokens blanked
        page = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page.replace(address, "ADDRESS"))
        return re.sub(r'name="_form_token" value="[^"]*"', "FORM-TOKEN", page)  # one per rendered form

    assert same(known_page, vic.email) == same(unknown_page, "stranger@example.org")
    assert known_mail.split("/representatives/join/")[0] == unknown_mail.split("/representatives/join/")[0]


def test_a_newcomer_signs_in_first_and_a_stranger_cannot_invite(client, acme, rita, vic):
    client.force_login(rita)
    _invite(client, "newcomer@example.org")
    link = _link(mail.outbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get("/organisations/acme/representatives/join/not-a-token/").status_code == 404

    client.force_login(vic)  # not a representative
    assert _invite(client, "someone@example.org").status_code == 403
    assert not mail.outbox


def test_an_invalid_address_is_400_and_sends_nothing(client, acme, rita):
    client.force_login(rita)
    response = _invite(client, "not an address")
    assert response.status_code == 400
    assert not mail.outbox
    assert list(acme.representatives.all()) == [rita]


def test_the_last_representative_cannot_be_removed(client, acme, rita):
    client.force_login(rita)
    response = client.post(f"/organisations/acme/representatives/{rita.pk}/remove/")
    assert response.status_code == 302
    assert list(acme.representatives.all()) == [rita]
    assert "needs at least one representative" in text(client.get(response.url))


def test_a_website_without_a_scheme_becomes_https_on_registration_and_on_edit(client, vic):
    client.force_login(vic)
    client.post("/organisations/new/", registration(website="digdir.no"))
    organisation = Organisation.objects.get()
    assert organisation.website == "https://digdir.no"

    client.post(
        f"/organisations/{organisation.slug}/edit/",
        {"name": "Digdir", "type": "public", "website": "www.digdir.no"},
    )

    organisation.refresh_from_db()
    assert organisation.website == "https://www.digdir.no"
