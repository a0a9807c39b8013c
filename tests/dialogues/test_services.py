"""Services: validation, nothing half saved, tasks as next steps, notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.dialogues import services
from apps.dialogues.models import Dialogue, DialogueMeeting, NextStep, Participant, Value
from apps.followup.models import Task
from apps.notifications.models import Notification
from apps.places.models import Area, AreaLevel
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_is_confidential_and_needs_a_place(oslo, stella, frogner):
    with pytest.raises(ValidationError) as exc:
        services.dialogue_create(hub=oslo, actor=stella, title="Nowhere")
    assert "area" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.dialogue_create(hub=oslo, actor=stella, title="  ", area=frogner)
    with pytest.raises(ValidationError):
        services.dialogue_create(hub=oslo, actor=stella, title="X", area=frogner, stage="dreaming")
    assert not Dialogue.objects.exists()
    dialogue = services.dialogue_create(hub=oslo, actor=stella, title="Pier", area=frogner)
    assert dialogue.published_parts == [] and not dialogue.is_public
    assert dialogue.stage == "early_idea"


def test_area_of_another_hub_is_refused(oslo, stella, sodertorn):
    level = AreaLevel.objects.create(hub=sodertorn, slug="b", name="Basområde")
    fittja = Area.objects.create(hub=sodertorn, level=level, code="5110320", name="Fittja gård")
    with pytest.raises(ValidationError) as exc:
        services.dialogue_create(hub=oslo, actor=stella, title="X", area=fittja)
    assert exc.value.message_dict["area"] == ["The area belongs to another hub."]


def test_only_leads_create_and_change(oslo, mia, sven, frogner, dialogue, dana, with_parties):
    for person in (mia, sven, dana):
        with pytest.raises(PermissionDenied):
            services.dialogue_create(hub=oslo, actor=person, title="X", area=frogner)
        with pytest.raises(PermissionDenied):
            services.dialogue_update(dialogue=dialogue, actor=person, title="Mine")


def test_update_keeps_the_place_unless_given(dialogue, stella):
    services.dialogue_update(dialogue=dialogue, actor=stella, title="New", stage="detailed_plan")
    dialogue.refresh_from_db()
    assert dialogue.title == "New" and dialogue.area is not None and dialogue.stage == "detailed_plan"
    with pytest.raises(ValidationError):
        services.dialogue_update(dialogue=dialogue, actor=stella, area=None)
    dialogue.refresh_from_db()
    assert dialogue.area is not None


def test_participants_told_and_unique(dialogue, stella, dana, petra, acme, with_parties):
    assert Notification.objects.filter(recipient=dana, kind="dialogue").count() == 1
    assert (
        Notification.objects.filter(recipient=petra, kind="dialogue").count() == 1
    )  # as Acme's representative
    with pytest.raises(ValidationError) as exc:
        services.participant_add(dialogue=dialogue, actor=stella, role="developer", user=dana)
    assert exc.value.code == "duplicate"
    with pytest.raises(ValidationError):
        services.participant_add(dialogue=dialogue, actor=stella, role="developer", organisation=acme)
    # petra for Acme is a different party from Acme itself
    services.participant_add(dialogue=dialogue, actor=stella, role="landowner", user=petra, organisation=acme)
    assert Participant.objects.filter(dialogue=dialogue).count() == 3


def test_a_person_must_represent_the_organisation(dialogue, stella, mia, acme):
    with pytest.raises(ValidationError) as exc:
        services.participant_add(
            dialogue=dialogue, actor=stella, role="landowner", user=mia, organisation=acme
        )
    assert "user" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.participant_add(dialogue=dialogue, actor=stella, role="landowner")
    with pytest.raises(ValidationError):
        services.participant_add(dialogue=dialogue, actor=stella, role="king", user=mia)
    assert not Participant.objects.exists()


def test_values_by_party(dialogue, stella, dana, petra, mia, with_parties, target_11_7, climate, sodertorn):
    municipality, landowner = with_parties["municipality"], with_parties["landowner"]
    value = services.value_add(
        dialogue=dialogue,
        actor=dana,
        participant=municipality,
        kind="ecological",
        description="A green pier",
        sdg_targets=[target_11_7],
        hub_goals=[climate],
    )
    assert list(value.sdg_targets.all()) == [target_11_7] and list(value.hub_goals.all()) == [climate]
    with pytest.raises(PermissionDenied):  # dana writes for Acme
        services.value_add(
            dialogue=dialogue, actor=dana, participant=landowner, kind="social", description="x"
        )
    with pytest.raises(PermissionDenied):
        services.value_add(
            dialogue=dialogue, actor=mia, participant=municipality, kind="social", description="x"
        )
    with pytest.raises(ValidationError):
        services.value_add(
            dialogue=dialogue, actor=petra, participant=landowner, kind="spiritual", description="x"
        )
    with pytest.raises(ValidationError):
        services.value_add(
            dialogue=dialogue, actor=petra, participant=landowner, kind="social", description=" "
        )
    from apps.goals.models import HubGoal

    other = HubGoal.objects.create(hub=sodertorn, code="jobs", title="Jobs")
    with pytest.raises(ValidationError):
        services.value_add(
            dialogue=dialogue,
            actor=stella,
            participant=landowner,
            kind="social",
            description="x",
            hub_goals=[other],
        )
    assert Value.objects.count() == 1
    # petra may not change dana's value; stella may
    with pytest.raises(PermissionDenied):
        services.value_remove(value=value, actor=petra)
    services.value_update(
        value=value, actor=stella, participant=municipality, kind="social", description="Park"
    )
    value.refresh_from_db()
    assert value.kind == "social" and value.sdg_targets.count() == 0
    services.value_remove(value=value, actor=dana)
    assert not Value.objects.exists()


def test_a_party_with_values_is_not_removed_silently(dialogue, stella, dana, with_parties):
    services.value_add(
        dialogue=dialogue,
        actor=dana,
        participant=with_parties["municipality"],
        kind="social",
        description="x",
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_remove(participant=with_parties["municipality"], actor=stella)
    assert exc.value.code == "has_values"
    assert Participant.objects.count() == 2


def test_meetings(dialogue, dana, mia, with_parties):
    services.meeting_add(dialogue=dialogue, actor=dana, held_on=datetime.date(2026, 5, 4), notes="Walk")
    with pytest.raises(PermissionDenied):
        services.meeting_add(dialogue=dialogue, actor=mia, held_on=datetime.date(2026, 5, 4))
    with pytest.raises(ValidationError):
        services.meeting_add(dialogue=dialogue, actor=dana, held_on=None)
    assert DialogueMeeting.objects.count() == 1


def test_next_steps_are_tasks_for_parties(oslo, dialogue, stella, dana, petra, mia, with_parties):
    step = services.next_step_add(
        dialogue=dialogue,
        actor=stella,
        title="Send the land map",
        assignee=dana,
        due_on=datetime.date(2026, 7, 1),
    )
    task = step.task
    assert task.hub == oslo and task.assignee == dana and task.status == Task.Status.OPEN
    assert Notification.objects.filter(recipient=dana, kind="task").exists()  # from follow-up
    assert Notification.objects.filter(recipient=petra, kind="dialogue").count() == 2  # added, next step
    with pytest.raises(ValidationError) as exc:  # mia is no party
        services.next_step_add(dialogue=dialogue, actor=stella, title="X", assignee=mia)
    assert "assignee" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.next_step_add(dialogue=dialogue, actor=dana, title="X", assignee=dana)
    with pytest.raises(ValidationError):
        services.next_step_add(dialogue=dialogue, actor=stella, title="", assignee=dana)
    # follow-up's own checks: petra is no member of Oslo, so no task for her, and nothing half saved
    with pytest.raises(ValidationError):
        services.next_step_add(dialogue=dialogue, actor=stella, title="X", assignee=petra)
    with pytest.raises(ValidationError):
        services.next_step_add(
            dialogue=dialogue,
            actor=stella,
            title="X",
            assignee=dana,
            due_on=datetime.date(2026, 7, 1),
            description="x" * 30_000,
        )
    assert Task.objects.count() == 1 and NextStep.objects.count() == 1


def test_publication_choices(dialogue, stella, dana, mia, with_parties):
    with pytest.raises(ValidationError):
        services.publication_set(dialogue=dialogue, actor=stella, parts=["values"])  # without the summary
    with pytest.raises(ValidationError):
        services.publication_set(dialogue=dialogue, actor=stella, parts=["summary", "private_notes"])
    with pytest.raises(PermissionDenied):
        services.publication_set(dialogue=dialogue, actor=dana, parts=["summary"])
    services.publication_set(dialogue=dialogue, actor=stella, parts=["values", "summary"])
    dialogue.refresh_from_db()
    assert dialogue.published_parts == ["summary", "values"] and dialogue.is_public
    assert dialogue.is_published("values") and not dialogue.is_published("goals")
    services.publication_set(dialogue=dialogue, actor=stella, parts=[])
    dialogue.refresh_from_db()
    assert not dialogue.is_public and not dialogue.is_published("values")


def test_a_superuser_writes_values_for_any_party(dialogue, root, with_parties):
    services.value_add(
        dialogue=dialogue, actor=root, participant=with_parties["landowner"], kind="social", description="x"
    )


def test_value_of_another_dialogue_party_is_refused(oslo, dialogue, stella, frogner, with_parties):
    other = services.dialogue_create(hub=oslo, actor=stella, title="Other", area=frogner)
    with pytest.raises(ValidationError):
        services.value_add(
            dialogue=other,
            actor=stella,
            participant=with_parties["landowner"],
            kind="social",
            description="x",
        )


def test_removed_member_cannot_get_tasks(oslo, dialogue, stella, with_parties):
    outsider = UserFactory()
    services.participant_add(dialogue=dialogue, actor=stella, role="developer", user=outsider)
    with pytest.raises(ValidationError):
        services.next_step_add(dialogue=dialogue, actor=stella, title="X", assignee=outsider)
    MembershipFactory(hub=oslo, user=outsider)
    services.next_step_add(dialogue=dialogue, actor=stella, title="X", assignee=outsider)
