"""Eight stewards send the same invitations at once: each address is invited, and e-mailed, once."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from apps.establishment import services
from apps.establishment.models import Invitation
from apps.establishment.services import SendResult
from tests.establishment.conftest import make_meeting

THREADS = 8
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_invitations_at_once(oslo, stella):
    meeting = make_meeting(oslo)
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def send(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = services.invitations_send(
                hub=oslo, actor=stella, event=meeting, addresses="a@example.org b@example.org", language="nb"
            )
        except BaseException as exc:  # noqa: BLE001 - every outcome is inspected
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=send, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(w.is_alive() for w in workers)
    assert all(isinstance(o, SendResult | ValidationError) for o in outcomes), outcomes
    sent = [a for o in outcomes if isinstance(o, SendResult) for a in o.sent]
    assert sorted(sent) == ["a@example.org", "b@example.org"]
    assert Invitation.objects.filter(event=meeting).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
