"""The pages: "Suggested for you", an initiative's needs and suggestions, the stewards'
introductions; permissions by role, 400 on bad input, and nobody unconsented on any page."""

import pytest

from apps.matching import services
from apps.matching.models import Introduction, Need

pytestmark = pytest.mark.django_db

NEVER = ["Uma Unconsented", "Pia Pending", "Sara Södertörn", "Mia Member", "Byggmester"]


def test_suggested_for_you_shows_initiatives_and_why(client, cast, gina):
    client.force_login(gina)
    response = client.get("/oslo/matching/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Grønn gårdsplass på Tøyen" in body
    assert "Gardening" in body and "Tøyen" in body


def test_suggested_for_you_needs_signing_in_and_membership(client, cast, vic):
    assert client.get("/oslo/matching/").status_code == 302
    client.force_login(vic)
    response = client.get("/oslo/matching/")
    assert response.status_code == 200
    assert "Grønn gårdsplass" not in response.content.decode()


def test_the_team_sees_suggestions_and_nobody_unconsented(client, cast, tom):
    client.force_login(tom)
    body = client.get("/oslo/matching/initiatives/courtyard/").content.decode()
    assert "Gina Gardener" in body and "Acme Byutvikling" in body
    for name in NEVER:
        assert name not in body
    assert "Introduce" not in body  # only the hub's leads introduce


def test_everyone_sees_needs_but_only_the_team_and_leads_suggestions(client, cast, mia, sven):
    for person in (None, mia, sven):
        if person:
            client.force_login(person)
        body = client.get("/oslo/matching/initiatives/courtyard/").content.decode()
        assert "Raised beds and soil" in body
        assert "Gina Gardener" not in body


def test_a_steward_introduces_from_the_page(client, cast, stella, gina, courtyard):
    client.force_login(stella)
    body = client.get("/oslo/matching/initiatives/courtyard/").content.decode()
    assert "Introduce" in body
    response = client.post(
        "/oslo/matching/initiatives/courtyard/introduce/",
        {"user": gina.pk, "note": "Hei", "reasons": "Tøyen"},
    )
    assert response.status_code == 302
    intro = Introduction.objects.get()
    assert (intro.user, intro.reasons) == (gina, ["Tøyen"])
    again = client.post("/oslo/matching/initiatives/courtyard/introduce/", {"user": gina.pk})
    assert again.status_code == 400
    assert Introduction.objects.count() == 1


def test_a_steward_of_another_hub_is_refused(client, cast, sven, gina):
    client.force_login(sven)
    assert (
        client.post("/oslo/matching/initiatives/courtyard/introduce/", {"user": gina.pk}).status_code == 403
    )
    assert client.get("/oslo/matching/introductions/").status_code == 403
    assert (
        client.post(
            "/oslo/matching/initiatives/courtyard/needs/add/", {"kind": "resource", "text": "x"}
        ).status_code
        == 403
    )


def test_the_team_adds_a_need_and_bad_input_is_400(client, cast, tom, courtyard):
    client.force_login(tom)
    response = client.post(
        "/oslo/matching/initiatives/courtyard/needs/add/", {"kind": "resource", "text": ""}
    )
    assert response.status_code == 400
    assert Need.objects.filter(initiative=courtyard).count() == 2
    response = client.post(
        "/oslo/matching/initiatives/courtyard/needs/add/", {"kind": "partner", "text": "Skole"}
    )
    assert response.status_code == 302
    need = Need.objects.get(text="Skole")
    assert client.post(f"/oslo/matching/initiatives/courtyard/needs/{need.pk}/remove/").status_code == 302
    assert not Need.objects.filter(text="Skole").exists()


def test_the_introduced_answers_on_their_page(client, intro, gina):
    client.force_login(gina)
    body = client.get("/oslo/matching/").content.decode()
    assert "Dere bør snakke sammen" in body
    assert (
        client.post(f"/oslo/matching/introductions/{intro.pk}/answer/", {"decision": "maybe"}).status_code
        == 400
    )
    response = client.post(f"/oslo/matching/introductions/{intro.pk}/answer/", {"decision": "accept"})
    assert response.status_code == 302
    intro.refresh_from_db()
    assert intro.status == "accepted"
    assert (
        client.post(f"/oslo/matching/introductions/{intro.pk}/answer/", {"decision": "decline"}).status_code
        == 400
    )


def test_someone_else_cannot_answer(client, intro, mia):
    client.force_login(mia)
    assert (
        client.post(f"/oslo/matching/introductions/{intro.pk}/answer/", {"decision": "accept"}).status_code
        == 403
    )


def test_the_stewards_overview_lists_and_filters(client, intro, stella, gina):
    client.force_login(stella)
    body = client.get("/oslo/matching/introductions/").content.decode()
    assert "Gina Gardener" in body and "Grønn gårdsplass" in body
    services.introduction_answer(actor=gina, introduction=intro, accept=False)
    assert (
        "Gina Gardener" not in client.get("/oslo/matching/introductions/?status=introduced").content.decode()
    )
    assert "Gina Gardener" in client.get("/oslo/matching/introductions/?status=declined").content.decode()


def test_my_page_and_the_initiative_page_carry_the_panels(client, cast, gina, intro):
    client.force_login(gina)
    body = client.get("/me/").content.decode()
    assert "Suggested for you" in body
    body = client.get("/oslo/initiatives/courtyard/").content.decode()
    assert "Raised beds and soil" in body


def test_the_hub_page_links_members_and_stewards(client, cast, stella, gina, sven):
    client.force_login(stella)
    assert "/oslo/matching/introductions/" in client.get("/oslo/").content.decode()
    client.force_login(gina)
    body = client.get("/oslo/").content.decode()
    assert "/oslo/matching/" in body and "/oslo/matching/introductions/" not in body
    client.force_login(sven)
    assert "/oslo/matching/" not in client.get("/oslo/").content.decode()
