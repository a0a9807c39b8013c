"""Pages: who sees and does what, 400s with the form's errors, 404s, and no JavaScript needed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.initiatives import services
from apps.initiatives.models import Follow, Initiative, InitiativeImage, InitiativeUpdate, Permit, TeamMember
from tests.factories import PASSWORD
from tests.files import pdf
from tests.initiatives.conftest import png_bytes

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def url(initiative, rest=""):
    return f"/oslo/initiatives/{initiative.slug}/{rest}"


def test_list_map_detail_are_public(client, initiative):
    for path in ("/oslo/initiatives/", "/oslo/initiatives/map/", url(initiative)):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content.count(b"<h1") == 1
    page = client.get(url(initiative)).content.decode()
    assert "<strong>Plants</strong>" in page
    assert "Sign in to follow" in page


def test_list_filters_and_sorting(client, oslo, mia, initiative):
    other = services.initiative_submit(hub=oslo, actor=mia, title="Another idea")
    services.initiative_update(initiative=other, actor=mia, title="Another idea", status="active")
    page = client.get("/oslo/initiatives/?status=active").content.decode()
    assert "Another idea" in page and "Grønn gårdsplass" not in page
    page = client.get("/oslo/initiatives/?sort=title&status=&goal=sdg:11").content.decode()
    assert "No initiatives match" in page
    assert client.get("/oslo/initiatives/?sort=bogus&page=99&goal=junk").status_code == 200


def test_unknown_things_are_404(client, initiative, sodertorn):
    assert client.get("/oslo/initiatives/nope/").status_code == 404
    assert client.get(f"/sodertorn/initiatives/{initiative.slug}/").status_code == 404
    assert client.get("/nohub/initiatives/").status_code == 404


def test_submit_needs_sign_in_and_creates(client, oslo, vic):
    response = client.get("/oslo/initiatives/new/")
    assert response.status_code == 302 and "login" in response.url
    login(client, vic)
    assert client.get("/oslo/initiatives/new/").status_code == 200
    response = client.post(
        "/oslo/initiatives/new/",
        {"title": "Benker", "summary": "", "description": "", "lon": "10.76", "lat": "59.91"},
    )
    assert response.status_code == 302
    item = Initiative.objects.get(title="Benker")
    assert (item.lon, item.lat) == (10.76, 59.91)
    assert response.url == item.get_absolute_url()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"title": "ok", "place": "{broken"}, "place"),
        ({"title": "ok", "place": "[" * 1000 + "]" * 1000}, "place"),
        ({"title": "ok", "place": '{"a":' * 1000 + "1" + "}" * 1000}, "place"),
        (
            {"title": "ok", "place": '{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}'},
            "place",
        ),
        ({"title": "ok", "lon": "10.7"}, "lat"),
        ({"title": "ok", "lon": "500", "lat": "10"}, "lon"),
    ],
)
def test_bad_submissions_are_400_with_linked_errors(client, oslo, vic, data, field):
    login(client, vic)
    response = client.post("/oslo/initiatives/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert f'id="id_{field}_error"' in page
    assert not Initiative.objects.exists()


def test_place_outside_the_hub_is_400(client, sodertorn, areas, vic):
    login(client, vic)
    response = client.post("/sodertorn/initiatives/new/", {"title": "Far", "lon": "10.75", "lat": "59.91"})
    assert response.status_code == 400
    assert "outside the areas of Södertörn" in response.content.decode()


def test_edit_permissions(client, initiative, lena, mia, sven, stella):
    assert client.get(url(initiative, "edit/")).status_code == 302
    for user, status in ((mia, 403), (sven, 403), (lena, 200), (stella, 200)):
        client.logout()
        login(client, user)
        assert client.get(url(initiative, "edit/")).status_code == status, user
    response = client.post(
        url(initiative, "edit/"),
        {
            "title": "Renamed",
            "status": "active",
            "summary": "",
            "description": "",
            "place": "",
            "lon": "",
            "lat": "",
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.status, initiative.place) == ("Renamed", "active", None)


def test_edit_keeps_a_polygon_without_javascript(client, initiative, olga):
    polygon = (
        '{"type":"Polygon","coordinates":[[[10.7,59.9],[10.71,59.9],[10.71,59.91],[10.7,59.91],[10.7,59.9]]]}'
    )
    login(client, olga)
    data = {"title": "T", "status": "idea", "place": polygon, "lon": "", "lat": ""}
    assert client.post(url(initiative, "edit/"), data).status_code == 302
    initiative.refresh_from_db()
    assert initiative.place["type"] == "Polygon"


def test_follow_and_unfollow(client, initiative, vic):
    assert client.post(url(initiative, "follow/")).status_code == 302  # to sign in
    login(client, vic)
    assert client.get(url(initiative, "follow/")).status_code == 405
    client.post(url(initiative, "follow/"), {"action": "follow"})
    client.post(url(initiative, "follow/"), {"action": "follow"})
    assert Follow.objects.filter(initiative=initiative, user=vic).count() == 1
    assert "Stop following" in client.get(url(initiative)).content.decode()
    client.post(url(initiative, "follow/"), {"action": "unfollow"})
    assert not Follow.objects.filter(initiative=initiative, user=vic).exists()


def test_team_page(client, initiative, olga, lena, mia, sven):
    login(client, lena)
    assert client.get(url(initiative, "team/")).status_code == 403
    client.logout()
    login(client, sven)
    assert client.get(url(initiative, "team/")).status_code == 403
    client.logout()
    login(client, olga)
    assert client.get(url(initiative, "team/")).status_code == 200
    # An address with no account gets the same answer as one with (an invitation by e-mail).
    response = client.post(url(initiative, "team/"), {"email": "nobody@example.org", "role": "member"})
    assert response.status_code == 302
    assert client.post(url(initiative, "team/"), {"email": mia.email, "role": "member"}).status_code == 302
    assert not TeamMember.objects.filter(initiative=initiative, user=mia).exists()
    member = services.team_member_add(initiative=initiative, actor=olga, user=mia)
    client.post(url(initiative, f"team/{member.pk}/"), {"action": "role", "role": "lead"})
    member.refresh_from_db()
    assert member.role == "lead"
    owner_row = TeamMember.objects.get(initiative=initiative, user=olga)
    assert client.post(url(initiative, f"team/{owner_row.pk}/"), {"action": "remove"}).status_code == 400
    client.post(url(initiative, f"team/{member.pk}/"), {"action": "remove"})
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert client.post(url(initiative, "team/99999/"), {"action": "remove"}).status_code == 404


def test_post_update(client, initiative, tom, mia):
    login(client, mia)
    assert client.get(url(initiative, "updates/new/")).status_code == 403
    client.logout()
    login(client, tom)
    assert client.post(url(initiative, "updates/new/"), {"title": "", "body": ""}).status_code == 400
    assert client.post(url(initiative, "updates/new/"), {"title": "News", "body": "Body"}).status_code == 302
    assert InitiativeUpdate.objects.filter(initiative=initiative, title="News").exists()
    assert "News" in client.get(url(initiative)).content.decode()


def test_image_upload(client, initiative, tom, mia):
    login(client, mia)
    assert client.get(url(initiative, "images/new/")).status_code == 403
    client.logout()
    login(client, tom)
    good = SimpleUploadedFile("court.png", png_bytes(), content_type="image/png")
    response = client.post(url(initiative, "images/new/"), {"image": good, "alt_text": "The courtyard"})
    assert response.status_code == 302
    image = InitiativeImage.objects.get()
    page = client.get(url(initiative)).content.decode()
    assert 'alt="The courtyard"' in page and image.get_absolute_url() in page
    card = client.get("/oslo/initiatives/").content.decode()
    assert image.get_absolute_url() in card
    bad = SimpleUploadedFile("evil.png", b"<?php ?>", content_type="image/png")
    response = client.post(url(initiative, "images/new/"), {"image": bad, "alt_text": "x"})
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.content.decode()
    missing_alt = SimpleUploadedFile("b.png", png_bytes(), content_type="image/png")
    assert (
        client.post(url(initiative, "images/new/"), {"image": missing_alt, "alt_text": ""}).status_code == 400
    )
    assert InitiativeImage.objects.count() == 1
    client.post(url(initiative, f"images/{image.pk}/delete/"))
    assert not InitiativeImage.objects.exists()


def test_permits_pages(client, initiative, tom, mia, sven):
    for outsider in (mia, sven):
        login(client, outsider)
        assert client.get(url(initiative, "permits/")).status_code == 403
        client.logout()
    login(client, tom)
    assert client.get(url(initiative, "permits/")).status_code == 200
    data = {
        "what": "Street",
        "authority": "City",
        "status": "applied",
        "applied_on": "2025-05-02",
        "decided_on": "2025-05-01",
    }
    response = client.post(url(initiative, "permits/"), data)
    assert response.status_code == 400
    assert "cannot come before" in response.content.decode()
    assert not Permit.objects.exists()
    data["decided_on"] = ""
    assert client.post(url(initiative, "permits/"), data).status_code == 302
    permit = Permit.objects.get()
    decision = pdf("decision.pdf")
    assert (
        client.post(url(initiative, f"permits/{permit.pk}/documents/"), {"file": decision}).status_code == 302
    )
    exe = SimpleUploadedFile("x.pdf", b"MZ", content_type="application/pdf")
    assert client.post(url(initiative, f"permits/{permit.pk}/documents/"), {"file": exe}).status_code == 400
    assert permit.documents.count() == 1
    edit = {**data, "status": "approved", "decided_on": "2025-06-01", "decision": "Yes"}
    assert client.post(url(initiative, f"permits/{permit.pk}/"), edit).status_code == 302
    permit.refresh_from_db()
    assert permit.status == "approved"
    assert "Approved" in client.get(url(initiative)).content.decode()
    client.post(url(initiative, f"permits/{permit.pk}/"), {"action": "delete"})
    assert not Permit.objects.exists()


def test_steward_sees_the_tag_form_others_do_not(client, initiative, stella, tom):
    login(client, tom)
    assert "Tag with a goal or target" not in client.get(url(initiative)).content.decode()
    client.logout()
    login(client, stella)
    assert "Tag with a goal or target" in client.get(url(initiative)).content.decode()


def test_nav_has_initiatives_first(client, oslo):
    page = client.get("/oslo/").content.decode()
    nav = page[page.index('class="hub-nav"') :]
    assert nav.index("/oslo/initiatives/") < nav.index("/oslo/members/")


def test_the_list_filters_by_current_phase_in_sql(client, oslo, stella, mia):
    import datetime

    from apps.processes.loader import load_templates
    from apps.processes.models import PhaseRun, ProcessTemplate
    from apps.processes.services import process_start

    load_templates()
    template = ProcessTemplate.objects.get(key="stedskaping-6-6", hub__isnull=True)
    started = services.initiative_submit(hub=oslo, actor=mia, title="Benker i Gamle Oslo")
    services.initiative_submit(hub=oslo, actor=mia, title="Uten prosess")
    run = process_start(
        template=template, starts_on=datetime.date(2026, 1, 5), actor=stella, subject_initiative=started
    )
    first = PhaseRun.objects.get(run=run, status="current")

    page = client.get("/oslo/initiatives/", {"phase": first.name}).content.decode()
    assert "Benker i Gamle Oslo" in page
    assert "Uten prosess" not in page
    assert first.name in client.get("/oslo/initiatives/").content.decode()  # offered as a choice
    page = client.get("/oslo/initiatives/", {"phase": "No such phase"}).content.decode()
    assert "Benker i Gamle Oslo" not in page
