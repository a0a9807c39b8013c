"""The follow-up demo: meetings, minutes, action points, tasks and notifications, once.

Built on a small cast of its own (not the whole `seed_demo`), so that it tests this demo only.
"""

from io import StringIO

from django.utils import timezone

from apps.followup import demo
from apps.followup.models import Meeting, Task
from apps.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory
from tests.followup.conftest import make_initiative

PEOPLE = {
    "oslo": ["steward@oslo.demo", "ingrid@oslo.demo", "member@oslo.demo", "erik@oslo.demo", "lars@oslo.demo"],
    "sodertorn": ["steward@sodertorn.demo", "member@sodertorn.demo", "per@sodertorn.demo"],
}


def test_the_demo_seeds_follow_up_once(oslo, sodertorn):
    oslo.timezone, sodertorn.timezone = "Europe/Oslo", "Europe/Stockholm"
    sodertorn.save()
    for hub in (oslo, sodertorn):
        users = [
            MembershipFactory(
                hub=hub, user=UserFactory(email=email), is_steward=email.startswith("steward")
            ).user
            for email in PEOPLE[hub.slug]
        ]
        for i in range(2):
            make_initiative(hub, users[-1], slug=f"idea-{i}", title=f"Idea {i}")

    demo.seed(stdout=StringIO())
    counts = (Meeting.objects.count(), Task.objects.count(), Notification.objects.count())
    assert Meeting.objects.filter(hub=oslo, kind="clarification", minutes_recorded_at__isnull=False).exists()
    assert Meeting.objects.filter(hub=sodertorn, kind="advisory").exists()
    assert Meeting.objects.filter(scheduled_at__gt=timezone.now(), kind="clarification").exists()
    held = Meeting.objects.get(hub=oslo, kind="clarification", minutes_recorded_at__isnull=False)
    assert 2 <= held.action_points.count() <= 3
    for email in ("member@oslo.demo", "steward@oslo.demo"):
        mine = Task.objects.filter(assignee__email=email)
        assert any(t.is_overdue for t in mine)
        assert mine.filter(status="done").exists()
        assert mine.filter(status__in=["open", "doing"], due_on__gte=timezone.localdate()).exists()
    assert Notification.objects.filter(recipient__email="member@oslo.demo", read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient__email="member@oslo.demo", read_at__isnull=False).exists()

    demo.seed(stdout=StringIO())
    assert (Meeting.objects.count(), Task.objects.count(), Notification.objects.count()) == counts
