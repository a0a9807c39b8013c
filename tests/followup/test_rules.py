"""Who may do what in follow-up, cell by cell. A steward of another hub (sven) has no power."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from apps.followup.models import Meeting, Task

ROLES = ["stella", "nora", "bob", "mia", "tina", "walter", "vic", "sven", "anonymous"]


@pytest.fixture
def cast(request, stella, nora, bob, mia, tina, walter, vic, sven):
    return {
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "tina": tina,
        "walter": walter,
        "vic": vic,
        "sven": sven,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def meeting(idea, stella, walter):
    meeting = Meeting.objects.create(
        hub=idea.hub, initiative=idea, scheduled_at=timezone.now(), created_by=stella
    )
    meeting.participants.set([idea.owner, walter])
    return meeting


@pytest.fixture
def task(idea, stella, walter):
    # Created by stella, assigned to walter (an ordinary member, not on the team).
    return Task.objects.create(
        hub=idea.hub, initiative=idea, title="Call the city", assignee=walter, created_by=stella
    )


def _check(cast, perm, obj, allowed):
    got = {role for role in ROLES if cast[role].has_perm(perm, obj)}
    assert got == set(allowed), perm


#            permission                         allowed roles
HUB_TABLE = [
    ("followup.view_queue", {"stella", "nora", "bob"}),
    ("followup.schedule_meeting", {"stella", "nora"}),
    ("followup.add_task", {"stella", "nora"}),
]
INITIATIVE_TABLE = [
    ("followup.view_initiative", {"stella", "nora", "bob", "mia", "tina"}),
    ("followup.schedule_meeting", {"stella", "nora"}),
    ("followup.add_task", {"stella", "nora", "mia", "tina"}),
]
MEETING_TABLE = [
    ("followup.view_meeting", {"stella", "nora", "bob", "mia", "tina", "walter"}),
    ("followup.record_minutes", {"stella", "nora"}),
    ("followup.add_action_point", {"stella", "nora"}),
]
TASK_TABLE = [
    ("followup.change_task", {"stella", "nora", "mia", "tina"}),
    ("followup.update_task_status", {"stella", "nora", "walter"}),
    ("followup.view_task", {"stella", "nora", "bob", "mia", "tina", "walter"}),
]


@pytest.mark.parametrize(("perm", "allowed"), HUB_TABLE)
def test_hub_permissions(cast, oslo, perm, allowed):
    _check(cast, perm, oslo, allowed)


@pytest.mark.parametrize(("perm", "allowed"), INITIATIVE_TABLE)
def test_initiative_permissions(cast, idea, perm, allowed):
    _check(cast, perm, idea, allowed)


@pytest.mark.parametrize(("perm", "allowed"), MEETING_TABLE)
def test_meeting_permissions(cast, meeting, perm, allowed):
    _check(cast, perm, meeting, allowed)


@pytest.mark.parametrize(("perm", "allowed"), TASK_TABLE)
def test_task_permissions(cast, task, perm, allowed):
    _check(cast, perm, task, allowed)


def test_sven_leads_his_own_hub_only(sodertorn, sven, idea):
    assert sven.has_perm("followup.view_queue", sodertorn)
    assert sven.has_perm("followup.schedule_meeting", sodertorn)
    assert not sven.has_perm("followup.schedule_meeting", idea)
    assert not sven.has_perm("followup.view_initiative", idea)
