"""Follow-up pages: the queue, an initiative's follow-up, meetings, tasks, my tasks, the panel."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from apps.followup.models import Meeting, Task
from apps.notifications.models import Notification
from tests.followup.conftest import make_initiative

QUEUE = "/oslo/follow-up/"


def meeting_for(idea, stella, days=2, **kwargs):
    meeting = Meeting.objects.create(
        hub=idea.hub,
        initiative=idea,
        scheduled_at=timezone.now() + timedelta(days=days),
        created_by=stella,
        **kwargs,
    )
    meeting.participants.set([idea.owner])
    return meeting


@pytest.mark.parametrize(
    ("who", "status"), [("stella", 200), ("nora", 200), ("bob", 200), ("mia", 403), ("sven", 403)]
)
def test_the_queue_is_for_stewards_network_lead_and_board(client, idea, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(QUEUE).status_code == status


def test_the_queue_lists_new_ideas_upcoming_meetings_and_missing_minutes(
    client, oslo, idea, stella, mia, bob
):
    clarified = make_initiative(oslo, mia, slug="bench", title="Benches from reused wood")
    meeting_for(clarified, stella, days=-3, kind=Meeting.Kind.CLARIFICATION)  # past, no minutes
    advisory = meeting_for(clarified, stella, days=4, kind=Meeting.Kind.ADVISORY)
    make_initiative(oslo, mia, slug="done", title="Finished thing", status="completed")
    client.force_login(stella)
    html = client.get(QUEUE).content.decode()
    ideas = html[html.index('id="ideas-heading"') : html.index('id="upcoming-heading"')]
    assert "Community garden at Tøyen" in ideas and "Benches" not in ideas and "Finished thing" not in ideas
    assert "Schedule clarification" in ideas
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="minutes-heading"')]
    assert f"/oslo/follow-up/meetings/{advisory.pk}/" in upcoming
    assert "No minutes yet" in html[html.index('id="minutes-heading"') :]
    client.force_login(bob)  # the board reads, but does not schedule
    assert "Schedule clarification" not in client.get(QUEUE).content.decode()


def test_a_steward_schedules_a_meeting_from_the_form(client, idea, stella, walter):
    client.force_login(stella)
    url = f"/oslo/follow-up/initiatives/{idea.slug}/meetings/new/"
    page = client.get(url + "?kind=advisory")
    assert page.status_code == 200 and 'value="advisory" id="id_kind_1" checked' in page.content.decode()
    response = client.post(
        url,
        {
            "kind": "clarification",
            "scheduled_at": "2031-03-04T10:00",
            "ends_at": "2031-03-04T11:00",
            "location": "Tøyen",
            "participants": [walter.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/oslo/follow-up/meetings/{meeting.pk}/"
    assert meeting.scheduled_at.isoformat() == "2031-03-04T09:00:00+00:00"  # 10:00 in Oslo
    assert meeting.duration_minutes == 60


@pytest.mark.parametrize(
    "data",
    [
        {"scheduled_at": "2031-03-04T10:00", "ends_at": "2031-03-04T09:00"},  # ends before it starts
        {"scheduled_at": "not a time"},
        {"scheduled_at": "2031-03-04T10:00", "location": "x" * 301},  # oversized
    ],
)
def test_bad_meeting_input_is_a_400_and_saves_nothing(client, idea, stella, data):
    client.force_login(stella)
    response = client.post(
        f"/oslo/follow-up/initiatives/{idea.slug}/meetings/new/", {"kind": "clarification", **data}
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists() and not Notification.objects.exists()


def test_others_cannot_schedule(client, idea, mia, sven):
    for user in (mia, sven):
        client.force_login(user)
        assert client.get(f"/oslo/follow-up/initiatives/{idea.slug}/meetings/new/").status_code == 403


def test_minutes_and_action_points_on_the_meeting_page(client, idea, stella, walter):
    meeting = meeting_for(idea, stella, days=-1)
    client.force_login(stella)
    page = client.get(f"/oslo/follow-up/meetings/{meeting.pk}/")
    assert page.status_code == 200 and "Record the minutes" in page.content.decode()
    assert "Possible matches" in page.content.decode()
    r = client.post(
        f"/oslo/follow-up/meetings/{meeting.pk}/minutes/", {"minutes-minutes": "**Decided** to build."}
    )
    assert r.status_code == 302
    r = client.post(
        f"/oslo/follow-up/meetings/{meeting.pk}/action-points/",
        {"task-title": "Order wood", "task-assignee": walter.pk, "task-due_on": "2031-01-10"},
    )
    assert r.status_code == 302
    task = Task.objects.get()
    assert (task.meeting, task.initiative, task.assignee) == (meeting, idea, walter)
    html = client.get(f"/oslo/follow-up/meetings/{meeting.pk}/").content.decode()
    assert "<strong>Decided</strong> to build." in html and "Order wood" in html


def test_bad_minutes_and_action_points_are_400s(client, idea, stella, vic):
    meeting = meeting_for(idea, stella, days=-1)
    client.force_login(stella)
    r = client.post(f"/oslo/follow-up/meetings/{meeting.pk}/minutes/", {"minutes-minutes": "x" * 50001})
    assert r.status_code == 400
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    for data in (
        {"task-title": "X", "task-assignee": vic.pk},  # not in the hub or team
        {
            "task-title": "X",
            "task-assignee": stella.pk,
            "task-starts_on": "2031-01-10",
            "task-due_on": "2031-01-01",
        },
        {"task-title": "x" * 201, "task-assignee": stella.pk},
    ):
        assert client.post(f"/oslo/follow-up/meetings/{meeting.pk}/action-points/", data).status_code == 400
    assert not Task.objects.exists()


def test_participants_and_team_see_the_meeting_but_cannot_write(client, idea, stella, mia, vic, sven):
    meeting = meeting_for(idea, stella)
    client.force_login(mia)
    html = client.get(f"/oslo/follow-up/meetings/{meeting.pk}/").content.decode()
    assert "Record the minutes" not in html
    assert (
        client.post(f"/oslo/follow-up/meetings/{meeting.pk}/minutes/", {"minutes-minutes": "x"}).status_code
        == 403
    )
    for outsider in (vic, sven):
        client.force_login(outsider)
        assert client.get(f"/oslo/follow-up/meetings/{meeting.pk}/").status_code == 403
    client.force_login(sven)
    assert client.get(f"/sodertorn/follow-up/meetings/{meeting.pk}/").status_code == 404


def test_the_owner_adds_a_task_on_the_follow_up_page(client, idea, mia, tina):
    client.force_login(mia)
    page = client.get(f"/oslo/follow-up/initiatives/{idea.slug}/")
    assert page.status_code == 200 and "Add a task" in page.content.decode()
    r = client.post(
        f"/oslo/follow-up/initiatives/{idea.slug}/tasks/new/", {"title": "Sketch", "assignee": tina.pk}
    )
    assert r.status_code == 302
    assert Task.objects.get().assignee == tina


def test_my_tasks_lists_mine_in_every_hub_and_flags_overdue(client, idea, stella, walter, sodertorn):
    today = timezone.localdate()
    late = Task.objects.create(
        hub=idea.hub, initiative=idea, title="Late one", assignee=walter, due_on=today - timedelta(days=1)
    )
    Task.objects.create(hub=sodertorn, title="Swedish one", assignee=walter, due_on=today + timedelta(days=9))
    Task.objects.create(hub=idea.hub, title="Finished one", assignee=walter, status=Task.Status.DONE)
    Task.objects.create(hub=idea.hub, title="Stella's", assignee=stella)
    client.force_login(walter)
    html = client.get("/me/tasks/").content.decode()
    assert "Late one" in html and "Swedish one" in html
    assert "Finished one" not in html and "Stella's" not in html
    assert f'id="task-{late.pk}" class="task--overdue"' in html and "Overdue" in html
    assert "Finished one" in client.get("/me/tasks/?status=done").content.decode()
    assert "Finished one" in client.get("/me/tasks/?status=all").content.decode()
    assert client.get("/me/tasks/?status=bogus").status_code == 200


def test_the_assignee_updates_the_status_from_my_tasks(client, idea, walter, bob):
    task = Task.objects.create(hub=idea.hub, title="T", assignee=walter)
    client.force_login(walter)
    r = client.post(
        f"/oslo/follow-up/tasks/{task.pk}/status/", {"status": "done", "next": "/me/tasks/?status=all"}
    )
    assert r.status_code == 302 and r["Location"] == "/me/tasks/?status=all"
    task.refresh_from_db()
    assert task.status == "done" and task.done_at is not None
    r = client.post(
        f"/oslo/follow-up/tasks/{task.pk}/status/", {"status": "open", "next": "https://evil.example/"}
    )
    assert r["Location"] == "/me/tasks/"
    client.force_login(bob)
    assert client.post(f"/oslo/follow-up/tasks/{task.pk}/status/", {"status": "cancelled"}).status_code == 403


def test_editing_a_task(client, idea, stella, walter, nora):
    task = Task.objects.create(hub=idea.hub, initiative=idea, title="T", assignee=walter, created_by=stella)
    client.force_login(stella)
    url = f"/oslo/follow-up/tasks/{task.pk}/edit/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"title": "T2", "assignee": nora.pk, "starts_on": "2031-02-02", "due_on": "2031-02-01"}
    )
    assert bad.status_code == 400
    assert client.post(url, {"title": "T2", "assignee": nora.pk, "due_on": "2031-02-01"}).status_code == 302
    task.refresh_from_db()
    assert (task.title, task.assignee) == ("T2", nora)
    client.force_login(walter)  # the assignee changes the status, not the task
    assert client.get(url).status_code == 403


def test_anonymous_visitors_sign_in_first(client, idea):
    for url in ("/me/tasks/", QUEUE, f"/oslo/follow-up/initiatives/{idea.slug}/"):
        assert client.get(url).status_code == 302


def _panel(user, initiative):
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "followup/includes/initiative_panel.html" %}')
    return template.render(
        Context({"initiative": initiative, "hub": initiative.hub, "user": user, "request": request})
    )


def test_the_initiative_panel_shows_meetings_and_action_points_to_stewards_and_team(
    idea, stella, mia, vic, walter
):
    meeting = meeting_for(idea, stella)
    Task.objects.create(hub=idea.hub, initiative=idea, meeting=meeting, title="Order wood", assignee=walter)
    html = _panel(stella, idea)
    assert f"/oslo/follow-up/meetings/{meeting.pk}/" in html and "Order wood" in html
    assert "Schedule an advisory meeting" in html  # the clarification meeting is there already
    assert "Follow-up queue" in html
    team_html = _panel(mia, idea)
    assert "Order wood" in team_html and "Schedule" not in team_html and "Follow-up queue" not in team_html
    assert _panel(vic, idea).strip() == ""
