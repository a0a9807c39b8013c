"""Models of transfer: one job per export or import, with its progress and its file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage


def archive_path(job: "TransferJob", filename: str) -> str:
    return f"transfer/{job.kind}/{filename}"


class TransferJob(models.Model):
    """An export of a hub (the archive is the `file`) or an import of an archive (the uploaded
    `file`; `result_hub` is the new hub). Runs in the background; progress is `done` of
    `total` rows, kept up to date while it runs."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    hub = models.ForeignKey(
        "hubs.Hub", null=True, blank=True, on_delete=models.CASCADE, related_name="transfer_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    file = models.FileField(upload_to=archive_path, storage=private_storage, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    slug = models.SlugField(_("address of the new hub"), max_length=50, blank=True)
    result_hub = models.ForeignKey(
        "hubs.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transfer job")
        verbose_name_plural = _("transfer jobs")
        constraints = [
            # One export of a hub at a time.
            models.UniqueConstraint(
                fields=["hub"],
                condition=models.Q(kind="export", status__in=["queued", "running"]),
                name="transfer_one_running_export",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
