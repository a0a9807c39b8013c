"""/api/v1/me/tasks: the signed-in person's tasks (session auth)."""

from datetime import timedelta

from django.utils import timezone

from apps.followup.models import Task


def test_anonymous_gets_401(client):
    assert client.get("/api/v1/me/tasks").status_code == 401


def test_it_lists_my_open_tasks_with_their_shape(client, idea, walter, stella):
    today = timezone.localdate()
    Task.objects.create(
        hub=idea.hub, initiative=idea, title="Late", assignee=walter, due_on=today - timedelta(days=1)
    )
    Task.objects.create(hub=idea.hub, title="Done", assignee=walter, status=Task.Status.DONE)
    Task.objects.create(hub=idea.hub, title="Not mine", assignee=stella)
    client.force_login(walter)
    body = client.get("/api/v1/me/tasks").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert set(item) == {
        "id",
        "title",
        "description",
        "status",
        "hub",
        "initiative",
        "initiative_url",
        "due_on",
        "starts_on",
        "overdue",
        "created_at",
        "done_at",
    }
    assert (item["title"], item["hub"], item["initiative"], item["overdue"]) == (
        "Late",
        "oslo",
        idea.title,
        True,
    )
    assert item["initiative_url"] == "/oslo/initiatives/community-garden/"
    assert client.get("/api/v1/me/tasks?status=done").json()["items"][0]["title"] == "Done"
    assert client.get("/api/v1/me/tasks?status=all").json()["count"] == 2
