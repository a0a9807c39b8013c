"""Six team members publish the same final report at once: it is published once, and each
person who took part is told once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.audit.models import AuditEntry
from apps.initiatives.models import Follow, Initiative, TeamMember
from apps.notifications.models import Notification
from apps.results import services
from apps.results.models import ProgressReport
from tests.factories import HubFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


def test_concurrent_publishing_tells_once():
    hub = HubFactory(slug="oslo")
    owner = UserFactory()
    initiative = Initiative.objects.create(hub=hub, slug="benker", title="Benker", owner=owner)
    team = [owner] + [UserFactory() for _ in range(THREADS - 1)]
    for person in team[1:]:
        TeamMember.objects.create(initiative=initiative, user=person)
    followers = [UserFactory() for _ in range(3)]
    for person in followers:
        Follow.objects.create(initiative=initiative, user=person)
    report = services.report_create(
        hub=hub, initiative=initiative, actor=owner, title="Slutt", text="x", is_final=True
    )

    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = services.report_publish(
                report=ProgressReport.objects.get(pk=report.pk), actor=User.objects.get(pk=team[index].pk)
            )
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)

    wins = [o for o in outcomes if isinstance(o, int)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1, outcomes
    assert all(type(loss) is ValidationError and loss.code == "published" for loss in losses), losses
    assert Notification.objects.count() == 3
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        u.pk for u in followers
    )
    assert AuditEntry.objects.filter(action="results.final_report").count() == 1
