"""Pages: confidential by default (404 for anyone who is neither a lead nor a party), the public
page shows only the published parts, bad input is a 400 with nothing saved."""

import pytest

from apps.dialogues import services
from apps.dialogues.models import Dialogue, DialogueMeeting, NextStep, Participant, Value
from apps.followup.models import Task

pytestmark = pytest.mark.django_db

SECRET_TEXTS = ["Conditions text", "Goals text", "Solutions text", "Secret notes text"]


def url(dialogue, tail=""):
    return f"/oslo/dialogues/{dialogue.pk}/{tail}"


ALL_PAGES = ["", "edit/", "participants/", "values/", "next-steps/", "publication/"]


def test_confidential_dialogue_is_404_for_outsiders(client, full_record, mia, bob, vic, sven):
    for person in (None, mia, bob, vic, sven):
        if person is None:
            client.logout()
        else:
            client.force_login(person)
        for tail in ALL_PAGES:
            response = client.get(url(full_record, tail))
            assert response.status_code in (404, 302), (person, tail)
            if person is not None:
                assert response.status_code == 404, (person, tail)
        if person is not None:
            assert (
                client.post(url(full_record, "meetings/"), {"meeting-held_on": "2026-05-05"}).status_code
                == 404
            )
        assert "Frogner brygge" not in client.get("/oslo/dialogues/").content.decode()
    assert DialogueMeeting.objects.count() == 1


def test_another_hubs_url_is_404(client, full_record, sven, stella):
    client.force_login(stella)
    assert client.get(f"/sodertorn/dialogues/{full_record.pk}/").status_code == 404
    assert client.get("/oslo/dialogues/99999/").status_code == 404


def test_leads_see_everything(client, full_record, stella):
    client.force_login(stella)
    page = client.get(url(full_record)).content.decode()
    for text in [
        *SECRET_TEXTS,
        "Meeting notes text",
        "Dana Kommune",
        "dana@example.org",
        "Send the land map",
        "A public square",
        "Target 11.7",
        "Acme Byutvikling",
    ]:
        assert text in page, text
    assert "Frogner brygge" in client.get("/oslo/dialogues/").content.decode()
    for tail in ALL_PAGES:
        assert client.get(url(full_record, tail)).status_code == 200, tail


def test_parties_see_the_record_but_not_private_notes(client, full_record, dana, petra):
    for person in (dana, petra):
        client.force_login(person)
        page = client.get(url(full_record)).content.decode()
        assert "Conditions text" in page and "Meeting notes text" in page and "Send the land map" in page
        assert "Secret notes text" not in page
        assert "Frogner brygge" in client.get("/oslo/dialogues/").content.decode()
        for tail in ("edit/", "participants/", "next-steps/", "publication/"):
            assert client.get(url(full_record, tail)).status_code == 403, tail
        assert client.get(url(full_record, "values/")).status_code == 200


PARTS = {
    "conditions": "Conditions text",
    "goals": "Goals text",
    "solutions": "Solutions text",
    "values": "A public square by the water",
    "organisations": "Acme Byutvikling",
    "meetings": "4 May 2026",
    "next_steps": "Send the land map",
}


@pytest.mark.parametrize("part", list(PARTS))
def test_public_page_shows_each_part_only_when_published(client, full_record, stella, mia, part):
    services.publication_set(dialogue=full_record, actor=stella, parts=["summary"])
    client.force_login(mia)
    page = client.get(url(full_record)).content.decode()
    assert "Frogner brygge" in page and "Public summary text" in page
    assert PARTS[part] not in page
    services.publication_set(dialogue=full_record, actor=stella, parts=["summary", part])
    page = client.get(url(full_record)).content.decode()
    assert PARTS[part] in page
    # never: private notes, meeting notes, people and their contact data
    for text in ("Secret notes text", "Meeting notes text", "Dana Kommune", "dana@example.org", "Petra"):
        assert text not in page, text
    for tail in ALL_PAGES[1:]:
        assert client.get(url(full_record, tail)).status_code == 404, tail


def test_public_page_for_anonymous_and_listed(client, full_record, stella):
    services.publication_set(dialogue=full_record, actor=stella, parts=["summary", "values"])
    assert client.get(url(full_record)).status_code == 200
    assert "Frogner brygge" in client.get("/oslo/dialogues/").content.decode()
    services.publication_set(dialogue=full_record, actor=stella, parts=[])
    assert client.get(url(full_record)).status_code == 404


def test_create_edit_and_bad_input(client, oslo, stella, frogner):
    client.force_login(stella)
    assert client.get("/oslo/dialogues/new/").status_code == 200
    response = client.post(
        "/oslo/dialogues/new/", {"title": "No place", "stage": "programme", "status": "ongoing"}
    )
    assert response.status_code == 400 and not Dialogue.objects.exists()
    response = client.post(
        "/oslo/dialogues/new/", {"title": "X", "area": frogner.pk, "stage": "dreams", "status": "ongoing"}
    )
    assert response.status_code == 400 and not Dialogue.objects.exists()
    response = client.post(
        "/oslo/dialogues/new/",
        {
            "title": "Brygga",
            "area": frogner.pk,
            "stage": "programme",
            "status": "ongoing",
            "summary": "**Hi**",
        },
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    response = client.post(
        url(dialogue, "edit/"),
        {"title": "Brygga 2", "area": frogner.pk, "stage": "detailed_plan", "status": "paused"},
    )
    assert response.status_code == 302
    dialogue.refresh_from_db()
    assert (dialogue.title, dialogue.stage, dialogue.status) == ("Brygga 2", "detailed_plan", "paused")
    assert client.post(url(dialogue, "edit/"), {"title": "", "area": frogner.pk}).status_code == 400


def test_create_is_403_for_non_leads(client, mia, sven, dana):
    for person in (mia, sven, dana):
        client.force_login(person)
        assert client.get("/oslo/dialogues/new/").status_code == 403


def test_participants_page(client, dialogue, stella, dana, acme, petra, mia):
    client.force_login(stella)
    response = client.post(url(dialogue, "participants/"), {"role": "municipality", "user": dana.pk})
    assert response.status_code == 302
    response = client.post(
        url(dialogue, "participants/"), {"role": "landowner", "user": mia.pk, "organisation": acme.pk}
    )
    assert response.status_code == 400
    assert client.post(url(dialogue, "participants/"), {"role": "landowner"}).status_code == 400
    assert (
        client.post(url(dialogue, "participants/"), {"role": "municipality", "user": dana.pk}).status_code
        == 400
    )
    assert Participant.objects.count() == 1
    participant = Participant.objects.get()
    assert client.post(url(dialogue, "participants/"), {"remove": "x"}).status_code == 400
    assert client.post(url(dialogue, "participants/"), {"remove": participant.pk}).status_code == 302
    assert not Participant.objects.exists()


def test_values_page_party_writes_own(client, dialogue, dana, petra, with_parties, target_11_7):
    client.force_login(dana)
    page = client.get(url(dialogue, "values/")).content.decode()
    assert "Acme Byutvikling" not in page.split('id="add-heading"')[1]  # only dana's own party to choose
    response = client.post(
        url(dialogue, "values/"),
        {"participant": with_parties["landowner"].pk, "kind": "economic", "description": "Not mine"},
    )
    assert response.status_code == 400
    response = client.post(
        url(dialogue, "values/"),
        {
            "participant": with_parties["municipality"].pk,
            "kind": "social",
            "description": "Mine",
            "sdg_targets": [target_11_7.pk],
        },
    )
    assert response.status_code == 302
    value = Value.objects.get()
    client.force_login(petra)
    assert client.post(url(dialogue, f"values/{value.pk}/remove/")).status_code == 403
    client.force_login(dana)
    assert client.post(url(dialogue, f"values/{value.pk}/remove/")).status_code == 302
    assert not Value.objects.exists()


def test_meeting_and_next_step_pages(client, dialogue, stella, dana, with_parties):
    client.force_login(dana)
    assert client.post(url(dialogue, "meetings/"), {"meeting-held_on": "nope"}).status_code == 400
    assert (
        client.post(
            url(dialogue, "meetings/"), {"meeting-held_on": "2026-06-01", "meeting-notes": "n"}
        ).status_code
        == 302
    )
    client.force_login(stella)
    assert client.post(url(dialogue, "next-steps/"), {"title": "", "assignee": dana.pk}).status_code == 400
    response = client.post(
        url(dialogue, "next-steps/"),
        {"title": "Survey the soil", "assignee": dana.pk, "due_on": "2026-08-01"},
    )
    assert response.status_code == 302
    assert Task.objects.get().assignee == dana and NextStep.objects.count() == 1
    client.force_login(dana)
    assert "Survey the soil" in client.get("/me/tasks/").content.decode()


def test_publication_page(client, dialogue, stella):
    client.force_login(stella)
    assert client.post(url(dialogue, "publication/"), {"parts": ["values"]}).status_code == 400
    assert client.post(url(dialogue, "publication/"), {"parts": ["private_notes"]}).status_code == 400
    assert client.post(url(dialogue, "publication/"), {"parts": ["summary", "values"]}).status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.published_parts == ["summary", "values"]


def test_area_panel_and_steward_link(client, oslo, dialogue, stella, frogner, mia):
    services.publication_set(dialogue=dialogue, actor=stella, parts=["summary"])
    other = services.dialogue_create(hub=oslo, actor=stella, title="Hidden harbour", area=frogner)
    page = client.get(f"/oslo/areas/{frogner.code}/").content.decode()
    assert "Frogner brygge" in page and "Hidden harbour" not in page and other.pk
    client.force_login(stella)
    assert "/oslo/dialogues/" in client.get("/oslo/").content.decode()
    client.force_login(mia)
    assert "/oslo/dialogues/" not in client.get("/oslo/").content.decode()
