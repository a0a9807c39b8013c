"""Background tasks of transfer. They run on a Celery worker when a broker is set, in-process otherwise."""

from celery import shared_task


@shared_task
def run_transfer_job(*, job_id: int) -> str:
    from apps.transfer.services import run_job

    return str(run_job(job_id).status)
