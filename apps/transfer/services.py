"""Writes of transfer: starting an export or an import, and running one (in the background).

A job's progress is kept in the cache while it runs (the import's rows are invisible to other
connections until its one transaction commits, and so would a progress column be); the job row
gets its status, counts and file when the job ends."""

import tempfile
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.notifications.services import notify
from apps.transfer.archive import ArchiveError, write_archive
from apps.transfer.importer import check_slug, import_archive
from apps.transfer.models import TransferJob

MAX_UPLOAD_BYTES = 2 * 1024**3


def progress_key(job_id: int) -> str:
    return f"transfer:job:{job_id}:progress"


def job_progress(job: TransferJob) -> tuple[int, int]:
    """(done, total) of a job: from the cache while it runs, from the row when it ended."""
    if job.is_active:
        found = cache.get(progress_key(job.pk))
        if found:
            return int(found[0]), int(found[1])
    return job.done, job.total


def _queue(job: TransferJob) -> None:
    from apps.transfer.tasks import run_transfer_job

    transaction.on_commit(lambda: run_transfer_job.delay(job_id=job.pk))


def export_start(*, hub: Any, user: Any) -> TransferJob:
    if not user.has_perm("transfer.export_hub", hub):
        raise PermissionDenied
    try:
        with transaction.atomic():
            job = TransferJob.objects.create(kind=TransferJob.Kind.EXPORT, hub=hub, created_by=user)
            audit_record(hub=hub, actor=user, action="transfer.export", target=job, label=hub.name)
    except IntegrityError as error:
        raise ValidationError(
            _("An export of this hub is already running. Wait for it to finish."), code="running"
        ) from error
    _queue(job)
    return job


def import_start(*, hub: Any, user: Any, upload: Any, slug: str = "") -> TransferJob:
    """Start importing the uploaded archive as a new hub (the page is the hub `hub`'s, which
    the import does not touch)."""
    if not user.has_perm("transfer.import_hub", hub):
        raise PermissionDenied
    slug = (slug or "").strip().lower()
    if slug:
        check_slug(slug)
    if upload is None:
        raise ValidationError({"archive": _("Choose an archive file.")}, code="required")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"archive": _("The archive is too large.")}, code="too_large")
    with transaction.atomic():
        job = TransferJob(kind=TransferJob.Kind.IMPORT, hub=hub, created_by=user, slug=slug, size=upload.size)
        job.file.save("archive.zip", upload, save=False)
        job.save()
        audit_record(hub=hub, actor=user, action="transfer.import_start", target=job, label=upload.name[:200])
    _queue(job)
    return job


def run_job(job_id: int) -> TransferJob:
    """Run a queued job to its end (called by the Celery task)."""
    with transaction.atomic():
        job = TransferJob.objects.select_for_update().get(pk=job_id)
        if job.status != TransferJob.Status.QUEUED:
            return job
        job.status = TransferJob.Status.RUNNING
        job.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        cache.set(progress_key(job.pk), (done, total), timeout=24 * 3600)

    try:
        if job.kind == TransferJob.Kind.EXPORT:
            _run_export(job, progress)
        else:
            _run_import(job, progress)
    except ArchiveError as error:
        _fail(job, error.message)
    except Exception:
        _fail(job, _("The job failed unexpectedly. The administrators can see the details in the log."))
        raise
    finally:
        cache.delete(progress_key(job.pk))
    job.refresh_from_db()
    return job


def _fail(job: TransferJob, message: str) -> None:
    TransferJob.objects.filter(pk=job.pk).update(
        status=TransferJob.Status.FAILED, message=message, finished_at=timezone.now()
    )


def _run_export(job: TransferJob, progress: Any) -> None:
    hub: Any = job.hub
    with tempfile.TemporaryFile() as out:
        manifest = write_archive(hub, out, progress=progress)
        out.seek(0, 2)
        size = out.tell()
        out.seek(0)
        total = sum(manifest["counts"].values())
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        with transaction.atomic():
            job.file.save(f"{hub.slug}-{stamp}.zip", File(out), save=False)
            job.status = TransferJob.Status.DONE
            job.done = job.total = total
            job.size = size
            job.finished_at = timezone.now()
            job.save()
    if job.created_by is not None:
        notify(
            [job.created_by],
            template="transfer/email/export_done.txt",
            context={"hub": hub, "job": job},
            url=f"/{hub.slug}/manage/transfer/{job.pk}/",
        )


def _run_import(job: TransferJob, progress: Any) -> None:
    with job.file.open("rb") as handle:
        result = import_archive(handle, slug=job.slug or None, progress=progress)
    total = sum(result.counts.values())
    with transaction.atomic():
        job.status = TransferJob.Status.DONE
        job.result_hub = result.hub
        job.done = job.total = total
        job.finished_at = timezone.now()
        job.message = "\n".join(result.warnings)
        job.save()
        audit_record(
            hub=result.hub,
            actor=job.created_by,
            action="transfer.import",
            target=result.hub,
            data={
                "rows": total,
                "people_created": result.created_users,
                "people_matched": result.matched_users,
            },
        )
