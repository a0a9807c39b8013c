"""Reads of transfer: the jobs a hub's transfer page lists, and one job."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.transfer.models import TransferJob


def jobs_of(*, hub: Any) -> QuerySet[TransferJob]:
    """The hub's exports and the imports started from its page, newest first (constant queries)."""
    return TransferJob.objects.filter(hub=hub).select_related("created_by", "result_hub")


def job_get(*, hub: Any, pk: int) -> TransferJob:
    return get_object_or_404(jobs_of(hub=hub), pk=pk)
