"""Pages: search, entries, proposals, case studies, courses, feeds followed; permissions and
bad input."""

import pytest

from apps.library import services
from apps.library.models import Course, Entry

pytestmark = pytest.mark.django_db


def test_index_search_and_kinds(client, oslo, stella):
    services.entry_create(
        actor=stella, hub=oslo, kind="method", title="Gåtur i nabolaget", licence="cc0-1.0", publish=True
    )
    services.entry_create(
        actor=stella,
        hub=oslo,
        kind="template",
        title="Invitasjon",
        licence="cc0-1.0",
        body="ØKT på Tøyen",
        publish=True,
    )
    services.entry_create(actor=stella, hub=oslo, kind="guide", title="Utkast om Tøyen", licence="cc0-1.0")
    response = client.get("/oslo/library/")
    assert response.status_code == 200
    assert [e.title for e in response.context["entries"]] == ["Invitasjon", "Gåtur i nabolaget"]
    # case-folded on SQLite and PostgreSQL alike; drafts never found
    assert [e.title for e in client.get("/oslo/library/?q=tøyen økt").context["entries"]] == ["Invitasjon"]
    assert [e.title for e in client.get("/oslo/library/?q=GÅTUR").context["entries"]] == ["Gåtur i nabolaget"]
    assert [e.title for e in client.get("/oslo/library/?kind=template").context["entries"]] == ["Invitasjon"]
    assert client.get("/oslo/library/?q=100%25").context["entries"] == []
    assert client.get("/sodertorn/library/").status_code in (200, 404)


def test_index_paginates(client, oslo, stella):
    for n in range(25):
        services.entry_create(
            actor=stella, hub=oslo, kind="method", title=f"Metode {n}", licence="cc0-1.0", publish=True
        )
    assert len(client.get("/oslo/library/").context["entries"]) == 20
    assert len(client.get("/oslo/library/?page=2").context["entries"]) == 5


def test_entry_page_shows_licence(client, published):
    response = client.get(published.get_absolute_url())
    content = response.content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in content
    assert "CC BY 4.0" in content and "<h2>" in content


def test_draft_hidden_from_others(client, oslo, mia, vic, sven, stella):
    draft = services.entry_create(actor=mia, hub=oslo, kind="guide", title="Utkast", licence="cc0-1.0")
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    for person, status in ((vic, 404), (sven, 404), (mia, 200), (stella, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status
    assert client.get(f"/sodertorn/library/e/{draft.pk}/").status_code == 404


def test_member_proposes_lead_publishes(client, oslo, mia, stella):
    client.force_login(mia)
    response = client.post(
        "/oslo/library/new/",
        {"kind": "lesson", "title": "Lærdom", "language": "nb", "licence": "cc-by-4.0", "publish": "1"},
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and entry.status == "proposed"
    assert client.post(f"/oslo/library/e/{entry.pk}/publish/").status_code == 403
    client.force_login(stella)
    assert client.post(f"/oslo/library/e/{entry.pk}/publish/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == "published"


def test_entry_without_licence_is_a_400(client, oslo, stella):
    client.force_login(stella)
    response = client.post(
        "/oslo/library/new/", {"kind": "guide", "title": "Uten", "language": "nb", "licence": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["licence"][0].code == "required"
    assert not Entry.objects.exists()


def test_visitor_cannot_add(client, oslo, vic, sven):
    for person in (vic, sven):
        client.force_login(person)
        assert client.get("/oslo/library/new/").status_code == 403


def test_edit_permissions(client, published, mia, stella):
    url = f"{published.get_absolute_url()}edit/"
    client.force_login(mia)
    assert client.get(url).status_code == 403
    client.force_login(stella)
    response = client.post(
        url, {"kind": "method", "title": "Nytt navn", "language": "nb", "licence": "cc0-1.0", "body": "x"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Nytt navn"


def test_case_study_journey(client, benches, olga, lena, tom, stella):
    client.force_login(tom)
    assert client.post("/oslo/library/case-studies/benches/draft/").status_code == 403
    client.force_login(olga)
    page = client.get("/oslo/initiatives/benches/")
    assert "/oslo/library/case-studies/benches/draft/" in page.content.decode()
    response = client.post("/oslo/library/case-studies/benches/draft/")
    entry = Entry.objects.get(initiative=benches)
    assert response.status_code == 302 and response["Location"].endswith(f"/e/{entry.pk}/edit/")
    assert client.post("/oslo/library/case-studies/benches/draft/").status_code == 400
    client.force_login(stella)
    assert client.post(f"/oslo/library/e/{entry.pk}/approve/").status_code == 403
    client.force_login(lena)
    assert client.post(f"/oslo/library/e/{entry.pk}/approve/").status_code == 302
    client.logout()
    assert entry.title in client.get("/oslo/initiatives/benches/").content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_course_journey(client, oslo, stella, mia, vic):
    client.force_login(stella)
    response = client.post(
        "/oslo/library/courses/", {"title": "Stedskapingskolen", "language": "nb", "licence": "cc-by-4.0"}
    )
    course = Course.objects.get()
    assert response.status_code == 302
    assert client.post(f"/oslo/library/courses/{course.pk}/", {"title": "", "body": ""}).status_code == 400
    for title in ("Én", "To"):
        client.post(f"/oslo/library/courses/{course.pk}/", {"title": title, "body": f"Leksjon {title}"})
    client.post(f"/oslo/library/courses/{course.pk}/publish/", {"published": "1"})
    client.force_login(mia)
    assert client.post(f"/oslo/library/courses/{course.pk}/", {"title": "x", "body": "y"}).status_code == 403
    assert client.post(f"/oslo/library/courses/{course.pk}/1/")["Location"].endswith(
        f"/courses/{course.pk}/2/"
    )
    client.post(f"/oslo/library/courses/{course.pk}/2/")
    page = client.get(f"/oslo/library/courses/{course.pk}/")
    assert page.context["progress"].finished_at is not None
    client.logout()
    assert client.post(f"/oslo/library/courses/{course.pk}/1/").status_code == 302
    assert client.get(f"/oslo/library/courses/{course.pk}/1/").status_code == 200


def test_unpublished_course_hidden(client, oslo, stella, mia):
    course = Course.objects.create(hub=oslo, title="Hemmelig")
    client.force_login(mia)
    assert client.get(f"/oslo/library/courses/{course.pk}/").status_code == 404
    assert client.get("/oslo/library/courses/").context["courses"] == []


def test_feeds_page_for_leads_only(client, oslo, stella, mia, sven):
    for person, status in ((mia, 403), (sven, 403), (stella, 200)):
        client.force_login(person)
        assert client.get("/oslo/library/feeds/").status_code == status


def test_subscribe_bad_url_is_a_400(client, oslo, stella):
    client.force_login(stella)
    response = client.post("/oslo/library/feeds/", {"feed_url": "file:///etc/passwd"})
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["feed_url"][0].code == "scheme"
