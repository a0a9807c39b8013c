"""Eight saves of one thing at once make one document, never an IntegrityError."""

import threading

import pytest
from django.db import connection

from apps.initiatives.models import Initiative
from apps.search import services
from apps.search.indexers import BY_KIND
from apps.search.models import SearchDocument
from tests.search.conftest import make_initiative

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(call):
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes = [None] * THREADS

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = call(index)
        except BaseException as exc:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers), "a thread hung"
    return outcomes


def test_eight_saves_at_once_make_one_document(oslo):
    initiative = make_initiative(oslo, "Start", slug="start")
    SearchDocument.objects.all().delete()

    def save(i):
        obj = Initiative.objects.select_related("hub").get(pk=initiative.pk)
        obj.title = f"Tittel {i}"
        obj.save()
        return True

    outcomes = at_once(save)
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    docs = list(SearchDocument.objects.filter(kind="initiative"))
    assert len(docs) == 1
    assert docs[0].title == Initiative.objects.get(pk=initiative.pk).title


def test_eight_indexings_at_once_make_one_document(oslo):
    initiative = make_initiative(oslo, "Start", slug="start")
    SearchDocument.objects.all().delete()
    outcomes = at_once(lambda i: services.index_object(BY_KIND["initiative"], initiative))
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert SearchDocument.objects.count() == 1
