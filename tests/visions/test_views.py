import pytest

from apps.participation.spaces import Space
from apps.visions import services
from apps.visions.models import Endorsement, Vision, VisionVersion

pytestmark = pytest.mark.django_db


def test_create_then_new_version_shows_a_diff(client, oslo, stella, mia):
    client.force_login(stella)
    assert client.get("/oslo/visions/hub/new/").status_code == 200
    response = client.post(
        "/oslo/visions/hub/new/", {"title": "Felles målbilde", "text": "Oslo is grey.", "note": ""}
    )
    assert response.status_code == 302
    vision = Vision.objects.get()
    client.force_login(mia)
    page = client.get(f"/oslo/visions/v/{vision.pk}/versions/new/")
    assert page.status_code == 200 and "Oslo is grey." in page.content.decode()
    response = client.post(
        f"/oslo/visions/v/{vision.pk}/versions/new/",
        {"text": "Oslo is green. <script>alert(1)</script>", "note": "Greener", "based_on": 1},
    )
    assert response.status_code == 302
    page = client.get(f"/oslo/visions/v/{vision.pk}/versions/2/").content.decode()
    assert "<ins>" in page and "<del>" in page
    assert "green" in page.split('id="diff"')[1].split("<ins>")[1]
    assert "grey" in page.split('id="diff"')[1].split("<del>")[1]
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "added text" in page and "removed text" in page  # the legend


def test_stale_version_is_a_400(client, vision, stella, nora):
    services.version_create(vision=vision, actor=nora, text="Newer")
    client.force_login(stella)
    response = client.post(f"/oslo/visions/v/{vision.pk}/versions/new/", {"text": "Mine", "based_on": 1})
    assert response.status_code == 400
    assert "while you were writing" in response.content.decode()


def test_comments_are_sanitised(client, vision, mia):
    client.force_login(mia)
    response = client.post(
        f"/oslo/visions/v/{vision.pk}/versions/1/comment/", {"text": "**Yes** <img src=x onerror=alert(1)>"}
    )
    assert response.status_code == 302
    page = client.get(f"/oslo/visions/v/{vision.pk}/versions/1/").content.decode()
    assert "<strong>Yes</strong>" in page and "<img" not in page
    assert client.post(f"/oslo/visions/v/{vision.pk}/versions/1/comment/", {"text": ""}).status_code == 400


def test_endorse_and_listing(client, vision, stella, petra, acme):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    client.force_login(petra)
    page = client.get(f"/oslo/visions/v/{vision.pk}/versions/1/").content.decode()
    assert "Endorse version 1 for Acme Byutvikling" in page
    response = client.post(f"/oslo/visions/v/{vision.pk}/versions/1/endorse/", {"organisation": acme.pk})
    assert response.status_code == 302
    assert Endorsement.objects.get().representative == petra
    assert (
        client.post(f"/oslo/visions/v/{vision.pk}/versions/1/endorse/", {"organisation": acme.pk}).status_code
        == 400
    )
    assert (
        client.post(f"/oslo/visions/v/{vision.pk}/versions/1/endorse/", {"organisation": "x"}).status_code
        == 400
    )
    detail = client.get(f"/oslo/visions/v/{vision.pk}/").content.decode()
    assert "Endorsed by 1 partner:" in detail and "Acme Byutvikling" in detail
    version_page = client.get(f"/oslo/visions/v/{vision.pk}/versions/1/").content.decode()
    assert "Petra Partner" in version_page


def test_403s(client, vision, mia, sven, vic, acme, stella):
    for person in (mia, sven, vic):
        client.force_login(person)
        assert client.get("/oslo/visions/hub/new/").status_code == 403
        assert client.get(f"/oslo/visions/v/{vision.pk}/edit/").status_code == 403
        assert client.post(f"/oslo/visions/v/{vision.pk}/co-authors/", {"co-user": mia.pk}).status_code == 403
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    client.force_login(mia)
    assert client.get(f"/oslo/visions/v/{vision.pk}/versions/new/").status_code == 403
    assert (
        client.post(f"/oslo/visions/v/{vision.pk}/versions/1/endorse/", {"organisation": acme.pk}).status_code
        == 403
    )
    client.force_login(sven)
    assert client.post(f"/oslo/visions/v/{vision.pk}/versions/1/comment/", {"text": "hi"}).status_code == 403


def test_404s(client, vision, sodertorn):
    assert client.get(f"/sodertorn/visions/v/{vision.pk}/").status_code == 404
    assert client.get(f"/oslo/visions/v/{vision.pk}/versions/9/").status_code == 404
    assert client.get("/oslo/visions/i-nowhere/").status_code == 404
    assert client.get(f"/api/v1/hubs/sodertorn/visions/{vision.pk}").status_code == 404


def test_coauthor_invite(client, vision, stella, bob, vic):
    client.force_login(stella)
    assert client.post(f"/oslo/visions/v/{vision.pk}/co-authors/", {"co-user": bob.pk}).status_code == 302
    assert bob in vision.coauthors.all()
    assert client.post(f"/oslo/visions/v/{vision.pk}/co-authors/", {"co-user": vic.pk}).status_code == 400
    assert client.post(f"/oslo/visions/v/{vision.pk}/co-authors/", {"remove": bob.pk}).status_code == 302
    assert bob not in vision.coauthors.all()


def test_lists_and_panel(client, oslo, olga, courtyard, stella):
    services.vision_create(
        space=Space(hub=oslo, initiative=courtyard), actor=olga, title="Yard vision", text="Trees"
    )
    assert "Yard vision" in client.get("/oslo/visions/").content.decode()
    assert "Yard vision" in client.get("/oslo/visions/i-courtyard/").content.decode()
    from django.template.loader import render_to_string

    html = render_to_string(
        "visions/includes/initiative_panel.html", {"initiative": courtyard, "hub": oslo, "user": stella}
    )
    assert "Yard vision" in html and "Version 1" in html


def test_version_text_is_stored_as_written(vision):
    assert VisionVersion.objects.get(vision=vision).text == "Oslo is green.\n\nWe share streets."
