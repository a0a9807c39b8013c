"""Shared visions (C4): a document a space drafts together in versions, which partner
organisations then endorse, version by version."""

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.organisations.models import Organisation
from apps.participation.spaces import SpaceScoped

TEXT_MAX = 50_000


class Vision(SpaceScoped):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        ENDORSING = "endorsing", _("Open for endorsement")
        ADOPTED = "adopted", _("Adopted")

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFTING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coauthored_visions", verbose_name=_("co-authors")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        indexes = [models.Index(fields=["hub", "initiative", "area"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/visions/v/{self.pk}/"


class VisionVersion(models.Model):
    """One saved state of the text. Numbers run 1, 2, … per vision; a version never changes."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vision", "-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["vision", "number"], name="vision_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.vision} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return f"/{self.vision.hub.slug}/visions/v/{self.vision_id}/versions/{self.number}/"

    @property
    def hub(self) -> Any:
        """The vision's hub: its offices count for permissions on the version."""
        return self.vision.hub

    @property
    def initiative(self) -> Any:
        """The vision's initiative, if it is an initiative's: its team counts for the version."""
        return self.vision.initiative


class VersionComment(models.Model):
    version = models.ForeignKey(VisionVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"Comment on {self.version}"


class Endorsement(models.Model):
    """A partner organisation stands behind one version, through one of its representatives."""

    version = models.ForeignKey(VisionVersion, on_delete=models.CASCADE, related_name="endorsements")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="endorsements")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="endorsement_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} endorses {self.version}"
