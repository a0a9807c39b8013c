"""Cooperation agreements (V2): an agreement of a hub (or of one of its initiatives) between
partner organisations, drafted in versions, signed by each party's representative on the exact
text (its SHA-256), and immutable once every party has signed the same version.

Immutability is kept here, below every route: `save()`/`delete()` of a signed agreement, of any
version of it or of its signatures raise `AgreementSigned`, so do the QuerySet's `update()`,
`delete()` and `bulk_create()`, and a `pre_delete` receiver (in apps.py) refuses cascades (a
hub's deletion) that would take a signed agreement with them.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.agreements.canonical import sha256_of
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation

TEXT_MAX = 100_000
SIGNED = "signed"


class AgreementSigned(ValidationError):
    """A change to a signed agreement, by any route."""

    def __init__(self) -> None:
        super().__init__(
            _("This agreement is signed by every party and can no longer be changed."), code="signed"
        )


class _GuardedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """A QuerySet that refuses to update, delete or add rows of signed agreements."""

    signed_lookup = "agreement__status"

    def _touches_signed(self) -> bool:
        return self.filter(**{self.signed_lookup: SIGNED}).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_signed():
            raise AgreementSigned()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_signed():
            raise AgreementSigned()
        return super().delete()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        agreement_ids: set[int] = {
            obj.agreement_id for obj in objs if getattr(obj, "agreement_id", None) is not None
        }
        if agreement_ids and Agreement.objects.filter(pk__in=agreement_ids, status=SIGNED).exists():
            raise AgreementSigned()
        return super().bulk_create(objs, *args, **kwargs)


class AgreementQuerySet(_GuardedQuerySet):
    signed_lookup = "status"


def _stored_agreement_signed(agreement_id: int | None) -> bool:
    """Is the agreement signed *in the database* (whatever the instance in hand says)?"""
    return agreement_id is not None and Agreement.objects.filter(pk=agreement_id, status=SIGNED).exists()


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", gettext_lazy("Drafting")
        SIGNING = "signing", gettext_lazy("Open for signing")
        SIGNED = SIGNED, gettext_lazy("Signed")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="agreements")
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=gettext_lazy("initiative"),
    )
    title = models.CharField(gettext_lazy("title"), max_length=200)
    starts_on = models.DateField(gettext_lazy("from"))
    ends_on = models.DateField(gettext_lazy("to"))
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.DRAFTING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_at = models.DateTimeField(gettext_lazy("signed"), null=True, blank=True)
    signed_version = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = gettext_lazy("cooperation agreement")
        verbose_name_plural = gettext_lazy("cooperation agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _stored_agreement_signed(self.pk):
            raise AgreementSigned()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/agreements/{self.pk}/"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_agreement_signed(self.pk):
            raise AgreementSigned()
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class Party(models.Model):
    """An organisation that is a party to the agreement (an approved partner of the hub when
    the stewards chose it)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreement_parties")

    objects = _GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = gettext_lazy("party")
        verbose_name_plural = gettext_lazy("parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="agreement_party_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.agreement}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        return super().delete(*args, **kwargs)


class AgreementVersion(models.Model):
    """One state of the text, canonical (see apps.agreements.canonical). Numbers run 1, 2, …
    per agreement; a version, once saved, never changes."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(gettext_lazy("version"))
    text = models.TextField(gettext_lazy("text"), max_length=TEXT_MAX)
    sha256 = models.CharField(max_length=64, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(gettext_lazy("what changed"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = _GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "-number"]
        verbose_name = gettext_lazy("version")
        verbose_name_plural = gettext_lazy("versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        if self.pk is not None and AgreementVersion.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A saved version never changes: write a new version."), code="immutable")
        self.sha256 = sha256_of(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.agreement.hub.slug}/agreements/{self.agreement_id}/versions/{self.number}/"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        return super().delete(*args, **kwargs)

    @property
    def hub(self) -> Hub:
        return self.agreement.hub


class Signature(models.Model):
    """A representative signed one version for one organisation: who, for which organisation,
    when, and the SHA-256 of the canonical text they saw. Names are kept as they were at the
    moment of signing, so the record stays true when a person or an organisation changes."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreement_signatures"
    )
    organisation_name = models.CharField(gettext_lazy("organisation"), max_length=200)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_name = models.CharField(gettext_lazy("signed by"), max_length=200)
    sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(gettext_lazy("signed"))

    objects = _GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = gettext_lazy("signature")
        verbose_name_plural = gettext_lazy("signatures")
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="agreement_signature_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} signed {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        if self.pk is not None and Signature.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A signature never changes."), code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_agreement_signed(self.agreement_id):
            raise AgreementSigned()
        return super().delete(*args, **kwargs)

    @property
    def hub(self) -> Hub:
        return self.agreement.hub
