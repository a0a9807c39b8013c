"""A person's own pages: their page, their profile and consents, and the list of competences."""

import pytest

from apps.accounts.models import Competence
from tests.factories import CompetenceFactory, MembershipFactory, RepresentativeFactory


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("path", ["/me/", "/me/profile/", "/competences/", "/competences/new/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


def test_my_page_lists_my_hubs_and_organisations(client, oslo, sodertorn, mia, acme):
    MembershipFactory(hub=sodertorn, user=mia, status="pending")
    RepresentativeFactory(organisation=acme, user=mia)
    client.force_login(mia)

    response = client.get("/me/")

    assert response.status_code == 200
    assert "Pådriv Oslo" in text(response)
    assert "Södertörn" in text(response)
    assert "Acme Byutvikling" in text(response)


def test_my_page_does_not_show_other_peoples_hubs(client, sodertorn, sven, vic):
    client.force_login(vic)
    assert "Södertörn" not in text(client.get("/me/"))


def test_a_person_saves_their_profile_and_consent(client, mia):
    planning = CompetenceFactory(slug="urban-planning")
    client.force_login(mia)
    assert client.get("/me/profile/").status_code == 200

    response = client.post(
        "/me/profile/",
        {
            "name": "Mia M.",
            "headline": "Planner",
            "competences": [planning.pk],
            "consent_public_profile": "on",
        },
    )

    assert response.status_code == 302
    assert response.url == "/me/"
    mia.refresh_from_db()
    mia.profile.refresh_from_db()
    assert mia.name == "Mia M."
    assert mia.profile.headline == "Planner"
    assert mia.profile.consent_public_profile
    assert mia.profile.consent_public_profile_at is not None
    assert not mia.profile.consent_public_contact
    assert list(mia.profile.competences.all()) == [planning]


def test_unticking_consent_withdraws_it(client, mia):
    client.force_login(mia)
    client.post(
        "/me/profile/", {"name": "Mia", "consent_public_profile": "on", "consent_public_contact": "on"}
    )

    client.post("/me/profile/", {"name": "Mia"})

    mia.profile.refresh_from_db()
    assert not mia.profile.consent_public_profile
    assert mia.profile.consent_public_profile_at is None
    assert mia.profile.consent_public_contact_at is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("interests", "x" * 2001), ("headline", "x" * 121), ("contact_email", "not-an-address"), ("name", "")],
)
def test_bad_profile_input_is_400_and_saves_nothing(client, mia, field, value):
    client.force_login(mia)
    data = {"name": "Mia Member", "headline": "Before", field: value}

    response = client.post("/me/profile/", data)

    assert response.status_code == 400
    mia.profile.refresh_from_db()
    assert mia.profile.headline == ""


@pytest.mark.parametrize("who", ["mia", "bob", "vic"])
def test_only_leads_curate_competences(request, client, db, who):
    existing = CompetenceFactory(slug="law")
    client.force_login(request.getfixturevalue(who))

    assert client.get("/competences/").status_code == 403
    assert client.get("/competences/new/").status_code == 403
    create = client.post(
        "/competences/new/", {"slug": "gis", "name_en": "GIS", "name_nb": "GIS", "name_sv": "GIS"}
    )
    delete = client.post(f"/competences/{existing.pk}/delete/")

    assert (create.status_code, delete.status_code) == (403, 403)
    assert not Competence.objects.filter(slug="gis").exists()
    assert Competence.objects.filter(slug="law").exists()


def test_a_steward_adds_edits_and_removes_a_competence(client, stella):
    client.force_login(stella)
    assert client.get("/competences/").status_code == 200

    created = client.post(
        "/competences/new/", {"slug": "gis", "name_en": "GIS", "name_nb": "GIS", "name_sv": "GIS"}
    )
    competence = Competence.objects.get(slug="gis")
    edited = client.post(
        f"/competences/{competence.pk}/",
        {"slug": "gis", "name_en": "Maps", "name_nb": "Kart", "name_sv": "Kartor"},
    )
    competence.refresh_from_db()
    deleted = client.post(f"/competences/{competence.pk}/delete/")

    assert (created.status_code, edited.status_code, deleted.status_code) == (302, 302, 302)
    assert (competence.name_en, competence.name_nb) == ("Maps", "Kart")
    assert not Competence.objects.filter(slug="gis").exists()


def test_a_duplicate_competence_is_400(client, stella):
    CompetenceFactory(slug="gis")
    client.force_login(stella)
    response = client.post(
        "/competences/new/", {"slug": "gis", "name_en": "G", "name_nb": "G", "name_sv": "G"}
    )
    assert response.status_code == 400
    assert Competence.objects.filter(slug="gis").count() == 1


def test_an_unknown_competence_is_404(client, stella):
    client.force_login(stella)
    assert client.get("/competences/999999/").status_code == 404
