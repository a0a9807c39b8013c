"""Races on the real database: the same party added eight times at once is one row and one
audit entry; eight leads publishing at once record one "publish"."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.audit.models import AuditEntry
from apps.dialogues import services
from apps.dialogues.models import Dialogue, Participant
from apps.organisations.models import Organisation
from apps.places.models import Area, AreaLevel
from tests.factories import HubFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def _race(target):
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = target(index)
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    return outcomes


def _setup():
    hub = HubFactory(slug="oslo")
    leads = [MembershipFactory(hub=hub, is_steward=True).user for _ in range(THREADS)]
    level = AreaLevel.objects.create(hub=hub, slug="district", name="District")
    area = Area.objects.create(hub=hub, level=level, code="0301-05", name="Frogner")
    dialogue = services.dialogue_create(hub=hub, actor=leads[0], title="Pier", area=area)
    return leads, dialogue


def test_the_same_party_added_at_once_is_one_row():
    leads, dialogue = _setup()
    organisation = OrganisationFactory()

    def add(index):
        return services.participant_add(
            dialogue=Dialogue.objects.select_related("hub").get(pk=dialogue.pk),
            actor=User.objects.get(pk=leads[index].pk),
            role="landowner",
            organisation=Organisation.objects.get(pk=organisation.pk),
        )

    outcomes = _race(add)
    wins = [o for o in outcomes if isinstance(o, Participant)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1, outcomes
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Participant.objects.filter(dialogue=dialogue).count() == 1
    assert AuditEntry.objects.filter(action="dialogues.participant_add").count() == 1


def test_publishing_at_once_is_recorded_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks (select_for_update); the race is checked on PostgreSQL")
    leads, dialogue = _setup()

    def publish(index):
        return services.publication_set(
            dialogue=Dialogue.objects.select_related("hub").get(pk=dialogue.pk),
            actor=User.objects.get(pk=leads[index].pk),
            parts=["summary", "values"],
        )

    outcomes = _race(publish)
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert AuditEntry.objects.filter(action="dialogues.publish").count() == 1
    assert Dialogue.objects.get(pk=dialogue.pk).is_public
