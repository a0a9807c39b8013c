"""Support at the same moment: the same person eight times, eight people at once, and eight
reports from one person. The count is exact and no request fails with a database error. On
PostgreSQL, a support that arrives while a moderator hides the idea waits for the lock."""

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from apps.accounts.models import User
from apps.participation import services
from apps.participation.models import Idea, Report, Support
from apps.participation.spaces import Space
from tests.factories import HubFactory, MembershipFactory, UserFactory
from tests.hubs.test_concurrency import THREADS, at_once, split

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_idea():
    hub = HubFactory(slug="oslo")
    return services.idea_create(
        space=Space(hub=hub), author=UserFactory(), title="Benker", body="Flere benker"
    )


def test_eight_supports_by_one_person_count_once(shared_idea):
    person = UserFactory()

    def support(_index: int) -> Support:
        return services.support_add(
            idea=Idea.objects.get(pk=shared_idea.pk), user=User.objects.get(pk=person.pk)
        )

    wins, losses = split(at_once(support), Support)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    shared_idea.refresh_from_db()
    assert shared_idea.support_count == 1 == Support.objects.filter(idea=shared_idea).count()


def test_eight_people_supporting_at_once_count_eight(shared_idea):
    people = [UserFactory() for _ in range(THREADS)]

    def support(index: int) -> Support:
        return services.support_add(
            idea=Idea.objects.get(pk=shared_idea.pk), user=User.objects.get(pk=people[index].pk)
        )

    _wins, losses = split(at_once(support), Support)

    assert losses == []
    shared_idea.refresh_from_db()
    assert shared_idea.support_count == THREADS == Support.objects.filter(idea=shared_idea).count()


def test_eight_withdrawals_by_one_person_count_once(shared_idea):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.support_add(idea=shared_idea, user=person)

    def withdraw(_index: int) -> str:
        services.support_withdraw(
            idea=Idea.objects.get(pk=shared_idea.pk), user=User.objects.get(pk=people[0].pk)
        )
        return "withdrawn"

    wins, losses = split(at_once(withdraw), str)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "absent" for loss in losses), losses
    shared_idea.refresh_from_db()
    assert shared_idea.support_count == 2 == Support.objects.filter(idea=shared_idea).count()


def test_support_and_withdraw_mixed_by_many_people_stay_exact(shared_idea):
    people = [UserFactory() for _ in range(THREADS)]
    for person in people[::2]:
        services.support_add(idea=shared_idea, user=person)

    def toggle(index: int) -> str:
        idea, user = Idea.objects.get(pk=shared_idea.pk), User.objects.get(pk=people[index].pk)
        if index % 2 == 0:
            services.support_withdraw(idea=idea, user=user)
            return "withdrawn"
        services.support_add(idea=idea, user=user)
        return "added"

    _wins, losses = split(at_once(toggle), str)

    assert losses == []
    shared_idea.refresh_from_db()
    assert shared_idea.support_count == Support.objects.filter(idea=shared_idea).count() == THREADS // 2


def test_eight_reports_by_one_person_make_one(shared_idea):
    person = UserFactory()

    def report(index: int) -> Report:
        return services.report_create(
            target=Idea.objects.get(pk=shared_idea.pk),
            reporter=User.objects.get(pk=person.pk),
            reason=f"Spam {index}",
        )

    wins, losses = split(at_once(report), Report)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Report.objects.filter(idea=shared_idea, reporter=person, status="open").count() == 1


def test_eight_comments_at_once_are_all_counted(shared_idea):
    people = [UserFactory() for _ in range(THREADS)]

    def comment(index: int):
        return services.comment_create(
            idea=Idea.objects.get(pk=shared_idea.pk),
            author=User.objects.get(pk=people[index].pk),
            body=f"Hei {index}",
        )

    outcomes = at_once(comment)
    assert not any(isinstance(o, BaseException) for o in outcomes), outcomes
    shared_idea.refresh_from_db()
    assert shared_idea.comment_count == THREADS


# A lock that can be seen -----------------------------------------------------------------
# SQLite lets one writer in at a time, so there a missing row lock changes nothing one can
# observe. PostgreSQL runs transactions side by side: there the lock on the idea is what makes
# a support wait for a moderator who is hiding the idea at that moment.


def blocked_by_me(worker: threading.Thread, backend: list[int]) -> bool:
    """Wait until the worker's connection waits for a lock this connection holds (or until the
    worker finished without ever waiting, which is the answer too)."""
    with connection.cursor() as cursor:
        while worker.is_alive():
            if backend:
                cursor.execute("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [backend[0]])
                if cursor.fetchone()[0]:
                    return True
            worker.join(timeout=0.05)
    return False


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are observable only on PostgreSQL (CI runs it)"
)
def test_a_support_during_a_hide_waits_for_the_moderator_and_is_refused(shared_idea):
    moderator = MembershipFactory(hub=shared_idea.hub, is_steward=True).user
    person = UserFactory()
    outcome: list[Any] = []
    backend: list[int] = []

    def support() -> None:
        try:
            connection.ensure_connection()
            backend.append(connection.connection.info.backend_pid)
            outcome.append(services.support_add(idea=Idea.objects.get(pk=shared_idea.pk), user=person))
        except ValidationError as exc:
            outcome.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=support)
    with transaction.atomic():  # the moderator's request, still open while the support arrives
        services.idea_hide(idea=shared_idea, actor=moderator, reason="Personal information")
        worker.start()
        assert blocked_by_me(worker, backend), "the support did not wait for the moderator's lock"
    worker.join(timeout=60)
    assert not worker.is_alive(), "the support hung"

    assert len(outcome) == 1 and isinstance(outcome[0], ValidationError), outcome
    assert outcome[0].code == "hidden"
    shared_idea.refresh_from_db()
    assert shared_idea.is_hidden
    assert shared_idea.support_count == 0 == Support.objects.filter(idea=shared_idea).count()
