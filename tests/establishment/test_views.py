"""The establishment pages: who may see them, the area's upload → preview → save, the meeting's
texts and invitations (e-mail, deduplicated, limited, audited)."""

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.audit.models import AuditEntry
from apps.establishment import services
from apps.establishment.models import Invitation, MeetingText
from apps.places.models import Area
from tests.establishment.conftest import OSLO_AREA, make_meeting

PAGES = ["", "area/", "meeting/"]


def url(path=""):
    return f"/oslo/establishment/{path}"


@pytest.mark.parametrize("path", PAGES)
def test_stewards_only(client, run, stella, mia, sven, path):
    assert client.get(url(path)).status_code == 302  # anonymous: to the login
    client.force_login(mia)  # a member
    assert client.get(url(path)).status_code == 403
    client.force_login(sven)  # another hub's steward
    assert client.get(url(path)).status_code == 403
    client.force_login(stella)
    assert client.get(url(path)).status_code == 200


def test_writes_are_refused_to_others(client, run, mia, sven, meeting):
    for person in (mia, sven):
        client.force_login(person)
        assert client.post(url("area/save/"), {"geometry": json.dumps(OSLO_AREA)}).status_code == 403
        assert (
            client.post(
                url("meeting/text/"), {"kind": "invitation", "language": "nb", "body": "x"}
            ).status_code
            == 403
        )
        response = client.post(url("meeting/invite/"), {"event": meeting.pk, "addresses": "a@example.org"})
        assert response.status_code == 403
    assert not Area.objects.exists() and not MeetingText.objects.exists() and not Invitation.objects.exists()
    assert len(mail.outbox) == 0


def test_the_guided_page_shows_the_real_things(client, run, stella):
    client.force_login(stella)
    services.hub_area_save(hub=run.hub, actor=stella, geometry=OSLO_AREA, name="Sentrum")
    page = client.get(url()).content.decode()
    assert "Step 1: " in page and "Step 3: " in page
    assert "1 area drawn" in page
    assert "0 approved partnerships" in page
    assert "No board elected yet." in page
    assert 'href="/oslo/funding/hub/budget/"' in page


def test_upload_preview_then_save(client, run, stella):
    client.force_login(stella)
    upload = SimpleUploadedFile(
        "area.geojson", json.dumps(OSLO_AREA).encode(), content_type="application/geo+json"
    )
    preview = client.post(url("area/"), {"name": "Sentrum", "file": upload})
    assert preview.status_code == 200
    assert b"Preview the area" in preview.content and b"4 corners" in preview.content
    assert not Area.objects.exists()  # nothing saved before the confirmation
    geometry = preview.context["geometry_json"]
    saved = client.post(url("area/save/"), {"geometry": geometry, "name": "Sentrum"})
    assert saved.status_code == 302
    area = Area.objects.get(hub=run.hub, code="hub-area")
    assert area.name == "Sentrum" and area.geometry["type"] == "Polygon"
    assert AuditEntry.objects.filter(action="establishment.area_save", actor=stella).exists()


def test_drawn_geometry_without_a_file(client, run, stella):
    client.force_login(stella)
    response = client.post(url("area/"), {"geometry": json.dumps(OSLO_AREA)})
    assert response.status_code == 200 and b"Save the area" in response.content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", b"not valid JSON"),
        (json.dumps({"type": "Point", "coordinates": [10.7, 59.9]}).encode(), b"not an area"),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[262000, 6650000], [263000, 6650000], [263000, 6651000], [262000, 6650000]]
                    ],
                }
            ).encode(),
            b"EPSG:25833",
        ),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [[[10.7, 59.9], [10.8, 59.95], [10.8, 59.9], [10.7, 59.95], [10.7, 59.9]]],
                }
            ).encode(),
            b"crosses itself",
        ),
        (
            json.dumps(
                {"type": "Polygon", "coordinates": [[[13.3, 52.5], [13.5, 52.5], [13.5, 52.6], [13.3, 52.5]]]}
            ).encode(),
            b"outside Norway",
        ),
    ],
)
def test_bad_uploads_say_why_and_save_nothing(client, run, stella, content, message):
    client.force_login(stella)
    response = client.post(url("area/"), {"file": SimpleUploadedFile("area.geojson", content)})
    assert response.status_code == 400
    assert message in response.content and b'role="alert"' in response.content
    assert not Area.objects.exists()


def test_a_tampered_confirmation_is_checked_again(client, run, stella):
    client.force_login(stella)
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[10.7, 59.9], [10.8, 59.95], [10.8, 59.9], [10.7, 59.95], [10.7, 59.9]]],
    }
    response = client.post(url("area/save/"), {"geometry": json.dumps(bowtie), "name": "X"})
    assert response.status_code == 400 and b"crosses itself" in response.content
    assert (
        not Area.objects.exists() and not AuditEntry.objects.filter(action="establishment.area_save").exists()
    )


def test_meeting_texts_default_edit_and_reset(client, run, stella, meeting):
    client.force_login(stella)
    page = client.get(url("meeting/?language=sv")).content.decode()
    assert "Inbjudan till sonderingsmöte" in page and "Deichman Bjørvika" in page  # the preview filled in
    response = client.post(
        url("meeting/text/"),
        {"kind": "invitation", "language": "en", "body": "Come to {hub} on {date}!\nSee {link}"},
    )
    assert response.status_code == 302
    assert MeetingText.objects.get(hub=run.hub, kind="invitation", language="en").body.startswith(
        "Come to {hub}"
    )
    subject, body = services.render_message(hub=run.hub, event=meeting, language="en")
    day = services.texts.meeting_values(hub=run.hub, event=meeting, link="", language="en")["date"]
    assert subject == f"Come to {run.hub.name} on {day}!"
    assert f"/oslo/events/e/{meeting.pk}/" in body
    client.post(url("meeting/text/"), {"kind": "invitation", "language": "en", "body": ""})
    assert MeetingText.objects.get(hub=run.hub, kind="invitation", language="en").body.startswith(
        "Invitation to an exploratory"
    )
    assert AuditEntry.objects.filter(action="establishment.text_edit").count() == 2


def test_sending_invitations(client, run, stella, meeting, django_capture_on_commit_callbacks):
    client.force_login(stella)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("meeting/invite/"),
            {
                "event": meeting.pk,
                "language": "nb",
                "addresses": "Ada@Example.org, bo@example.org\nada@example.org; <cy@example.org>",
            },
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "bo@example.org", "cy@example.org"]
    message = mail.outbox[0]
    assert message.subject.startswith("Invitasjon til sonderingsmøte")
    assert f"/oslo/events/e/{meeting.pk}/" in message.body and "Program for sonderingsmøtet" in message.body
    assert Invitation.objects.filter(event=meeting).count() == 3
    entry = AuditEntry.objects.get(action="establishment.invitations_send")
    assert entry.data["count"] == 3 and "ada@example.org" not in json.dumps(entry.data)
    # Again: only the new address is sent to.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("meeting/invite/"),
            {"event": meeting.pk, "language": "nb", "addresses": "bo@example.org dan@example.org"},
        )
    assert [m.to for m in mail.outbox] == [["dan@example.org"]]


def test_one_bad_address_and_nothing_is_sent(client, run, stella, meeting):
    client.force_login(stella)
    response = client.post(
        url("meeting/invite/"), {"event": meeting.pk, "addresses": "ok@example.org, not-an-address"}
    )
    assert response.status_code == 400
    assert b"not-an-address" in response.content and b"Nothing was sent" in response.content
    assert b"ok@example.org, not-an-address" in response.content  # kept for correcting
    assert not Invitation.objects.exists() and not mail.outbox


def test_limits(client, run, stella, meeting, monkeypatch):
    client.force_login(stella)
    too_many = " ".join(f"p{i}@example.org" for i in range(services.MAX_PER_SEND + 1))
    response = client.post(url("meeting/invite/"), {"event": meeting.pk, "addresses": too_many})
    assert response.status_code == 400 and b"at most 50" in response.content
    monkeypatch.setattr(services, "MAX_PER_HOUR", 3)
    services.invitations_send(
        hub=run.hub, actor=stella, event=meeting, addresses="a@x.org b@x.org", language="nb"
    )
    response = client.post(url("meeting/invite/"), {"event": meeting.pk, "addresses": "c@x.org d@x.org"})
    assert response.status_code == 400 and b"1 more can go now" in response.content
    assert Invitation.objects.count() == 2


def test_only_coming_exploratory_meetings_of_the_hub(client, run, stella, sodertorn):
    client.force_login(stella)
    past = make_meeting(run.hub, days=-3)
    response = client.post(url("meeting/invite/"), {"event": past.pk, "addresses": "a@example.org"})
    assert response.status_code == 400 and b"already begun" in response.content
    elsewhere = make_meeting(sodertorn)
    assert (
        client.post(url("meeting/invite/"), {"event": elsewhere.pk, "addresses": "a@example.org"}).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_notice_on_the_hub_page_leads_stewards_to_the_guide(client, run, stella, mia):
    client.force_login(stella)
    assert b'href="/oslo/establishment/"' in client.get("/oslo/").content
    client.force_login(mia)
    page = client.get("/oslo/").content
    assert b'href="/oslo/establishment/"' not in page and b'href="/oslo/processes/establishment/"' in page
