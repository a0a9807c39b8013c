"""Two imports of one archive under the same address at once: one hub, and a clear error for
the other (never a 500). The transfer page costs the same number of queries for 3 or 9 jobs."""

import io
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.hubs.models import Hub
from apps.transfer.archive import ArchiveError
from apps.transfer.importer import import_archive
from apps.transfer.models import TransferJob
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_imports_under_one_slug_at_once(archive_bytes):
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list = [None, None]

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = import_archive(io.BytesIO(archive_bytes), slug="oslo-samtidig")
        except BaseException as exc:  # noqa: BLE001 - the test inspects both outcomes
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], ArchiveError), errors
    assert Hub.objects.filter(slug="oslo-samtidig").count() == 1


@pytest.mark.django_db
def test_the_job_list_costs_constant_queries(client, oslo, stella):
    client.force_login(stella)

    def grow(n):
        for _ in range(n):
            TransferJob.objects.create(kind="export", hub=oslo, created_by=UserFactory(), status="done")

    def measure():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/oslo/manage/transfer/").status_code == 200
        return len(captured)

    grow(3)
    small = measure()
    grow(6)
    assert measure() == small
